package events

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// forwardPane is where events are forwarded: the handler's URL (none: not
// forwarded), whether it may be off this machine, and how the forwards
// went so far. Each event's row says what its forward did.
type forwardPane struct {
	url         *kit.FormEntry
	allowRemote *kit.FormCheck
	totals      *widget.Label
	sent, fails int
}

func newForwardPane(k *kit.Keys) *forwardPane {
	p := &forwardPane{}
	p.url = k.Entry("http://127.0.0.1:8080/webhook (optional: each event, signed with the Secret Token)", false)
	p.allowRemote = k.Check("Allow a handler off this machine (events carry names and addresses)", nil)
	p.totals = kit.SmallText("")
	p.totals.Hide()
	return p
}

// target is the handler's URL, "" for none.
func (p *forwardPane) target() string { return strings.TrimSpace(p.url.Text) }

// setEditable lets the settings change while no listen runs.
func (p *forwardPane) setEditable(on bool) {
	if on {
		p.url.Enable()
		p.allowRemote.Enable()
	} else {
		p.url.Disable()
		p.allowRemote.Disable()
	}
}

// reset starts the counts of a new listen.
func (p *forwardPane) reset() {
	p.sent, p.fails = 0, 0
	p.totals.SetText("Forwards each event to " + safetext.Clean(p.target(), safetext.MaxURL) + ".")
	p.totals.Show()
}

// count adds a try to the totals.
func (p *forwardPane) count(fr access.ForwardResult) {
	p.sent++
	if forwardFailed(fr) {
		p.fails++
	}
	p.totals.SetText(fmt.Sprintf("Forwards to %s: %d tries, %d that Zoom would count failed.", safetext.Clean(p.target(), safetext.MaxURL), p.sent, p.fails))
}

// forwardFailed: the handler did not answer, or Zoom would count its
// answer failed (not 2xx, or slower than 3 s).
func forwardFailed(fr access.ForwardResult) bool { return fr.Err != nil || fr.Result.Failed }

// forwardText is a try of a forward for an event's row: the handler's
// status and time, when, what Zoom would count failed, and the retry.
func forwardText(fr access.ForwardResult, at time.Time) string {
	res := fr.Result
	var s string
	switch {
	case fr.Err != nil:
		s = "→ no answer (" + firstLine(view.ErrorText(fr.Err)) + ")"
	case res.TooSlow:
		s = fmt.Sprintf("→ %d in %s at %s: too slow, Zoom waits 3 s", res.Status, took(res.Elapsed), at.Local().Format("15:04:05"))
	case res.Failed:
		s = fmt.Sprintf("→ %d in %s at %s: failed, Zoom needs 200 or 204", res.Status, took(res.Elapsed), at.Local().Format("15:04:05"))
	default:
		s = fmt.Sprintf("→ %d in %s at %s", res.Status, took(res.Elapsed), at.Local().Format("15:04:05"))
	}
	switch {
	case fr.Retry > 0:
		s += fmt.Sprintf("; try %d, retrying in %s", fr.Try, fr.Retry)
	case fr.GaveUp && fr.Try > 1:
		s += fmt.Sprintf("; gave up after %d tries", fr.Try)
	case fr.Try > 1:
		s += fmt.Sprintf(" (try %d)", fr.Try)
	}
	return s
}

// forwardShort is a try of a forward for the event's row: the status, the
// time, what Zoom would count failed and the retry, briefly.
func forwardShort(fr access.ForwardResult) string {
	res := fr.Result
	var s string
	switch {
	case fr.Err != nil:
		s = "→ no answer"
	case res.TooSlow:
		s = fmt.Sprintf("→ %d · %s · too slow", res.Status, took(res.Elapsed))
	case res.Failed:
		s = fmt.Sprintf("→ %d · %s · failed", res.Status, took(res.Elapsed))
	default:
		s = fmt.Sprintf("→ %d · %s", res.Status, took(res.Elapsed))
	}
	switch {
	case fr.Retry > 0:
		s += fmt.Sprintf(" · try %d, retry in %s", fr.Try, fr.Retry)
	case fr.GaveUp && fr.Try > 1:
		s += fmt.Sprintf(" · gave up (%d tries)", fr.Try)
	}
	return s
}

// took is a handler's time for people: "12 ms", "3.4 s".
func took(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// firstLine is the first paragraph of a text.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
