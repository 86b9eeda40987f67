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
	Window     fyne.Window
	Connection *widget.Select
	Method     *widget.Select
	Path       *consolePathEntry
	Query      *consoleEntry // key=value lines
	Body       *consoleEntry // JSON, for POST, PATCH and PUT
	Paginate   *widget.Check

	Send, Cancel, CopyCurl *widget.Button
	Progress               *widget.ProgressBarInfinite
	History                *widget.List
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
	c := &console{env: env, Window: env.App.NewWindow("API console — " + view.AppName)}
	c.build()
	c.Window.SetOnClosed(func() {
		c.closed = true
		c.stop()
	})
	c.Window.Resize(fyne.NewSize(980, 720))
	c.Window.CenterOnScreen()
	c.refreshConnections()
	c.selectConnection(name)
	c.Window.Show()
	c.Window.Canvas().Focus(c.Path)
	return c
}

func (c *console) build() {
	c.Connection = widget.NewSelect(nil, func(string) { c.connectionChanged() })
	c.Connection.PlaceHolder = "(pick a connection)"
	c.Method = widget.NewSelect(consoleMethods, func(string) { c.methodChanged() })
	c.Path = newConsolePathEntry(c.send)
	c.Query = newConsoleEntry("page_size=30\nstatus=active", c.send)
	c.Body = newConsoleEntry(`{"topic": "Team sync", "type": 2}`, c.send)
	c.Paginate = widget.NewCheck("Paginate (follow next_page_token and merge the pages)", nil)
	c.Send = widget.NewButtonWithIcon("Send", theme.MailSendIcon(), c.send)
	c.Send.Importance = widget.HighImportance
	c.Cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), c.stop)
	c.Cancel.Disable()
	c.Progress = widget.NewProgressBarInfinite()
	c.Progress.Stop()
	c.Progress.Hide()
	c.CopyCurl = widget.NewButtonWithIcon("Copy as curl", theme.ContentCopyIcon(), c.copyCurl)
	c.responsePane = newResponsePane(c.env.App.Clipboard(), c.env.OpenURL)
	c.History = widget.NewList(func() int { return len(c.history) },
		func() fyne.CanvasObject { return kit.CellLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*kit.FitLabel).SetText(historyText(c.history[i])) })
	c.History.OnSelected = c.reuse

	c.Method.SetSelected("GET")
	c.Window.SetContent(c.layout())
	c.Window.Canvas().AddShortcut(ctrlEnter, func(fyne.Shortcut) { c.send() })
	c.Window.Canvas().AddShortcut(ctrlKeypadEnter, func(fyne.Shortcut) { c.send() })
}

func (c *console) layout() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Connection", c.Connection),
		widget.NewFormItem("Request", container.NewBorder(nil, nil, c.Method, nil, c.Path)),
		widget.NewFormItem("Query", c.Query),
		widget.NewFormItem("JSON body", c.Body),
		widget.NewFormItem("", c.Paginate),
	)
	c.Query.SetMinRowsVisible(3)
	c.Body.SetMinRowsVisible(4)
	buttons := container.NewHBox(c.Send, c.Cancel, c.CopyCurl, c.CopyResponse, c.SelectText)
	// The note has a row of its own: beside the buttons it widened the window.
	head := container.NewVBox(form, buttons, c.Note, c.Progress, widget.NewSeparator(),
		c.Status, c.RateLimit, c.Error, container.NewHBox(c.Marketplace))
	response := container.NewBorder(head, nil, nil, nil, container.NewScroll(container.NewStack(c.Pretty, c.Response)))
	history := container.NewBorder(kit.HeaderLabel("History (this connection)"), nil, nil, nil, c.History)
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
	c.Connection.SetOptions(names)
	if sel := c.Connection.Selected; sel != "" && !slices.Contains(names, sel) {
		c.Connection.ClearSelected()
	}
	c.connectionChanged() // its ID may have changed too
}

// selectConnection picks the named connection, if it exists.
func (c *console) selectConnection(name string) {
	if _, ok := c.env.Session.Data().Connection(name); ok {
		c.Connection.SetSelected(name)
	}
}

// connection is the picked connection.
func (c *console) connection() (auth.Connection, bool) {
	if c.Connection.Selected == "" {
		return auth.Connection{}, false
	}
	x, ok := c.env.Session.Data().Connection(c.Connection.Selected)
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
	c.History.UnselectAll()
	c.History.Refresh()
	c.updateButtons()
}

func (c *console) methodChanged() {
	if hasBody(c.Method.Selected) {
		c.Body.Enable()
	} else {
		c.Body.Disable()
	}
	if c.Method.Selected == "GET" {
		c.Paginate.Enable()
	} else {
		c.Paginate.SetChecked(false)
		c.Paginate.Disable()
	}
}

// updateButtons enables what fits: a call needs a connection and nothing
// running.
func (c *console) updateButtons() {
	_, ok := c.connection()
	running := c.cancel != nil
	kit.Enable(ok && !running, c.Send)
	kit.Enable(ok, c.CopyCurl)
	kit.Enable(running, c.Cancel)
}

// reuse fills the inputs from a history entry.
func (c *console) reuse(i widget.ListItemID) {
	if i < 0 || i >= len(c.history) {
		return
	}
	h := c.history[i]
	if containsString(consoleMethods, h.Method) {
		c.Method.SetSelected(h.Method)
	}
	c.Path.SetText(h.Path)
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
