package gui

import (
	"context"
	"errors"

	"zoomconn/auth/access"
)

// APICaller makes one Zoom API call for the console with a connection's
// access token, which it never hands back. The console owns this seam: the
// app wires it to the core's API call, tests to a fake.
type APICaller interface {
	Call(ctx context.Context, connection string, r APIRequest) (*APIResponse, error)
}

// APIRequest is what the console asks for: the core's request (Path
// relative to the connection's API base URL, "users/me"; Query holds the
// query fields) and how to make it. Paginate asks to follow
// next_page_token and merge the pages. Notice, if set, is told what the
// call is doing while it runs ("rate limited (Light, QPS), retrying in
// 2 s"); it is called on the call's goroutine.
type APIRequest struct {
	access.Request
	Paginate bool
	Notice   func(string)
}

// APIResponse is Zoom's answer as received: the status, headers and body
// (raw, not yet sanitised) and how long the call took (every page's, for
// a paginated call).
type APIResponse = access.Response

// errNoAPI is what the console says when the build has no API call.
var errNoAPI = errors.New("API calls are not available in this build.")

// noAPI is the caller used when nothing better is wired.
type noAPI struct{}

func (noAPI) Call(context.Context, string, APIRequest) (*APIResponse, error) { return nil, errNoAPI }
