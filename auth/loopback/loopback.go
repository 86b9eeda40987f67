// Package loopback is a one-shot HTTP server on 127.0.0.1 that catches an
// OAuth 2.0 authorization response (RFC 8252 §7.3) and returns its code or
// its error. It knows nothing of Zoom or of stored secrets, and must never
// import auth or auth/zoom: it serves any provider.
package loopback

import (
	"context"
	"crypto/subtle"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// DeclinedError is an error response from the authorization server
// (RFC 6749 §4.1.2.1), as the browser brought it. Code and Description come
// from the query string, so anyone who can reach the port chose them: they
// are untrusted text.
type DeclinedError struct {
	Code        string // "access_denied", …
	Description string // error_description, may be empty
}

func (e *DeclinedError) Error() string {
	return "the authorization server answered with error " + strconv.Quote(e.Code)
}

// TimeoutError says no answer came back within After.
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("no answer came back from the browser within %s", e.After)
}

// PortInUseError says a fixed port could not be bound.
type PortInUseError struct {
	Port int
	Err  error
}

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("the fixed port %d for the redirect URL is in use or not allowed (%v)", e.Port, e.Err)
}

func (e *PortInUseError) Unwrap() error { return e.Err }

// callbackResult is what the browser brought back.
type callbackResult struct {
	code string
	err  error
}

// Server is a one-shot HTTP server on 127.0.0.1 that waits for the
// authorization response. Requests with a wrong Host, path or state are
// answered with an error page and the wait goes on; the first valid
// callback ends it and the listener closes.
type Server struct {
	listener    net.Listener
	server      *http.Server
	host        string // "127.0.0.1:PORT", the only Host header accepted
	path        string
	state       string
	redirectURL string

	once   sync.Once
	done   bool
	mu     sync.Mutex
	result chan callbackResult
}

// Listen binds 127.0.0.1 only (never all interfaces, never the name
// localhost, which may resolve to ::1) and serves path; port 0 picks a free
// port. Only a callback carrying exactly state ends the wait.
func Listen(port int, path, state string) (*Server, error) {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		if port != 0 {
			return nil, &PortInUseError{Port: port, Err: err}
		}
		return nil, fmt.Errorf("opening a loopback port for the browser's redirect: %w", err)
	}
	lb := newServer(l.Addr().String(), path, state)
	lb.listener = l
	lb.redirectURL = "http://" + lb.host + path
	lb.server = &http.Server{Handler: lb, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = lb.server.Serve(l) }()
	return lb, nil
}

func newServer(host, path, state string) *Server {
	return &Server{host: host, path: path, state: state, result: make(chan callbackResult, 1)}
}

// RedirectURL is the redirect_uri to send: http://127.0.0.1:PORT/PATH.
func (lb *Server) RedirectURL() string { return lb.redirectURL }

// Close stops the server; a final page being sent is let finish.
func (lb *Server) Close() {
	lb.once.Do(func() {
		if lb.server == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = lb.server.Shutdown(ctx) // lets the final page finish sending
	})
}

// Wait blocks until the callback, ctx's end or the timeout, then closes the
// server. It returns the code, or a [*DeclinedError], a [*TimeoutError] or
// ctx's error.
func (lb *Server) Wait(ctx context.Context, timeout time.Duration) (string, error) {
	defer lb.Close()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-lb.result:
		return r.code, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	case <-timer.C:
		return "", &TimeoutError{After: timeout}
	}
}

// ServeHTTP answers the browser.
func (lb *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	switch {
	case r.Host != lb.host:
		// DNS rebinding guard: only our own address may call us.
		writePage(w, http.StatusMisdirectedRequest, false, "Wrong address", "This page only answers at "+lb.host+".")
		return
	case r.URL.Path != lb.path:
		http.NotFound(w, r)
		return
	case r.Method != http.MethodGet:
		w.Header().Set("Allow", http.MethodGet)
		writePage(w, http.StatusMethodNotAllowed, false, "Not allowed", "Only GET is accepted here.")
		return
	}
	lb.mu.Lock()
	defer lb.mu.Unlock()
	if lb.done {
		writePage(w, http.StatusGone, false, "Already finished", "This authorization has already been completed. You may close this tab.")
		return
	}
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(lb.state)) != 1 {
		// A forged or stale callback must not end the real flow.
		writePage(w, http.StatusBadRequest, false, "Authorization not accepted", "This answer does not belong to the authorization being waited for (state mismatch). If this persists, start the authorization again.")
		return
	}
	if e := q.Get("error"); e != "" {
		lb.done = true
		lb.result <- callbackResult{err: &DeclinedError{Code: e, Description: q.Get("error_description")}}
		if len(e) > 64 {
			e = e[:64] + "…"
		}
		text := "The authorization was not completed (the answer was: " + e + "). Return to the app to see what to do; you may close this tab."
		if e == "access_denied" {
			text = "The authorization was declined, so nothing was saved. You may close this tab."
		}
		writePage(w, http.StatusOK, false, "Authorization not completed", text)
		return
	}
	code := q.Get("code")
	if code == "" {
		writePage(w, http.StatusBadRequest, false, "Authorization not accepted", "The answer has no authorization code.")
		return
	}
	lb.done = true
	lb.result <- callbackResult{code: code}
	writePage(w, http.StatusOK, true, "Authorized", "The authorization was received. You may close this tab and return to the app.")
}

// pageTmpl is parsed on the first page served, not when the program starts:
// every zoomconn run links this package, few serve a login.
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageHTML))
})

const pageHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}} · Zoom Connections</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6fa;color:#1d2330;display:flex;min-height:90vh;align-items:center;justify-content:center;margin:0}
main{background:#fff;border-radius:12px;padding:2rem 2.5rem;max-width:32rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .8rem;color:{{if .OK}}#0b7a3b{{else}}#b3261e{{end}}}
@media (prefers-color-scheme:dark){body{background:#15181e;color:#e6e9ef}main{background:#1f232b}}
</style></head>
<body><main><h1>{{if .OK}}✓{{else}}✗{{end}} {{.Title}}</h1><p>{{.Text}}</p></main></body></html>
`

func writePage(w http.ResponseWriter, status int, ok bool, title, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = pageTmpl().Execute(w, struct {
		OK          bool
		Title, Text string
	}{ok, title, text})
}
