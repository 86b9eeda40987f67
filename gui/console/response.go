package console

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// responsePane is the API console's lower half: Zoom's answer to the last
// call (status, rate-limit headers, the body pretty and coloured or as
// selectable text) and what went wrong, with Copy response and, for a
// missing scope, the Zoom App Marketplace. What a Copy did shows for a
// moment over the body's corner, never moving anything.
type responsePane struct {
	status     *widget.Label // "200 OK · 120 ms"
	rateLimit  *widget.Label // X-RateLimit-* headers
	errorLine  *widget.Label
	noteLine   *widget.Label    // what Copy did, for a moment
	noteBox    *fyne.Container  // noteLine on its panel, over the body
	over       *fyne.Container  // the body with noteBox over it
	pretty     *widget.RichText // the pretty JSON body, coloured; other bodies as monospace text
	bodyView   *bodyView        // pretty in its scroll
	response   *widget.Label    // the body as selectable text, when selectText is ticked
	responseIn *container.Scroll
	selectText *kit.FormCheck // show the body as selectable text (bodies up to maxSelectableBody)

	copyResponseButton, marketplace *kit.FormButton

	clipboard fyne.Clipboard
	// after runs a function on the UI goroutine once a while has passed.
	after  func(time.Duration, func())
	notes  int    // counts the notes shown: an older one's timer hides no newer one
	full   string // the whole pretty body, for Copy response
	shown  string // the body as shown: full, cut at maxShownBody
	colour bool   // shown is JSON small enough to colour
}

// noteFor is how long what a Copy did stays in view.
const noteFor = 4 * time.Second

// maxShownBody bounds the body the response pane shows; Copy response
// copies all of it.
const maxShownBody = 1 << 20

// rateLimitHeaders are Zoom's rate-limit headers, shown when present.
var rateLimitHeaders = []string{"X-RateLimit-Category", "X-RateLimit-Type", "X-RateLimit-Remaining", "Retry-After"}

func newResponsePane(k *kit.Keys, cb fyne.Clipboard, openURL func(string), after func(time.Duration, func())) *responsePane {
	p := &responsePane{clipboard: cb, after: after}
	p.status = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.rateLimit = widget.NewLabel("")
	p.rateLimit.Truncation = fyne.TextTruncateEllipsis
	p.errorLine = kit.DangerLabel()
	p.noteLine = widget.NewLabel("")
	p.noteBox = container.NewStack(newPanel(theme.ColorNameOverlayBackground, theme.ColorNamePrimary, ""), p.noteLine)
	p.noteLine.Hide()
	p.noteBox.Hide()
	p.response = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	p.response.Selectable = true
	p.response.Hide()
	p.responseIn = container.NewScroll(p.response)
	p.responseIn.Hide()
	p.pretty = widget.NewRichText()
	p.bodyView = newBodyView(p.pretty)
	p.selectText = k.Check("Select text", func(bool) { p.renderBody() })
	p.selectText.Disable()
	p.copyResponseButton = k.Button("Copy response", theme.ContentCopyIcon(), p.copyResponse)
	p.copyResponseButton.Disable()
	p.marketplace = k.Button("Open Zoom App Marketplace", theme.ComputerIcon(), func() { openURL(marketplaceHome) })
	p.marketplace.Hide()
	return p
}

// bodyArea is the body, as coloured text or selectable, with what a Copy
// did over its top right corner.
func (c *responsePane) bodyArea() fyne.CanvasObject {
	c.over = container.New(overLayout{}, container.NewStack(c.bodyView.scroll, c.responseIn), c.noteBox)
	return c.over
}

func (c *responsePane) clearResponse() {
	c.status.SetText("")
	c.note("")
	c.status.Importance = widget.MediumImportance
	c.rateLimit.SetText("")
	c.rateLimit.Hide()
	c.errorLine.Hide()
	c.marketplace.Hide()
	c.full, c.shown, c.colour = "", "", false
	c.renderBody()
	c.copyResponseButton.Disable()
}

// result is what a call brought, made ready to show off the UI goroutine:
// the answer, its body prepared, the error, and how the call went.
type result struct {
	resp *Response
	body bodyText
	err  error
	took time.Duration
	// pages and items are how far a paginated call got (pages 0: not
	// paginated); list is the name of the list it merged.
	pages, items int
	list         string
}

// showResult shows Zoom's answer and, if the call failed, why.
func (c *responsePane) showResult(r result) {
	if resp := r.resp; resp != nil {
		c.status.SetText(safetext.Clean(summary(resp.Status, r), safetext.MaxShown))
		if resp.Status >= 400 {
			c.status.Importance = widget.DangerImportance
		} else {
			c.status.Importance = widget.SuccessImportance
		}
		c.status.Refresh()
		c.rateLimit.SetText(rateLimitText(resp.Header))
		kit.SetVisible(c.rateLimit, c.rateLimit.Text != "")
		c.showBody(r.body)
	}
	if r.err != nil {
		c.showError(r.err, isScopeError(r.err))
		return
	}
	if r.resp != nil && r.resp.Status >= 400 {
		if msg, scope := zoomBodyError(r.resp.Body); msg != "" {
			c.showError(errors.New(msg), scope)
		}
	}
}

