package auth

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

// CallbackPath is the path of the loopback redirect URL. Zoom matches the
// scheme, host and path of a loopback redirect exactly and ignores the port.
const CallbackPath = "/oauth/callback"

// RedirectURLFor is the redirect URL to register in the Zoom app: with the
// fixed port if one is set, else without (Zoom ignores it for 127.0.0.1).
func RedirectURLFor(port int) string {
	if port > 0 {
		return "http://127.0.0.1:" + strconv.Itoa(port) + CallbackPath
	}
	return "http://127.0.0.1" + CallbackPath
}

// callbackResult is what the browser brought back.
type callbackResult struct {
	code string
	err  error
}

// loopback is a one-shot HTTP server on 127.0.0.1 that waits for the
// authorization response (RFC 8252 §7.3). Requests with a wrong Host, path
// or state are answered with an error page and the wait goes on; the first
// valid callback ends it and the listener closes.
type loopback struct {
	listener    net.Listener
	server      *http.Server
	host        string // "127.0.0.1:PORT", the only Host header accepted
	state       string
	redirectURL string

	once   sync.Once
	done   bool
	mu     sync.Mutex
	result chan callbackResult
}

// listenLoopback binds 127.0.0.1 only (never all interfaces, never the name
// localhost, which Zoom rejects and which may resolve to ::1); port 0 picks
// a free one.
func listenLoopback(port int, state string) (*loopback, error) {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		if port != 0 {
			return nil, fmt.Errorf("the fixed port %d for the redirect URL is in use or not allowed (%w); close the program using it, or clear the fixed port in the OAuth client", port, err)
		}
		return nil, fmt.Errorf("opening a loopback port for the browser's redirect: %w", err)
	}
	lb := &loopback{
		listener: l,
		host:     l.Addr().String(),
		state:    state,
		result:   make(chan callbackResult, 1),
	}
	lb.redirectURL = "http://" + lb.host + CallbackPath
	lb.server = &http.Server{Handler: lb, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = lb.server.Serve(l) }()
	return lb, nil
}

func (lb *loopback) close() {
	lb.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = lb.server.Shutdown(ctx) // lets the final page finish sending
	})
}

// wait blocks until the callback, ctx's end or the timeout.
func (lb *loopback) wait(ctx context.Context, timeout time.Duration) (string, error) {
	defer lb.close()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-lb.result:
		return r.code, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	case <-timer.C:
		return "", &ZoomError{Kind: KindTimeout, Message: fmt.Sprintf("No answer came back from the browser within %s.", timeout),
			Hint: "Start the authorization again and finish it in the browser; if no browser opened, copy the authorize URL into one."}
	}
}

func (lb *loopback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	switch {
	case r.Host != lb.host:
		// DNS rebinding guard: only our own address may call us.
		writePage(w, http.StatusMisdirectedRequest, false, "Wrong address", "This page only answers at "+lb.host+".")
		return
	case r.URL.Path != CallbackPath:
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
		writePage(w, http.StatusBadRequest, false, "Authorization not accepted", "This answer does not belong to the authorization zoomconn is waiting for (state mismatch). Start it again from zoomconn if this persists.")
		return
	}
	if e := q.Get("error"); e != "" {
		lb.done = true
		err := declinedError(e, q.Get("error_description"))
		lb.result <- callbackResult{err: err}
		writePage(w, http.StatusOK, false, "Authorization not completed", err.Error()+" You may close this tab.")
		return
	}
	code := q.Get("code")
	if code == "" {
		writePage(w, http.StatusBadRequest, false, "Authorization not accepted", "The answer has no authorization code.")
		return
	}
	lb.done = true
	lb.result <- callbackResult{code: code}
	writePage(w, http.StatusOK, true, "Authorized", "zoomconn received the authorization. You may close this tab and return to the app.")
}

// declinedError explains an error callback. code and desc come from the
// browser's query string, so anyone who can reach the port chose them.
func declinedError(code, desc string) error {
	code, desc = orDefault(SafeText(code, maxCodeText), "unknown_error"), SafeText(desc, maxServerText)
	e := &ZoomError{Kind: KindOther, Code: code, Reason: desc}
	if code == "access_denied" {
		e.Kind = KindDeclined
		e.Message = "The authorization was declined in the browser, so nothing was saved."
		e.Hint = "Authorize again and click Allow if you want this connection to act for your Zoom user."
		return e
	}
	e.Message = fmt.Sprintf("Zoom ended the authorization with an error (%s).", describeCode(code, desc)[2:])
	e.Hint = "Check the Zoom app's Redirect URL, Allow List and activation, then authorize again."
	return e
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}} · Zoom Connections</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6fa;color:#1d2330;display:flex;min-height:90vh;align-items:center;justify-content:center;margin:0}
main{background:#fff;border-radius:12px;padding:2rem 2.5rem;max-width:32rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 .8rem;color:{{if .OK}}#0b7a3b{{else}}#b3261e{{end}}}
@media (prefers-color-scheme:dark){body{background:#15181e;color:#e6e9ef}main{background:#1f232b}}
</style></head>
<body><main><h1>{{if .OK}}✓{{else}}✗{{end}} {{.Title}}</h1><p>{{.Text}}</p></main></body></html>
`))

func writePage(w http.ResponseWriter, status int, ok bool, title, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, struct {
		OK          bool
		Title, Text string
	}{ok, title, text})
}
