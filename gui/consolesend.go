package gui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/auth/zoom"
	"zoomconn/internal/safetext"
	"zoomconn/internal/shell"
)

// maxShownBody bounds the body the response pane shows; Copy response
// copies all of it.
const maxShownBody = 1 << 20

// rateLimitHeaders are Zoom's rate-limit headers, shown when present.
var rateLimitHeaders = []string{"X-RateLimit-Category", "X-RateLimit-Type", "X-RateLimit-Remaining", "Retry-After"}

// request reads the inputs: the picked connection and the request to
// send, or what is wrong with them.
func (c *Console) request() (name, base string, r APIRequest, err error) {
	x, ok := c.connection()
	if !ok {
		return "", "", r, errors.New("Pick a connection.")
	}
	// Where the core's call goes: the client's endpoints for an OAuth 2.0
	// connection, Zoom's regional host when its last token named one.
	base = c.env.sess.data.APIBaseURL(&x, x.TokenAPIURL)
	r.Method = c.Method.Selected
	path, q, err := parsePath(c.Path.Text, base)
	if err != nil {
		return "", "", r, err
	}
	if err := parseQuery(c.Query.Text, q); err != nil {
		return "", "", r, err
	}
	r.Path, r.Query = path, q
	if hasBody(r.Method) {
		if r.Body, err = parseBody(c.Body.Text); err != nil {
			return "", "", r, err
		}
	}
	r.Paginate = c.Paginate.Checked && r.Method == "GET"
	return x.Name, base, r, nil
}

// send runs the request in the background; Cancel stops it.
func (c *Console) send() {
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
		c.env.jobs.do(func() {
			if c.call == call && c.cancel != nil {
				c.Status.SetText(calling + " " + s)
			}
		})
	}
	c.clearResponse()
	c.Status.SetText(calling)
	c.Progress.Show()
	c.Progress.Start()
	c.updateButtons()
	caller, started := c.env.callerNow(), c.env.sess.now()
	c.env.jobs.run(func() {
		defer cancel()
		t0 := time.Now()
		resp, err := caller.Call(ctx, name, r)
		took := time.Since(t0)
		if resp != nil && resp.Duration > 0 {
			took = resp.Duration
		}
		cancelled := ctx.Err() != nil && (err != nil || resp == nil)
		c.env.jobs.do(func() {
			c.cancel = nil
			c.Progress.Stop()
			c.Progress.Hide()
			c.updateButtons()
			if cancelled {
				c.Status.SetText("Cancelled.")
				return
			}
			c.record(connID, r, resp, started, took)
			c.showResult(resp, err, took)
		})
	})
}

// stop cancels the running request.
func (c *Console) stop() {
	if c.cancel != nil {
		c.cancel()
	}
}

// record adds the request to the connection's history: method, path,
// status and time, never the query, the body or a token.
func (c *Console) record(connID string, r APIRequest, resp *APIResponse, at time.Time, took time.Duration) {
	if _, ok := c.env.sess.data.ConnectionByID(connID); !ok {
		return // deleted meanwhile: keep no history for it
	}
	e := historyEntry{Method: r.Method, Path: r.Path, Time: at, Duration: took}
	if resp != nil {
		e.Status = resp.Status
	}
	list, err := c.env.hist.add(connID, e)
	if connID != c.connID {
		return // the user picked another connection meanwhile
	}
	c.history = list
	c.History.UnselectAll()
	c.History.Refresh()
	if err != nil {
		c.RateLimit.SetText("The history could not be saved: " + safetext.Clean(err.Error(), safetext.MaxServer))
	}
}

func (c *Console) clearResponse() {
	c.Status.SetText("")
	c.Note.SetText("")
	c.Status.Importance = widget.MediumImportance
	c.RateLimit.SetText("")
	c.Error.Hide()
	c.Marketplace.Hide()
	c.full, c.shown, c.colour = "", "", false
	c.renderBody()
	c.CopyResponse.Disable()
}

// showResult shows Zoom's answer and, if the call failed, why.
func (c *Console) showResult(resp *APIResponse, err error, took time.Duration) {
	if resp != nil {
		status := fmt.Sprintf("%d %s · %s", resp.Status, http.StatusText(resp.Status), took.Round(time.Millisecond))
		c.Status.SetText(safetext.Clean(status, safetext.MaxShown))
		if resp.Status >= 400 {
			c.Status.Importance = widget.DangerImportance
		} else {
			c.Status.Importance = widget.SuccessImportance
		}
		c.Status.Refresh()
		c.RateLimit.SetText(rateLimitText(resp.Header))
		c.showBody(resp.Body)
	}
	if err != nil {
		c.showError(err, isScopeError(err))
		return
	}
	if resp != nil && resp.Status >= 400 {
		if msg, scope := zoomBodyError(resp.Body); msg != "" {
			c.showError(errors.New(msg), scope)
		}
	}
}

