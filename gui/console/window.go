package console

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
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
// requests per connection. What it shows under the request always
// belongs to it: the answer goes when the connection changes, before each
// send, and with its connection; a problem with the path sits beside the
// path. Esc and Ctrl+W close it, wherever the focus is.
type console struct {
	win        fyne.Window
	keys       *kit.Keys // Esc closes, Enter sends, on its selects, check boxes and buttons
	connSelect *kit.FormSelect
	method     *kit.FormSelect
	path       *consolePathEntry
	pathHint   *widget.Label // where the path is relative to
	pathError  *widget.Label // what is wrong with the path, in the hint's place
	query      *consoleEntry // key=value lines
	body       *consoleEntry // JSON, for POST, PATCH and PUT
	bodyCover  *panel        // over the body while the method sends none
	paginate   *kit.FormCheck

	sendButton, cancelButton, copyCurlButton *kit.FormButton
	progress                                 *widget.ProgressBarInfinite
	historyList                              *historyList
	*responsePane

	env     *consoleEnv
	history []store.HistoryEntry // of the selected connection, newest first
	connID  string               // the selected connection's ID
	cancel  context.CancelFunc
	call    int // counts the calls sent, so a late notice is dropped
	closed  bool
}

// The request the console starts with: real values, sent as they are.
const (
	defaultPath  = "users/me"
	defaultQuery = "page_size=30"
)

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

// close closes the console.
func (c *console) close() { c.win.Close() }

func (c *console) build() {
	k := kit.NewKeys(c.close, c.send)
	c.keys = k
	keys := consoleKeys{send: c.send, close: c.close}
	c.connSelect = k.Select(nil, func(string) { c.connectionChanged() })
	c.connSelect.PlaceHolder = "(pick a connection)"
	c.method = k.Select(consoleMethods, func(string) { c.methodChanged() })
	c.path = newConsolePathEntry(defaultPath, keys)
	c.path.onChanged = func(string) { c.pathChanged() }
	c.pathHint = kit.SmallText("")
	c.pathHint.Wrapping = fyne.TextWrapOff
	c.pathHint.Truncation = fyne.TextTruncateEllipsis
	c.pathError = kit.SmallText("") // wrapped: all of it is to read
	c.pathError.Importance = widget.DangerImportance
	c.pathError.Hide()
	c.query = newConsoleEntry(defaultQuery, "page_size=30\nstatus=active", keys)
	c.body = newConsoleEntry("", `{"topic": "Team sync", "type": 2}`, keys)
	c.bodyCover = disabledCover("")
	c.paginate = k.Check("Paginate (follow next_page_token and merge the pages)", nil)
	c.sendButton = k.Button("Send", theme.MailSendIcon(), c.send)
	c.sendButton.Importance = widget.HighImportance
	c.cancelButton = k.Button("Cancel", theme.CancelIcon(), c.stop)
	c.cancelButton.Disable()
	c.progress = widget.NewProgressBarInfinite()
	c.progress.Stop()
	c.progress.Hide()
	c.copyCurlButton = k.Button("Copy as curl", theme.ContentCopyIcon(), c.copyCurl)
	c.responsePane = newResponsePane(k, c.env.App.Clipboard(), c.env.OpenURL, c.env.After)
	c.historyList = newHistoryList(func() int { return len(c.history) },
		func() fyne.CanvasObject { return kit.CellLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*kit.FitLabel).SetText(historyText(c.history[i])) },
		c.close)
	c.historyList.OnSelected = c.reuse

	c.method.SetSelected("GET")
	c.win.SetContent(c.layout())
	cv := c.win.Canvas()
	cv.AddShortcut(ctrlEnter, func(fyne.Shortcut) { c.send() })
	cv.AddShortcut(ctrlKeypadEnter, func(fyne.Shortcut) { c.send() })
	cv.AddShortcut(ctrlW, func(fyne.Shortcut) { c.close() })
	cv.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			c.close()
		}
	})
}

func (c *console) layout() fyne.CanvasObject {
	// The path's hint, or in its place what is wrong with the path.
	request := kit.TightVBox(container.NewBorder(nil, nil, c.method, nil, c.path), container.NewStack(c.pathHint, c.pathError))
	form := widget.NewForm(
		widget.NewFormItem("Connection", c.connSelect),
		widget.NewFormItem("Request", request),
		widget.NewFormItem("Query", c.query),
		widget.NewFormItem("JSON body", container.NewStack(c.body, c.bodyCover)),
		widget.NewFormItem("", c.paginate),
	)
	c.query.SetMinRowsVisible(3)
	c.body.SetMinRowsVisible(4)
	buttons := container.NewHBox(c.sendButton, c.cancelButton, c.copyCurlButton, c.copyResponseButton, c.selectText)
	head := container.NewVBox(form, buttons, c.progress, widget.NewSeparator(),
		c.status, c.rateLimit, c.errorLine, container.NewHBox(c.marketplace))
	response := container.NewBorder(head, nil, nil, nil, c.bodyArea())
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

// connectionChanged follows the picked connection: its history, where
// its paths go; and the answer shown, which was another connection's, goes
// (a call still running for it is cancelled).
func (c *console) connectionChanged() {
	x, ok := c.connection()
	id := ""
	if ok {
		id = x.ID
	}
	c.updatePathHint()
	if id == c.connID && c.history != nil {
		return
	}
	if c.history != nil { // not the first pick
		c.dropCall()
		c.clearResponse()
		c.setPathError("")
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

// updatePathHint says where the path goes: under the picked connection's
// API base URL.
func (c *console) updatePathHint() {
	hint := "Pick a connection: the path is relative to its API base URL."
	if x, ok := c.connection(); ok {
		hint = "Relative to " + c.env.Session.Data().APIBaseURL(&x, x.TokenAPIURL) + ", e.g. users/me."
	}
	c.pathHint.SetText(hint)
}

// pathChanged checks a path that was said to be wrong again: the problem
// goes once the path is fixed, and changes with it meanwhile.
func (c *console) pathChanged() {
	if c.pathError.Text == "" {
		return
	}
	_, _, _, err := c.request()
	var bad *badPath
	if errors.As(err, &bad) {
		c.setPathError(bad.Error())
		return
	}
	c.setPathError("")
}

// setPathError shows what is wrong with the path beside it, in the
// hint's place ("" for nothing).
func (c *console) setPathError(msg string) {
	c.pathError.SetText(msg)
	kit.SetVisible(c.pathError, msg != "")
	kit.SetVisible(c.pathHint, msg == "")
}

// methodChanged enables the body for a method that sends one, and
// Paginate for GET.
func (c *console) methodChanged() {
	m := c.method.Selected
	if hasBody(m) {
		c.body.Enable()
		c.bodyCover.Hide()
	} else {
		c.body.Disable()
		c.bodyCover.Text = m + " sends no body."
		c.bodyCover.Show()
		c.bodyCover.Refresh()
	}
	if m == "GET" {
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
	kit.Enable(ok && !running, &c.sendButton.Button)
	kit.Enable(ok, &c.copyCurlButton.Button)
	kit.Enable(running, &c.cancelButton.Button)
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
