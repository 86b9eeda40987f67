package console

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

var (
	ctrlEnter       = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	ctrlKeypadEnter = &desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault}
)

// marketplaceHome is where a Zoom app's scopes are changed.
const marketplaceHome = "https://marketplace.zoom.us/"

// consoleEnv is what the API console uses of the window: its Context, and the
// caller of its API calls (nil: the core's).
type consoleEnv struct {
	*view.Context
	caller Caller
}

// console is the API console window: it calls the Zoom API with a
// connection's token, which it never shows, and keeps a short history of
// requests per connection.
type console struct {
	win        fyne.Window
	connSelect *widget.Select
	method     *widget.Select
	path       *consolePathEntry
	query      *consoleEntry // key=value lines
	body       *consoleEntry // JSON, for POST, PATCH and PUT
	paginate   *widget.Check

	sendButton, cancelButton, copyCurlButton *widget.Button
	progress                                 *widget.ProgressBarInfinite
	historyList                              *widget.List
	*responsePane

	env     *consoleEnv
	history []store.HistoryEntry // of the selected connection, newest first
	connID  string               // the selected connection's ID
	cancel  context.CancelFunc
	call    int // counts the calls sent, so a late notice is dropped
	closed  bool
}

// open opens the console for the named connection ("" for none).
func open(env *consoleEnv, name string) *console {
	c := &console{env: env, win: env.App.NewWindow("API console — " + view.AppName)}
	c.build()
	c.win.SetOnClosed(func() {
		c.closed = true
		c.stop()
	})
	c.win.Resize(fyne.NewSize(980, 720))
	c.win.CenterOnScreen()
	c.refreshConnections()
	c.selectConnection(name)
	c.win.Show()
	c.win.Canvas().Focus(c.path)
	return c
}

func (c *console) build() {
	c.connSelect = widget.NewSelect(nil, func(string) { c.connectionChanged() })
	c.connSelect.PlaceHolder = "(pick a connection)"
	c.method = widget.NewSelect(consoleMethods, func(string) { c.methodChanged() })
	c.path = newConsolePathEntry(c.send)
	c.query = newConsoleEntry("page_size=30\nstatus=active", c.send)
	c.body = newConsoleEntry(`{"topic": "Team sync", "type": 2}`, c.send)
	c.paginate = widget.NewCheck("Paginate (follow next_page_token and merge the pages)", nil)
	c.sendButton = widget.NewButtonWithIcon("Send", theme.MailSendIcon(), c.send)
	c.sendButton.Importance = widget.HighImportance
	c.cancelButton = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), c.stop)
	c.cancelButton.Disable()
	c.progress = widget.NewProgressBarInfinite()
	c.progress.Stop()
	c.progress.Hide()
	c.copyCurlButton = widget.NewButtonWithIcon("Copy as curl", theme.ContentCopyIcon(), c.copyCurl)
	c.responsePane = newResponsePane(c.env.App.Clipboard(), c.env.OpenURL)
	c.historyList = widget.NewList(func() int { return len(c.history) },
		func() fyne.CanvasObject { return kit.CellLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*kit.FitLabel).SetText(historyText(c.history[i])) })
	c.historyList.OnSelected = c.reuse

	c.method.SetSelected("GET")
	c.win.SetContent(c.layout())
	c.win.Canvas().AddShortcut(ctrlEnter, func(fyne.Shortcut) { c.send() })
	c.win.Canvas().AddShortcut(ctrlKeypadEnter, func(fyne.Shortcut) { c.send() })
}

func (c *console) layout() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Connection", c.connSelect),
		widget.NewFormItem("Request", container.NewBorder(nil, nil, c.method, nil, c.path)),
		widget.NewFormItem("Query", c.query),
		widget.NewFormItem("JSON body", c.body),
		widget.NewFormItem("", c.paginate),
	)
	c.query.SetMinRowsVisible(3)
	c.body.SetMinRowsVisible(4)
	buttons := container.NewHBox(c.sendButton, c.cancelButton, c.copyCurlButton, c.copyResponseButton, c.selectText)
	// The note has a row of its own: beside the buttons it widened the window.
	head := container.NewVBox(form, buttons, c.noteLine, c.progress, widget.NewSeparator(),
		c.status, c.rateLimit, c.errorLine, container.NewHBox(c.marketplace))
	response := container.NewBorder(head, nil, nil, nil, container.NewScroll(container.NewStack(c.pretty, c.response)))
	history := container.NewBorder(kit.HeaderLabel("History (this connection)"), nil, nil, nil, c.historyList)
	split := container.NewHSplit(container.NewPadded(response), history)
	split.Offset = 0.72
	return split
}

// refreshConnections offers the connections in the file as it is now.
func (c *console) refreshConnections() {
	var names []string
	for _, x := range c.env.Session.Data().Connections {
		names = append(names, x.Name)
	}
	c.connSelect.SetOptions(names)
	if sel := c.connSelect.Selected; sel != "" && !slices.Contains(names, sel) {
		c.connSelect.ClearSelected()
	}
	c.connectionChanged() // its ID may have changed too
}

// selectConnection picks the named connection, if it exists.
func (c *console) selectConnection(name string) {
	if _, ok := c.env.Session.Data().Connection(name); ok {
		c.connSelect.SetSelected(name)
	}
}

// connection is the picked connection.
func (c *console) connection() (auth.Connection, bool) {
	if c.connSelect.Selected == "" {
		return auth.Connection{}, false
	}
	x, ok := c.env.Session.Data().Connection(c.connSelect.Selected)
	if !ok {
		return auth.Connection{}, false
	}
	return *x, true
}

func (c *console) connectionChanged() {
	x, ok := c.connection()
	id := ""
	if ok {
		id = x.ID
	}
	if id == c.connID && c.history != nil {
		return
	}
	c.connID = id
	c.history = c.env.Session.Store().History(id)
	if c.history == nil {
		c.history = []store.HistoryEntry{}
	}
	c.historyList.UnselectAll()
	c.historyList.Refresh()
	c.updateButtons()
}

func (c *console) methodChanged() {
	if hasBody(c.method.Selected) {
		c.body.Enable()
	} else {
		c.body.Disable()
	}
	if c.method.Selected == "GET" {
		c.paginate.Enable()
	} else {
		c.paginate.SetChecked(false)
		c.paginate.Disable()
	}
}

// updateButtons enables what fits: a call needs a connection and nothing
// running.
func (c *console) updateButtons() {
	_, ok := c.connection()
	running := c.cancel != nil
	kit.Enable(ok && !running, c.sendButton)
	kit.Enable(ok, c.copyCurlButton)
	kit.Enable(running, c.cancelButton)
}

// reuse fills the inputs from a history entry.
func (c *console) reuse(i widget.ListItemID) {
	if i < 0 || i >= len(c.history) {
		return
	}
	h := c.history[i]
	if containsString(consoleMethods, h.Method) {
		c.method.SetSelected(h.Method)
	}
	c.path.SetText(h.Path)
}

func containsString(list []string, s string) bool { return slices.Contains(list, s) }

// historyText is one history row: method, path, status, time.
func historyText(h store.HistoryEntry) string {
	status := "no answer"
	if h.Status != 0 {
		status = fmt.Sprint(h.Status)
	}
	return fmt.Sprintf("%s %s · %s · %s", h.Method, h.Path, status, h.Time.Local().Format("Jan 2 15:04:05"))
}