// showError shows err under the status; a missing scope also offers the
// Zoom App Marketplace, where scopes are added.
func (c *Console) showError(err error, scope bool) {
	text := err.Error() // the core's own sentence (scope doctor, rate limit)
	var rate *access.RateLimitError
	if !scope && !errors.As(err, &rate) {
		text = errorText(err)
	}
	showMsg(c.Error, text)
	if scope {
		c.Marketplace.Show()
	} else {
		c.Marketplace.Hide()
	}
}

// showBody shows the body pretty-printed if it is JSON, as is otherwise,
// bounded to maxShownBody. JSON up to maxColouredBody is coloured.
func (c *Console) showBody(body []byte) {
	var b bytes.Buffer
	isJSON := json.Indent(&b, body, "", "  ") == nil
	if isJSON {
		c.full = b.String()
	} else {
		c.full = string(body)
	}
	c.full = strings.ToValidUTF8(c.full, "\uFFFD")
	c.shown = c.full
	if len(c.shown) > maxShownBody {
		c.shown = strings.ToValidUTF8(c.shown[:maxShownBody], "") + "\n… (cut at 1 MiB; Copy response copies all of it)"
	}
	c.colour = isJSON && len(c.full) <= maxColouredBody
	c.renderBody()
	enable(c.full != "", c.CopyResponse)
}

// renderBody shows the body in the RichText, coloured if it is JSON small
// enough, else as plain monospace lines; or, when the user asks and it is
// small enough, as a selectable label.
func (c *Console) renderBody() {
	selectable := c.shown != "" && len(c.shown) <= maxSelectableBody
	if selectable {
		c.SelectText.Enable()
	} else {
		c.SelectText.Disable()
	}
	if selectable && c.SelectText.Checked {
		c.Pretty.Segments = nil
		c.Pretty.Refresh()
		c.Pretty.Hide()
		c.Response.SetText(c.shown)
		c.Response.Show()
		return
	}
	c.Response.SetText("")
	c.Response.Hide()
	if c.colour {
		c.Pretty.Segments = jsonSegments(c.shown)
	} else {
		c.Pretty.Segments = plainSegments(c.shown)
	}
	c.Pretty.Refresh()
	c.Pretty.Show()
}

// rateLimitText is Zoom's rate-limit headers, as sent.
func rateLimitText(h http.Header) string {
	var parts []string
	for _, k := range rateLimitHeaders {
		if v := h.Get(k); v != "" {
			parts = append(parts, k+": "+safetext.Clean(v, 100))
		}
	}
	return strings.Join(parts, " · ")
}

// isScopeError: Zoom said the token lacks a scope the call needs (4711).
func isScopeError(err error) bool {
	var ze *zoom.Error
	if errors.As(err, &ze) && (ze.Kind == zoom.KindMissingScopes || ze.Code == "4711") {
		return true
	}
	var sc *access.ScopeError
	return errors.As(err, &sc)
}

// zoomBodyError is the message of a Zoom error body, cleaned, and whether
// it is a missing scope (code 4711).
func zoomBodyError(body []byte) (string, bool) {
	var e struct {
		Code    json.Number `json:"code"`
		Message string      `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil || e.Message == "" {
		return "", false
	}
	msg := safetext.Clean(e.Message, safetext.MaxServer)
	if e.Code != "" {
		msg = fmt.Sprintf("Zoom says (code %s): %s", safetext.Clean(e.Code.String(), safetext.MaxCode), msg)
	}
	scope := e.Code.String() == "4711"
	if scope {
		msg += " Add one of these scopes to your app in the Zoom App Marketplace (Scopes), then get a new token: run it again for Server-to-Server, authorize again for OAuth 2.0."
	}
	return msg, scope
}

// curlCommand is the request as a curl command that gets its token from
// zoomconn, so it never holds one.
func curlCommand(name, base string, r APIRequest) (string, error) {
	target, err := requestURL(base, r)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("curl")
	if r.Method != "" && r.Method != "GET" {
		b.WriteString(" -X " + r.Method)
	}
	fmt.Fprintf(&b, ` -H "Authorization: Bearer $(zoomconn token %s)"`, shell.Quote(name))
	if len(r.Body) > 0 {
		b.WriteString(" -H 'Content-Type: application/json' --data " + shell.Quote(string(r.Body)))
	}
	b.WriteString(" " + shell.Quote(target))
	return b.String(), nil
}

func (c *Console) copyCurl() {
	name, base, r, err := c.request()
	var cmd string
	if err == nil {
		cmd, err = curlCommand(name, base, r)
	}
	if err != nil {
		c.showError(err, false)
		return
	}
	c.env.app.Clipboard().SetContent(cmd)
	c.Note.SetText("Copied a curl command that gets its token with zoomconn token.")
}

func (c *Console) copyResponse() {
	if c.full != "" {
		c.env.app.Clipboard().SetContent(c.full)
		c.Note.SetText("Copied the response.")
	}
}
