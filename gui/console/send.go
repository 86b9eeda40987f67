package console

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/internal/safetext"
	"zoomconn/internal/shell"
)

// badPath is what is wrong with the typed path; the console shows it
// beside the path.
type badPath struct{ error }

func (e *badPath) Unwrap() error { return e.error }

// request reads the inputs: the picked connection and the request to
// send, or what is wrong with them (a *badPath for the path).
func (c *console) request() (name, base string, r Request, err error) {
	x, ok := c.connection()
	if !ok {
		return "", "", r, errors.New("Pick a connection.")
	}
	// Where the core's call goes: the client's endpoints for an OAuth 2.0
	// connection, Zoom's regional host when its last token named one.
	base = c.env.Session.Data().APIBaseURL(&x, x.TokenAPIURL)
	r.Method = c.method.Selected
	path, q, err := parsePath(c.path.Text, base)
	if err != nil {
		return "", "", r, &badPath{err}
	}
	if err := parseQuery(c.query.Text, q); err != nil {
		return "", "", r, err
	}
	r.Path, r.Query = path, q
	if hasBody(r.Method) {
		if r.Body, err = parseBody(c.body.Text); err != nil {
			return "", "", r, err
		}
	}
	r.Paginate = c.paginate.Checked && r.Method == "GET"
	return x.Name, base, r, nil
}

// send runs the request in the background; Cancel stops it. The answer
// shown before goes first, whether the request is sent or its inputs are
// wrong (a wrong path is said beside the path).
func (c *console) send() {
	if c.cancel != nil || c.closed {
		return
	}
	c.clearResponse()
	c.setPathError("")
	name, _, r, err := c.request()
	var bad *badPath
	switch {
	case errors.As(err, &bad):
		c.setPathError(bad.Error())
		return
	case err != nil:
		c.showError(err, false)
		return
	}
	connID := c.connID
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.call++
	call, calling := c.call, fmt.Sprintf("Calling %s %s…", r.Method, r.Path)
	// While the call runs, the status says what it is doing: a retry's
	// notice, how many pages came.
	var pages, items int
	var list string
	say := func(s string) {
		if c.call == call && c.cancel != nil {
			c.status.SetText(calling + " " + s)
		}
	}
	r.Notice = func(s string) { // on the call's goroutine
		s = safetext.Clean(s, safetext.MaxShown)
		c.env.Jobs.Do(func() { say(s) })
	}
	r.OnPage = func(p access.PageProgress) { // on the call's goroutine
		c.env.Jobs.Do(func() {
			if c.call != call {
				return
			}
			pages, items, list = p.Pages, p.Items, safetext.Clean(p.List, safetext.MaxCode)
			s := countOf(p.Pages, "page")
			if list != "" {
				s += ", " + countOf(p.Items, list)
			}
			say(s + " so far…")
		})
	}
	c.status.SetText(calling)
	c.progress.Show()
	c.progress.Start()
	c.updateButtons()
	caller, started := c.env.callerNow(), c.env.Session.Now()
	c.env.Jobs.Run(func() {
		defer cancel()
		t0 := time.Now()
		resp, err := caller.Call(ctx, name, r)
		took := time.Since(t0)
		if resp != nil && resp.Duration > 0 {
			took = resp.Duration
		}
		cancelled := ctx.Err() != nil && (err != nil || resp == nil)
		res := result{resp: resp, err: err, took: took}
		if resp != nil && !cancelled {
			res.body = prepareBody(resp.Body) // a large body takes a while: not on the UI goroutine
		}
		c.env.Jobs.Do(func() {
			if c.call != call {
				return // another connection was picked meanwhile: this answer is not its
			}
			c.cancel = nil
			c.progress.Stop()
			c.progress.Hide()
			c.updateButtons()
			if cancelled {
				c.status.SetText("Cancelled.")
				return
			}
			c.record(connID, r, resp, started, took)
			if r.Paginate {
				res.pages, res.items, res.list = max(pages, 1), items, list
			}
			c.showResult(res)
		})
	})
}

// dropCall cancels the running request, if any, and forgets it: its
// notices and answer are dropped, and the console is ready for another.
func (c *console) dropCall() {
	if c.cancel == nil {
		return
	}
	c.stop()
	c.call++
	c.cancel = nil
	c.progress.Stop()
	c.progress.Hide()
	c.updateButtons()
}

// stop cancels the running request.
func (c *console) stop() {
	if c.cancel != nil {
		c.cancel()
	}
}

// record adds the request to the connection's history: method, path,
// status and time, never the query, the body or a token.
func (c *console) record(connID string, r Request, resp *Response, at time.Time, took time.Duration) {
	if _, ok := c.env.Session.Data().ConnectionByID(connID); !ok {
		return // deleted meanwhile: keep no history for it
	}
	e := store.HistoryEntry{Method: r.Method, Path: r.Path, Time: at, Duration: took}
	if resp != nil {
		e.Status = resp.Status
	}
	list, err := c.env.Session.Store().AddHistory(connID, e)
	var gone *auth.NotFoundError
	if connID != c.connID || errors.As(err, &gone) {
		return // another connection picked meanwhile, or this one deleted elsewhere
	}
	c.history = list
	c.historyList.UnselectAll()
	c.historyList.Refresh()
	if err != nil {
		c.rateLimit.SetText("The history could not be saved: " + safetext.Clean(err.Error(), safetext.MaxServer))
	}
}

// curlNote is what the console says of a copied curl command, and why
// (one line: longer, it would widen the window).
const curlNote = "Copied. The token goes through a pipe, never onto curl's command line."

// curlCommand is the request as a curl command that gets its token from
// zoomconn, so it never holds one. The header goes through a pipe (curl
// reads -H @- from stdin since 7.55): in curl's arguments, as $(…) put it,
// any local user could read the token from /proc/PID/cmdline. "--" keeps
// a name that starts with "-" from being read as a flag.
func curlCommand(name, base string, r Request) (string, error) {
	target, err := requestURL(base, r)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "zoomconn token --format header -- %s | curl", shell.Quote(name))
	if r.Method != "" && r.Method != "GET" {
		b.WriteString(" -X " + r.Method)
	}
	b.WriteString(" -H @-")
	if len(r.Body) > 0 {
		b.WriteString(" -H 'Content-Type: application/json' --data " + shell.Quote(string(r.Body)))
	}
	b.WriteString(" " + shell.Quote(target))
	return b.String(), nil
}

func (c *console) copyCurl() {
	name, base, r, err := c.request()
	var cmd string
	if err == nil {
		cmd, err = curlCommand(name, base, r)
	}
	var bad *badPath
	switch {
	case errors.As(err, &bad):
		c.setPathError(bad.Error())
		return
	case err != nil:
		c.showError(err, false)
		return
	}
	c.env.App.Clipboard().SetContent(cmd)
	c.note(curlNote)
}