// summary is the status line of an answer: "200 OK · 120 ms", and for a
// paginated call "200 OK · 4 pages · 1,000 users · 3.1 s".
func summary(status int, r result) string {
	parts := []string{fmt.Sprintf("%d %s", status, http.StatusText(status))}
	if r.pages > 0 {
		parts = append(parts, countOf(r.pages, "page"))
		if r.list != "" {
			parts = append(parts, countOf(r.items, r.list))
		}
	}
	return strings.Join(append(parts, durationText(r.took)), " · ")
}

// countOf is n things, with thousands separated ("1,000 users"); one
// "users" is one "user".
func countOf(n int, what string) string {
	if n == 1 {
		what = strings.TrimSuffix(what, "s")
	} else if what == "page" {
		what = "pages"
	}
	return thousands(n) + " " + what
}

// thousands is n with its thousands separated by commas.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// durationText is how long a call took: "120 ms" below a second, "3.1 s"
// from there.
func durationText(d time.Duration) string {
	if d < time.Millisecond {
		return "<1 ms"
	}
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// showError shows err under the status; a missing scope also offers the
// Zoom App Marketplace, where scopes are added.
func (c *responsePane) showError(err error, scope bool) {
	text := err.Error() // the core's own sentence (scope doctor, rate limit)
	var rate *access.RateLimitError
	if !scope && !errors.As(err, &rate) {
		text = view.ErrorText(err)
	}
	kit.ShowMsg(c.errorLine, text)
	if scope {
		c.marketplace.Show()
	} else {
		c.marketplace.Hide()
	}
}

// bodyText is a body made ready to show: whole, pretty if it is JSON, for
// Copy response; as shown, with what a terminal or bidi renderer acts on
// made visible, bounded to maxShownBody; and whether it is JSON small
// enough to colour.
type bodyText struct {
	full, shown string
	colour      bool
}

// prepareBody makes body ready to show; it may take a while for a large
// one, so calls run it off the UI goroutine.
func prepareBody(body []byte) bodyText {
	var t bodyText
	var b bytes.Buffer
	isJSON := json.Indent(&b, body, "", "  ") == nil
	if isJSON {
		t.full = b.String()
	} else {
		t.full = string(body)
	}
	t.full = strings.ToValidUTF8(t.full, "\uFFFD")
	// The window shows server text as a terminal would; Copy response
	// copies it as received.
	shown := t.full
	if len(shown) > maxShownBody {
		shown = strings.ToValidUTF8(shown[:maxShownBody], "")
	}
	if isJSON {
		t.shown = string(safetext.JSONForTerminal([]byte(shown)))
	} else {
		t.shown = safetext.Terminal(shown)
	}
	if len(shown) < len(t.full) {
		t.shown += "\n… (cut at 1 MiB; Copy response copies all of it)"
	}
	t.colour = isJSON && len(t.full) <= maxColouredBody
	return t
}

// showBody shows a prepared body: coloured if it is JSON small enough,
// else as plain monospace text.
func (c *responsePane) showBody(t bodyText) {
	c.full, c.shown, c.colour = t.full, t.shown, t.colour
	c.renderBody()
	kit.Enable(c.full != "", &c.copyResponseButton.Button)
}

// renderBody shows the body in the RichText, coloured if it is JSON small
// enough, else as plain monospace lines; or, when the user asks and it is
// small enough, as a selectable label.
func (c *responsePane) renderBody() {
	selectable := c.shown != "" && len(c.shown) <= maxSelectableBody
	if selectable {
		c.selectText.Enable()
	} else {
		c.selectText.Disable()
	}
	if selectable && c.selectText.Checked {
		c.bodyView.set("", false)
		c.pretty.Hide()
		c.bodyView.scroll.Hide()
		c.response.SetText(c.shown)
		c.response.Show()
		c.responseIn.Show()
		return
	}
	c.response.SetText("")
	c.response.Hide()
	c.responseIn.Hide()
	c.bodyView.set(c.shown, c.colour)
	c.pretty.Show()
	c.bodyView.scroll.Show()
}

func (c *responsePane) copyResponse() {
	if c.full != "" {
		c.clipboard.SetContent(c.full)
		c.note("Copied the response.")
	}
}

// note says what a Copy did, over the body's top right corner, for
// noteFor; "" takes it away. It never changes the window's layout.
func (c *responsePane) note(s string) {
	c.notes++
	c.noteLine.SetText(s)
	kit.SetVisible(c.noteLine, s != "")
	kit.SetVisible(c.noteBox, s != "")
	if s == "" {
		return
	}
	if c.over != nil {
		c.over.Refresh() // lays the note out at its new size
	}
	n := c.notes
	c.after(noteFor, func() {
		if c.notes == n {
			c.note("")
		}
	})
}

// overLayout lays its first object out over all of its size and its
// second, at its own size, over the top right corner: a note that comes
// and goes over what it lies on, which alone decides the size.
type overLayout struct{}

func (overLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (overLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	pad := theme.Padding()
	s := objs[1].MinSize()
	s.Width = min(s.Width, size.Width-2*pad)
	objs[1].Resize(s)
	objs[1].Move(fyne.NewPos(size.Width-s.Width-pad, pad))
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
	var ze *access.ZoomError
	if errors.As(err, &ze) && (ze.Kind == access.KindMissingScopes || ze.Code == "4711") {
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
