package access

// The terms of an API call, as the front-ends see them: the request and
// response of [Service.API], and Zoom's errors, so that no front-end needs
// the protocol package (auth/zoom) itself.

import (
	"net/http"
	"net/url"
	"time"

	"zoomconn/auth/zoom"
)

// Request is one API call. Path is relative to the connection's API base
// ("/users/me" or "users/me", possibly with a query), or a full URL on the
// base's own origin. Query is added to the path's query (its values win).
// Body is sent as is, as JSON unless Header says otherwise. Header may not
// carry Authorization: the connection's access token is the only
// credential sent.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte
	Header http.Header
}

// URL is the address r names under the API base URL base, as [Service.API]
// calls it: a relative path joins base's path, a full URL must be on base's
// origin (scheme, host and port) or a [KindForeignHost] [ZoomError] says
// so.
func (r Request) URL(base string) (*url.URL, error) {
	return zoom.ResolveURL(base, r.Path, r.Query)
}

func (r Request) zoom() zoom.Request {
	return zoom.Request{Method: r.Method, Path: r.Path, Query: r.Query, Body: r.Body, Header: r.Header}
}

// Response is Zoom's answer to an API call as received: Header and Body
// are the server's, not yet made safe. Body is at most [MaxAPIBodyBytes].
type Response struct {
	Status    int
	Proto     string
	Header    http.Header
	Body      []byte
	Duration  time.Duration
	RateLimit RateLimit
}

// OK reports a 2xx status.
func (r *Response) OK() bool { return r.Status/100 == 2 }

// responseOf is z in this package's terms (nil for nil); the body is
// shared, not copied.
func responseOf(z *zoom.Response) *Response {
	if z == nil {
		return nil
	}
	return &Response{Status: z.Status, Proto: z.Proto, Header: z.Header, Body: z.Body, Duration: z.Duration, RateLimit: z.RateLimit}
}

// RateLimit is what Zoom's rate-limit headers said, made safe to print.
type RateLimit = zoom.RateLimit

// MaxAPIBodyBytes bounds how much of one API answer is read.
const MaxAPIBodyBytes = zoom.MaxAPIBodyBytes

// DefaultRequestTimeout bounds every request to Zoom when [Service]
// has no HTTPClient of its own.
const DefaultRequestTimeout = zoom.DefaultRequestTimeout

// MaxTokenLifetime is the longest a token is believed to live: a
// [Service.MinTokenLifetime] above it always gets a fresh token.
const MaxTokenLifetime = zoom.MaxTokenLifetime

// ZoomError is a failure talking to Zoom, in facts: its Kind, Zoom's
// status, code and reason, the scopes missing, a Retry-After, the hosts of
// a refused redirect or foreign URL, and a Message (what happened) and Hint
// (what to check at Zoom or on the network) in neutral words. The
// front-ends add what to do in their own terms.
type ZoomError = zoom.Error

// IsKind reports whether err is a [ZoomError] of this kind.
func IsKind(err error, kind string) bool { return zoom.IsKind(err, kind) }

// Kinds of [ZoomError].
const (
	KindInvalidClient    = zoom.KindInvalidClient
	KindInvalidAccount   = zoom.KindInvalidAccount
	KindNotActivated     = zoom.KindNotActivated
	KindUnsupportedGrant = zoom.KindUnsupportedGrant
	KindInvalidRedirect  = zoom.KindInvalidRedirect
	KindInvalidGrant     = zoom.KindInvalidGrant
	KindMissingScopes    = zoom.KindMissingScopes
	KindInvalidToken     = zoom.KindInvalidToken
	KindRateLimited      = zoom.KindRateLimited
	KindServerError      = zoom.KindServerError
	KindTimeout          = zoom.KindTimeout
	KindDNS              = zoom.KindDNS
	KindConnect          = zoom.KindConnect
	KindBadResponse      = zoom.KindBadResponse
	KindDeclined         = zoom.KindDeclined
	KindOther            = zoom.KindOther
	KindRedirect         = zoom.KindRedirect
	KindForeignHost      = zoom.KindForeignHost
	KindBadRequest       = zoom.KindBadRequest
)

// What answered with a redirect that was not followed
// ([ZoomError].Endpoint, for [KindRedirect]).
const (
	EndpointToken  = zoom.EndpointToken
	EndpointRevoke = zoom.EndpointRevoke
	EndpointAPI    = zoom.EndpointAPI
)
