package console

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"fyne.io/fyne/v2"
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
// missing scope, the Zoom App Marketplace.
type responsePane struct {
	status     *widget.Label // "200 OK · 120 ms"
	rateLimit  *widget.Label // X-RateLimit-* headers
	errorLine  *widget.Label
	noteLine   *widget.Label    // what Copy did
	pretty     *widget.RichText // the pretty JSON body, coloured; other bodies as monospace text
	response   *widget.Label    // the body as selectable text, when selectText is ticked
	selectText *widget.Check    // show the body as selectable text (bodies up to maxSelectableBody)

	copyResponseButton, marketplace *widget.Button

	clipboard fyne.Clipboard
	full      string // the whole pretty body, for Copy response
	shown     string // the body as shown: full, cut at maxShownBody
	colour    bool   // shown is JSON small enough to colour
}

// maxShownBody bounds the body the response pane shows; Copy response
// copies all of it.
const maxShownBody = 1 << 20

// rateLimitHeaders are Zoom's rate-limit headers, shown when present.
var rateLimitHeaders = []string{"X-RateLimit-Category", "X-RateLimit-Type", "X-RateLimit-Remaining", "Retry-After"}

func newResponsePane(cb fyne.Clipboard, openURL func(string)) *responsePane {
	p := &responsePane{clipboard: cb}
	p.status = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.rateLimit = widget.NewLabel("")
	p.rateLimit.Truncation = fyne.TextTruncateEllipsis
	p.errorLine = kit.DangerLabel()
	p.noteLine = widget.NewLabel("")
	p.noteLine.Hide()
	p.response = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	p.response.Selectable = true
	p.response.Hide()
	p.pretty = widget.NewRichText()
	p.selectText = widget.NewCheck("Select text", func(bool) { p.renderBody() })
	p.selectText.Disable()
	p.copyResponseButton = widget.NewButtonWithIcon("Copy response", theme.ContentCopyIcon(), p.copyResponse)
	p.copyResponseButton.Disable()
	p.marketplace = widget.NewButtonWithIcon("Open Zoom App Marketplace", theme.ComputerIcon(), func() { openURL(marketplaceHome) })
	p.marketplace.Hide()
	return p
}

func (c *responsePane) clearResponse() {
	c.status.SetText("")
	c.note("")
	c.status.Importance = widget.MediumImportance
	c.rateLimit.SetText("")
	c.errorLine.Hide()
	c.marketplace.Hide()
	c.full, c.shown, c.colour = "", "", false
	c.renderBody()
	c.copyResponseButton.Disable()
}

// showResult shows Zoom's answer and, if the call failed, why.
func (c *responsePane) showResult(resp *Response, err error, took time.Duration) {
	if resp != nil {
		status := fmt.Sprintf("%d %s · %s", resp.Status, http.StatusText(resp.Status), took.Round(time.Millisecond))
		c.status.SetText(safetext.Clean(status, safetext.MaxShown))
		if resp.Status >= 400 {
			c.status.Importance = widget.DangerImportance
		} else {
			c.status.Importance = widget.SuccessImportance
		}
		c.status.Refresh()
		c.rateLimit.SetText(rateLimitText(resp.Header))
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

// showBody shows the body pretty-printed if it is JSON, as is otherwise,
// with what a terminal or bidi renderer acts on made visible, bounded to
// maxShownBody. JSON up to maxColouredBody is coloured.
func (c *responsePane) showBody(body []byte) {
	var b bytes.Buffer
	isJSON := json.Indent(&b, body, "", "  ") == nil
	if isJSON {
		c.full = b.String()
	} else {
		c.full = string(body)
	}
	c.full = strings.ToValidUTF8(c.full, "\uFFFD")
	// The window shows server text as a terminal would; Copy response
	// copies it as received.
	if isJSON {
		c.shown = string(safetext.JSONForTerminal([]byte(c.full)))
	} else {
		c.shown = safetext.Terminal(c.full)
	}
	if len(c.shown) > maxShownBody {
		c.shown = strings.ToValidUTF8(c.shown[:maxShownBody], "") + "\n… (cut at 1 MiB; Copy response copies all of it)"
	}
	c.colour = isJSON && len(c.full) <= maxColouredBody
	c.renderBody()
	kit.Enable(c.full != "", c.copyResponseButton)
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
		c.pretty.Segments = nil
		c.pretty.Refresh()
		c.pretty.Hide()
		c.response.SetText(c.shown)
		c.response.Show()
		return
	}
	c.response.SetText("")
	c.response.Hide()
	if c.colour {
		c.pretty.Segments = jsonSegments(c.shown)
	} else {
		c.pretty.Segments = plainSegments(c.shown)
	}
	c.pretty.Refresh()
	c.pretty.Show()
}

func (c *responsePane) copyResponse() {
	if c.full != "" {
		c.clipboard.SetContent(c.full)
		c.note("Copied the response.")
	}
}

// note says what Copy did, on a row shown only while there is something
// to say.
func (c *responsePane) note(s string) {
	c.noteLine.SetText(s)
	if s == "" {
		c.noteLine.Hide()
	} else {
		c.noteLine.Show()
	}
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
