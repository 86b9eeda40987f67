package agent

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/auth/mcpallow"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// lastCalls is how many calls of the audit log the window shows.
const lastCalls = 20

// The two modes' labels.
const (
	modeServe = "Zoom API (mcp serve)"
	modeProxy = "Zoom's hosted meeting server (mcp proxy)"
)

// window is one connection's "Use with an AI agent" window. Esc and
// Ctrl+W close it.
type window struct {
	ctx     *view.Context
	win     fyne.Window
	command string
	name    string // the connection shown
	closed  bool

	agent      *kit.Choice
	mode       *kit.Choice
	modeRow    *fyne.Container // hidden where mcp proxy cannot serve
	entry      *widget.Label   // the configuration entry, monospace
	where      *widget.Label
	copyButton *kit.FormButton

	rules      *widget.Entry // the stored allow list, one rule a line
	ruleHelp   *widget.Label // what applies; a refused rule in red
	saveButton *kit.FormButton

	calls          *widget.Label // the last calls, monospace
	refreshButton  *kit.FormButton
	heading        *widget.Label
	proxyAvailable bool
	stored         []string // the rules stored when last read
}

var ctrlW = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}

func open(ctx *view.Context, command, name string) *window {
	w := &window{ctx: ctx, command: command, win: ctx.App.NewWindow("Use with an AI agent — " + view.AppName)}
	w.build()
	w.win.SetOnClosed(func() { w.closed = true })
	w.win.Resize(fyne.NewSize(900, 900))
	w.win.CenterOnScreen()
	w.show(name)
	w.win.Show()
	return w
}

func (w *window) close() { w.win.Close() }

func (w *window) build() {
	k := kit.NewKeys(w.close, func() {})
	var labels []string
	for _, a := range access.MCPAgents {
		labels = append(labels, a.Label)
	}
	w.agent = k.Choice(labels, func(string) { w.render() })
	w.agent.Selected = labels[0]
	w.mode = k.Choice([]string{modeServe, modeProxy}, func(string) { w.render() })
	w.mode.Selected = modeServe
	w.entry = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	w.entry.Selectable = true
	w.where = kit.SmallText("")
	w.where.Wrapping = fyne.TextWrapWord
	w.copyButton = k.Button("Copy", theme.ContentCopyIcon(), func() { w.ctx.Copy(w.entry.Text, "The agent's configuration entry") })
	w.copyButton.Importance = widget.HighImportance

	w.rules = widget.NewMultiLineEntry()
	w.rules.SetPlaceHolder("GET /users/**\nPOST /users/*/meetings")
	w.rules.SetMinRowsVisible(4)
	w.ruleHelp = kit.SmallText("")
	w.ruleHelp.Wrapping = fyne.TextWrapWord
	w.saveButton = k.Button("Save allow list", theme.DocumentSaveIcon(), w.saveRules)

	w.calls = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	w.calls.Selectable = true
	w.refreshButton = k.Button("Refresh", theme.ViewRefreshIcon(), func() { w.showCalls() })
	w.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.heading.Wrapping = fyne.TextWrapWord

	w.win.SetContent(w.layout())
	cv := w.win.Canvas()
	cv.AddShortcut(ctrlW, func(fyne.Shortcut) { w.close() })
	cv.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if m := w.ctx.Dialogs.TopOn(w.win); m != nil {
			m.TypedKey(ev.Name)
			return
		}
		if ev.Name == fyne.KeyEscape {
			w.close()
		}
	})
}

func (w *window) layout() fyne.CanvasObject {
	w.modeRow = container.NewBorder(nil, nil, widget.NewLabel("Serves"), nil, w.mode)
	entry := container.NewBorder(nil, container.NewBorder(nil, nil, nil, w.copyButton, w.where), nil, nil,
		container.NewHScroll(w.entry))
	config := container.NewVBox(
		kit.HeaderLabel("1. Paste this into the agent's configuration"),
		container.NewBorder(nil, nil, widget.NewLabel("Agent"), nil, w.agent),
		w.modeRow,
		entry,
	)
	allow := container.NewVBox(
		kit.HeaderLabel("2. What the agent may call (mcp serve's allow list)"),
		w.rules, container.NewBorder(nil, nil, nil, w.saveButton, w.ruleHelp),
	)
	// The heading in the centre: it gets the row's width, never cut.
	calls := container.NewBorder(container.NewBorder(nil, nil, nil, w.refreshButton, kit.HeaderLabel(fmt.Sprintf("3. The last calls agents made, newest first (up to %d)", lastCalls))),
		nil, nil, nil, container.NewScroll(w.calls))
	top := container.NewVBox(w.heading, widget.NewSeparator(), config, widget.NewSeparator(), allow, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, calls))
}

