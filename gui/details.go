package gui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// detailsTick is how often the token expiry countdown is redrawn.
const detailsTick = time.Second

// detailsCalls is how many of the last AI agent calls the details show.
const detailsCalls = 3

// details is the pane under the connection list: what the selected
// connection is, where it stands, and what to do next; the API base its
// calls go to, the scopes its token grants, and when that token expires,
// counting down. All of it comes from the metadata file (auth keeps the
// token's expiry, api_url and scopes there), never from the keyring.
type details struct {
	sess        *view.Session
	label       *widget.Label   // what it is and where it stands, the API base
	scopes      *widget.Label   // the granted scopes, in full and selectable
	expiryLabel *widget.Label   // the countdown, redrawn by tick
	row         *fyne.Container // Expiry, then Scopes beside it
	box         *fyne.Container

	// The last calls AI agents made through the connection (its audit
	// log, as the AI agent window reads it), shown only when there are
	// any, with a button to that window.
	calls      *widget.Label
	agentRow   *fyne.Container
	agentOpen  *kit.Button
	readCalls  func(name string, n int) ([]store.MCPCall, error)
	jobs       *kit.Jobs
	callsFor   string     // the connection whose calls were read
	callsData  *auth.Data // the load they were read in
	callsShown string     // the connection whose calls are shown

	// now is the clock of the countdown (the session's; tests set it).
	now func() time.Time
	// expiry is the shown connection's token expiry (nil for none);
	// counting says whether tick has anything to redraw.
	expiry   *time.Time
	counting atomic.Bool
	stopped  *kit.StopSignal
}

