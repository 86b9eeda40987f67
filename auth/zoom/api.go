package zoom

// One REST API request with an access token: the URL is resolved against
// the connection's API base and the token goes to that origin only.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"zoomconn/auth/deploy"
	"zoomconn/internal/safetext"
)

// MaxAPIBodyBytes bounds how much of one API answer [Client.Do] reads.
const MaxAPIBodyBytes = 32 << 20

// Kinds of [Error] for requests refused before anything was sent.
const (
	// KindForeignHost: a full URL names another origin than the
	// connection's API base; the token is not sent there.
	KindForeignHost = "foreign_host"
	// KindBadRequest: the request itself is not acceptable (an
	// Authorization header, an unparsable path).
	KindBadRequest = "bad_request"
)

// Request is one API call. Path is relative to the API base ("/users/me"
// or "users/me", possibly with a query), or a full URL on the base's own
// origin. Query is added to the path's query (its values win). Body is
// sent as is, as JSON unless Header says otherwise. Header may not carry
// Authorization: the access token is the only credential sent.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte
	Header http.Header
	// ReadInto, if set, receives the answer (it is reset first) and the
	// Response's Body is its bytes: a caller making many requests in turn,
	// such as pagination, reuses one buffer instead of leaving one behind
	// per page. The Body is valid until ReadInto is used again.
	ReadInto *bytes.Buffer
}

// RateLimit is what Zoom's rate-limit headers said, made safe to print.
type RateLimit struct {
	Category  string        // X-RateLimit-Category: "Light", "Medium", "Heavy", …
	Type      string        // X-RateLimit-Type: "QPS", "Daily-limit", …
	Limit     string        // X-RateLimit-Limit
	Remaining string        // X-RateLimit-Remaining
	Retry     time.Duration // Retry-After (seconds or a date); 0 if none
	HasRetry  bool          // a Retry-After header was sent
}

// Daily reports whether the limit is a daily one, which no retry within
// the day helps.
func (r RateLimit) Daily() bool {
	t := strings.ToLower(r.Type)
	return strings.Contains(t, "daily") || strings.Contains(t, "day")
}

// Response is an API answer. Body is at most [MaxAPIBodyBytes].
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

// Explain turns a non-2xx answer into an [Error] (nil for 2xx).
func (r *Response) Explain() *Error {
	if r.OK() {
		return nil
	}
	return ExplainResponse(r.Status, r.Header, r.Body, nil)
}

// ResolveURL is the URL a request's path names under base: a relative path
// joins base's path, a full URL must be on base's origin (scheme, host and
// port), or a [KindForeignHost] error says so. query is added to the
// path's own query, its values winning.
func ResolveURL(base, path string, query url.Values) (*url.URL, error) {
	b, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || b.Host == "" {
		return nil, &Error{Kind: KindBadRequest, Message: fmt.Sprintf("The connection's API base URL %q is not a URL.", base)}
	}
	var u *url.URL
	low := strings.ToLower(path)
	if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") || strings.HasPrefix(path, "//") {
		u, err = url.Parse(path)
		if err != nil {
			return nil, &Error{Kind: KindBadRequest, Message: fmt.Sprintf("%q is not a URL: %v.", path, err)}
		}
		if u.Host == "" || deploy.Origin(u) != deploy.Origin(b) || u.User != nil {
			host := safetext.Clean(u.Host, safetext.MaxServer)
			return nil, &Error{
				Kind:    KindForeignHost,
				Message: fmt.Sprintf("%s is not this connection's API server (%s); the access token is sent nowhere else.", host, b.Host),
				Hint:    "Give a path relative to the API base, such as /users/me.",
				Host:    host, APIHost: b.Host,
			}
		}
	} else {
		rel, err := url.Parse(path)
		if err != nil || rel.Scheme != "" || rel.Host != "" {
			return nil, &Error{Kind: KindBadRequest, Message: fmt.Sprintf("%q is not an API path.", path)}
		}
		u = &url.URL{Scheme: b.Scheme, Host: b.Host, Path: b.Path + "/" + strings.TrimLeft(rel.Path, "/"), RawQuery: rel.RawQuery}
		if rel.RawPath != "" {
			u.RawPath = b.EscapedPath() + "/" + strings.TrimLeft(rel.RawPath, "/")
		}
	}
	u.Fragment, u.RawFragment = "", ""
	if len(query) > 0 {
		q := u.Query()
		for k, v := range query {
			q[k] = v
		}
		u.RawQuery = q.Encode()
	}
	return u, nil
}

// Do makes one API request to base with the access token. A non-2xx answer
// is a Response, not an error: see [Response.Explain]. Errors are requests
// not sent ([KindForeignHost], [KindBadRequest]), refused redirects to
// another origin, and transport failures.
func (c *Client) Do(ctx context.Context, base, accessToken string, r Request) (*Response, error) {
	for k := range r.Header {
		if strings.EqualFold(k, "Authorization") {
			return nil, &Error{Kind: KindBadRequest, Message: "An Authorization header cannot be given: the connection's own access token is the only credential sent."}
		}
	}
	u, err := ResolveURL(base, r.Path, r.Query)
	if err != nil {
		return nil, err
	}
	method := strings.ToUpper(r.Method)
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, &Error{Kind: KindBadRequest, Message: safetext.Clean(err.Error(), safetext.MaxServer)}
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	if r.Body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	start := time.Now()
	resp, err := c.apiClient().Do(req)
	if err != nil {
		return nil, explainError(refusedRedirect(err), u.Host)
	}
	defer resp.Body.Close()
	raw, err := readBody(resp, MaxAPIBodyBytes+1, r.ReadInto)
	if err != nil {
		return nil, explainError(err, u.Host)
	}
	if len(raw) > MaxAPIBodyBytes {
		return nil, &Error{Kind: KindBadResponse, Status: resp.StatusCode,
			Message: fmt.Sprintf("The answer from %s is larger than %d MiB, so it was not read.", u.Host, MaxAPIBodyBytes>>20)}
	}
	return &Response{
		Status:    resp.StatusCode,
		Proto:     resp.Proto,
		Header:    resp.Header,
		Body:      raw,
		Duration:  time.Since(start),
		RateLimit: rateLimitOf(resp.Header),
	}, nil
}

func rateLimitOf(h http.Header) RateLimit {
	clean := func(k string) string { return safetext.Clean(h.Get(k), safetext.MaxCode) }
	return RateLimit{
		Category:  clean("X-RateLimit-Category"),
		Type:      clean("X-RateLimit-Type"),
		Limit:     clean("X-RateLimit-Limit"),
		Remaining: clean("X-RateLimit-Remaining"),
		Retry:     retryAfter(h),
		HasRetry:  h.Get("Retry-After") != "",
	}
}

// readBody reads at most limit bytes of resp's body, in one buffer of the
// announced length when there is one (io.ReadAll would grow its buffer in
// steps and leave the smaller ones behind as garbage).
func readBody(resp *http.Response, limit int64, into *bytes.Buffer) ([]byte, error) {
	buf := into
	if buf == nil {
		buf = &bytes.Buffer{}
	}
	buf.Reset()
	if n := resp.ContentLength; n > 0 && n < limit {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit))
	return buf.Bytes(), err
}
