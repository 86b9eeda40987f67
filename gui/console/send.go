package console

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/internal/safetext"
	"zoomconn/internal/shell"
)

// request reads the inputs: the picked connection and the request to
// send, or what is wrong with them.
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
		return "", "", r, err
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

// send runs the request in the background; Cancel stops it.
func (c *console) send() {
	if c.cancel != nil || c.closed {
		return
	}
	name, _, r, err := c.request()
	if err != nil {
		c.showError(err, false)
		return
	}
	connID := c.connID
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.call++
	call, calling := c.call, fmt.Sprintf("Calling %s %s…", r.Method, r.Path)
	r.Notice = func(s string) { // on the call's goroutine
		s = safetext.Clean(s, safetext.MaxShown)
		c.env.Jobs.Do(func() {
			if c.call == call && c.cancel != nil {
				c.status.SetText(calling + " " + s)
			}
		})
	}
	c.clearResponse()
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
		c.env.Jobs.Do(func() {
			c.cancel = nil
			c.progress.Stop()
			c.progress.Hide()
			c.updateButtons()
			if cancelled {
				c.status.SetText("Cancelled.")
				return
			}
			c.record(connID, r, resp, started, took)
			c.showResult(resp, err, took)
		})
	})
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
	if err != nil {
		c.showError(err, false)
		return
	}
	c.env.App.Clipboard().SetContent(cmd)
	c.note(curlNote)
}