// newDetails makes the pane; jobs reads the audit log off the UI
// goroutine and openAgent opens the AI agent window of a connection.
func newDetails(sess *view.Session, jobs *kit.Jobs, openAgent func(name string)) *details {
	d := &details{sess: sess, label: widget.NewLabel(""), scopes: widget.NewLabel(""), expiryLabel: widget.NewLabel(""), now: sess.Now, stopped: kit.NewStopSignal(), jobs: jobs}
	d.readCalls = func(name string, n int) ([]store.MCPCall, error) { return sess.Service().MCPCalls(name, n) }
	d.calls = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	d.calls.Selectable = true
	d.agentOpen = kit.NewButton("Use with an AI agent…", theme.ComputerIcon(), func() {
		if d.callsShown != "" {
			openAgent(d.callsShown)
		}
	})
	// The title beside the calls and the button at their end keep the
	// block as high as the calls: the rows above keep the room.
	title := widget.NewLabelWithStyle("AI agent calls", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.agentRow = container.NewBorder(nil, nil, container.NewVBox(title), container.NewVBox(d.agentOpen), container.NewHScroll(d.calls))
	d.agentRow.Hide()
	for _, l := range []*widget.Label{d.label, d.scopes} {
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
	}
	d.scopes.Hide()
	d.expiryLabel.Hide()
	// One row for both keeps the connection list tall; the countdown has
	// a label of its own, so redrawing it never drops a selection in the
	// others.
	d.row = container.NewBorder(nil, nil, d.expiryLabel, nil, d.scopes)
	d.row.Hide()
	d.box = kit.Compact(d.label, d.row, d.agentRow)
	return d
}

// show describes c (ok: a connection is selected).
func (d *details) show(c auth.Connection, ok bool) {
	d.label.SetText(d.text(c, ok))
	d.expiry = nil
	if ok && c.TokenExpiry != nil {
		t := *c.TokenExpiry
		d.expiry = &t
	}
	d.tick()
	scopes := ""
	if ok {
		scopes = d.scopesText(c)
	}
	d.scopes.SetText(scopes)
	kit.SetVisible(d.scopes, scopes != "")
	kit.SetVisible(d.row, d.scopes.Visible() || d.expiryLabel.Visible())
	d.showCalls(c, ok)
}

// showCalls reads the connection's last agent calls once per selection and
// per load of the connections file (reload: after an action, or when the
// window comes back), and shows them if there are any.
func (d *details) showCalls(c auth.Connection, ok bool) {
	if !ok || d.sess.ReadOnly() {
		d.callsFor, d.callsData, d.callsShown = "", nil, ""
		d.agentRow.Hide()
		return
	}
	data := d.sess.Data()
	if c.Name == d.callsFor && data == d.callsData {
		return
	}
	if c.Name != d.callsShown {
		d.callsShown = ""
		d.agentRow.Hide()
	}
	d.callsFor, d.callsData = c.Name, data
	name, read := c.Name, d.readCalls
	d.jobs.Run(func() {
		calls, err := read(name, detailsCalls)
		d.jobs.Do(func() {
			if name != d.callsFor {
				return // another connection is selected by now
			}
			if err != nil || len(calls) == 0 {
				d.callsShown = ""
				d.agentRow.Hide()
				return
			}
			lines := make([]string, 0, len(calls))
			for i := len(calls) - 1; i >= 0; i-- {
				lines = append(lines, callLine(calls[i]))
			}
			d.calls.SetText(strings.Join(lines, "\n"))
			d.callsShown = name
			d.agentRow.Show()
		})
	})
}

// tick redraws the countdown; the ticker calls it on the UI goroutine.
func (d *details) tick() {
	s := d.expiryText()
	d.counting.Store(d.expiry != nil && d.expiry.After(d.now()))
	if s != d.expiryLabel.Text {
		d.expiryLabel.SetText(s)
	}
	kit.SetVisible(d.expiryLabel, s != "")
	kit.SetVisible(d.row, d.scopes.Visible() || d.expiryLabel.Visible())
}

// startTicker redraws the countdown every interval through do (fyne.Do)
// while one is running, until stop.
func (d *details) startTicker(do func(func()), interval time.Duration) {
	kit.Every(d.stopped.Done(), interval, func() {
		if d.counting.Load() {
			do(d.tick)
		}
	})
}

// stop ends the ticker (the window closed).
func (d *details) stop() { d.stopped.Stop() }

func (d *details) expiryText() string {
	if d.expiry == nil {
		return ""
	}
	t, now := *d.expiry, d.now()
	if !t.After(now) {
		return fmt.Sprintf("Token expired at %s (the next use fetches a new one).", t.Local().Format("15:04:05"))
	}
	return fmt.Sprintf("Token expires in %s (at %s).", countdown(t.Sub(now)), t.Local().Format("15:04:05"))
}

// countdown is d to the second: "52m07s", "1h02m07s", "9s".
func countdown(d time.Duration) string {
	s := int(d / time.Second)
	switch {
	case s >= 3600:
		return fmt.Sprintf("%dh%02dm%02ds", s/3600, s/60%60, s%60)
	case s >= 60:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%ds", s)
}

// scopesText lists the scopes the last token granted ("" if none is known).
func (d *details) scopesText(c auth.Connection) string {
	if len(c.TokenScopes) == 0 {
		return ""
	}
	return fmt.Sprintf("Scopes granted (%d): %s", len(c.TokenScopes), safetext.Clean(strings.Join(c.TokenScopes, " "), safetext.MaxScope))
}

func (d *details) text(c auth.Connection, ok bool) string {
	data := d.sess.Data()
	if !ok {
		if len(data.Connections) == 0 {
			return ""
		}
		return "Select a connection to see its details and act on it."
	}
	var b strings.Builder
	switch c.Type {
	case auth.AuthS2S:
		fmt.Fprintf(&b, "%s · %s · Account ID %s · Client ID %s\n", c.Name, view.AuthTypeLabel(c.Type), c.AccountID, c.ClientID)
	case auth.AuthOAuth:
		name := "(missing OAuth client)"
		if cl, ok := data.ClientByID(c.OAuthClientID); ok {
			name = cl.Name
		}
		fmt.Fprintf(&b, "%s · %s through the OAuth client %q\n", c.Name, view.AuthTypeLabel(c.Type), name)
	}
	fmt.Fprintf(&b, "Endpoints: %s (token URL %s) · API base: %s\n", view.PresetLabel(c.Endpoints.Preset),
		safetext.Clean(c.Endpoints.TokenURL, safetext.MaxURL), safetext.Clean(data.APIBaseURL(&c, c.TokenAPIURL), safetext.MaxURL))
	if c.Type == auth.AuthOAuth {
		if cl, ok := data.ClientByID(c.OAuthClientID); ok && secretNeeded(*cl) {
			fmt.Fprintf(&b, "Its OAuth client %q needs its secret: edit the client and enter the client secret again.\n", cl.Name)
		}
	}
	switch {
	case c.Type == auth.AuthOAuth && c.NeedsAuth:
		b.WriteString("Needs authorization: click Authorize and allow the app in your browser.")
	case c.LastTest == nil:
		b.WriteString("Never tested: click Test to check it against Zoom.")
	default:
		state := "OK"
		if !c.LastTest.OK {
			state = "Failing"
		}
		fmt.Fprintf(&b, "%s at the last test (%s): %s", state, c.LastTest.At.Local().Format("2 Jan 15:04"), safetext.Clean(c.LastTest.Message, safetext.MaxShown))
	}
	if d.sess.OnFile() {
		fmt.Fprintf(&b, "\nIts secrets are in the encrypted file %s", d.sess.SecretsPath())
		if !d.sess.State().Unlocked {
			b.WriteString(", locked until you enter its passphrase")
		}
		b.WriteString(".")
	}
	return b.String()
}

// callLine is one call of the audit log, short enough for the pane: time,
// tool, method and path, Zoom's status (or the outcome when none came),
// duration. The store cleaned it and keeps no token, body or query.
func callLine(c store.MCPCall) string {
	parts := []string{c.Time.Local().Format("2 Jan 15:04:05"), c.Tool}
	if c.Method != "" || c.Path != "" {
		parts = append(parts, strings.TrimSpace(c.Method+" "+c.Path))
	}
	switch {
	case c.Status != 0 && c.Outcome != store.MCPOutcomeOK:
		parts = append(parts, fmt.Sprintf("%d %s", c.Status, c.Outcome))
	case c.Status != 0:
		parts = append(parts, fmt.Sprint(c.Status))
	default:
		parts = append(parts, c.Outcome)
	}
	return strings.Join(append(parts, c.Duration.Round(time.Millisecond).String()), "  ")
}
