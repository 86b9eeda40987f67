package console

import (
	"context"
	"errors"

	"zoomconn/auth/access"
)

// Caller makes one Zoom API call for the console with a connection's
// access token, which it never hands back. The console owns this seam: the
// app leaves it to the core's API call, tests pass a fake.
type Caller interface {
	Call(ctx context.Context, connection string, r Request) (*Response, error)
}

// Request is what the console asks for: the core's request (Path
// relative to the connection's API base URL, "users/me"; Query holds the
// query fields) and how to make it. Paginate asks to follow
// next_page_token and merge the pages. Notice, if set, is told what the
// call is doing while it runs ("rate limited (Light, QPS), retrying in
// 2 s"); it is called on the call's goroutine.
type Request struct {
	access.Request
	Paginate bool
	Notice   func(string)
	// OnPage, with Paginate, is told how far the call got each time a
	// page has been merged; it is called on the call's goroutine.
	OnPage func(access.PageProgress)
}

// Response is Zoom's answer as received: the status, headers and body
// (raw, not yet sanitised) and how long the call took (every page's, for
// a paginated call).
type Response = access.Response

// errNoAPI is what the console says when the build has no API call.
var errNoAPI = errors.New("API calls are not available in this build.")

// noAPI is the caller used when nothing better is wired.
type noAPI struct{}

func (noAPI) Call(context.Context, string, Request) (*Response, error) { return nil, errNoAPI }