// show shows the named connection: its entry, stored rules and calls.
func (w *window) show(name string) {
	w.name = name
	c, ok := w.ctx.Session.Data().Connection(name)
	if !ok {
		return
	}
	w.win.SetTitle("Use with an AI agent: " + name + " — " + view.AppName)
	w.heading.SetText(fmt.Sprintf("An AI agent starts zoomconn as its MCP server and uses %q through it, without ever seeing its token.", name))
	_, err := w.ctx.Session.Service().MCPServerURL(name, "meeting")
	w.proxyAvailable = err == nil
	if w.proxyAvailable {
		w.modeRow.Show()
	} else {
		w.mode.SetSelected(modeServe)
		w.modeRow.Hide()
	}
	// From the file as it is now: mcp allow may have changed it.
	rules, err := w.ctx.Session.Service().MCPAllowRules(name)
	if err != nil {
		rules = c.MCPAllow
	}
	w.stored = rules
	w.rules.SetText(strings.Join(rules, "\n"))
	w.render()
	w.showCalls()
}

// render writes the entry for the chosen agent and mode, and says what
// applies.
func (w *window) render() {
	agent := access.MCPAgents[0]
	for _, a := range access.MCPAgents {
		if a.Label == w.agent.Selected {
			agent = a
		}
	}
	proxy := ""
	if w.mode.Selected == modeProxy && w.proxyAvailable {
		proxy = "meeting"
	}
	text, err := access.MCPConfigEntry(agent.ID, w.command, w.name, proxy)
	if err != nil {
		text = err.Error()
	}
	w.entry.SetText(text)
	w.where.SetText("Add it to " + agent.Where + ". It holds a command line only: no token, no secret.")
	if !w.proxyAvailable {
		w.where.SetText(w.where.Text + " Zoom's hosted MCP servers take an OAuth 2.0 connection's token on Zoom's endpoints (or custom ones with an MCP URL).")
	}
	w.sayRules(nil)
}

// sayRules says what mcp serve allows, or why the rules were refused.
func (w *window) sayRules(err error) {
	w.ruleHelp.Importance = widget.MediumImportance
	if err != nil {
		w.ruleHelp.Importance = widget.DangerImportance
		w.ruleHelp.SetText(safetext.Clean(err.Error(), safetext.MaxShown) + " Nothing was saved.")
		return
	}
	switch {
	case len(w.stored) == 0:
		w.ruleHelp.SetText("None stored: mcp serve allows only " + mcpallow.DefaultRule + " (read-only), or what --allow gives. A rule is a method (or *) and a path; * is one segment, ** any number.")
	default:
		w.ruleHelp.SetText("Stored: every mcp serve of this connection allows only these; an agent's --allow can narrow them, never widen them. Empty the box and save to remove them.")
	}
	w.ruleHelp.Refresh()
}

// saveRules stores the rules typed, one a line ("" removes the list).
func (w *window) saveRules() {
	var rules []string
	for _, l := range strings.Split(w.rules.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			rules = append(rules, l)
		}
	}
	name := w.name
	svc := w.ctx.Session.Service()
	w.saveButton.Disable()
	w.ctx.Jobs.Run(func() {
		err := svc.SetMCPAllow(name, rules)
		w.ctx.Jobs.Do(func() {
			w.saveButton.Enable()
			var rule *mcpallow.RuleError
			switch {
			case errors.As(err, &rule):
				w.sayRules(err)
			case err != nil:
				w.ctx.Dialogs.FailOn(w.win, "The allow list was not saved", err)
			default:
				w.ctx.Reload()
				if len(rules) == 0 {
					w.ctx.Status(fmt.Sprintf("The allow list of %q was removed: mcp serve is read-only.", name))
				} else {
					w.ctx.Status(fmt.Sprintf("The allow list of %q was saved (%d rules).", name, len(rules)))
				}
				w.show(name)
			}
		})
	})
}

// showCalls reads the last calls of the audit log.
func (w *window) showCalls() {
	name := w.name
	svc := w.ctx.Session.Service()
	w.ctx.Jobs.Run(func() {
		calls, err := svc.MCPCalls(name, lastCalls)
		w.ctx.Jobs.Do(func() {
			if name != w.name {
				return
			}
			switch {
			case err != nil:
				w.calls.SetText(safetext.Clean(err.Error(), safetext.MaxShown))
			case len(calls) == 0:
				w.calls.SetText("No agent has made a call through this connection yet.")
			default:
				w.calls.SetText(callsText(calls))
			}
		})
	})
}

// callsText is the calls newest first, one a line, cleaned by the store.
func callsText(calls []store.MCPCall) string {
	var b strings.Builder
	for i := len(calls) - 1; i >= 0; i-- {
		c := calls[i]
		status, method, path := "-", c.Method, c.Path
		if c.Status != 0 {
			status = fmt.Sprint(c.Status)
		}
		if method == "" {
			method = "-"
		}
		if path == "" {
			path = "-"
		}
		fmt.Fprintf(&b, "%s  %-13s  %-6s %-36s %-4s %-8s %s\n", c.Time.Local().Format(time.DateTime), c.Tool, method, path, status, c.Outcome, c.Duration.Round(time.Millisecond))
	}
	return strings.TrimRight(b.String(), "\n")
}
