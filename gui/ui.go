// Package gui is the Fyne desktop app's main window: it owns the shell
// (the window, its menu, shortcuts and remembered size) and the views that
// live in it (the connection and OAuth client lists, the SDK credentials
// while there are any, the toolbar, the banner, the details pane with a
// connection's last AI agent calls, the dialogs of a connection's
// actions, of where secrets live and of import and export, and the
// set-up guide), and
// it wires the rooms it opens: the forms (gui/forms) and the API console
// (gui/console), all built with one view.Context (gui/view: the session,
// the jobs, the dialogs, the status line, the reload), on the widget kit
// (gui/kit) and the theme (gui/theme). Every action calls the core, the
// same as the command line; work that may block runs as a job, whose
// result reaches the widgets only through fyne.Do.
//
// The app uses four names: AppID, Options, Run and SystemURLOpener. The
// package never imports fyne.io/fyne/v2/app (main creates the app, so its
// tests build without cgo), holds no test code, and exports nothing for
// the screenshot driver: that is gui/shots.go, built only with -tags
// shots, and the widgets are reached from the test side (gui/guitest).
package gui

import (
	"fmt"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/assets"
	"zoomconn/auth"
	"zoomconn/gui/agent"
	"zoomconn/gui/console"
	"zoomconn/gui/events"
	"zoomconn/gui/forms"
	"zoomconn/gui/kit"
	"zoomconn/gui/sdk"
	apptheme "zoomconn/gui/theme"
	"zoomconn/gui/view"
)

// AppID is the app's unique ID (FyneApp.toml): where Fyne keeps its
// preferences, such as the remembered window size.
const AppID = "io.github.zoomconn"

// marketplaceURL is where Zoom apps are created.
const marketplaceURL = "https://marketplace.zoom.us/develop/create"

// The keys of Fyne's preferences where an earlier version remembered the
// window size and split; read if the layout file (remembered.go) has none.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefSplit  = "window.split"
)

// defaultSize and defaultSplit show at least eight connections and a few
// OAuth clients (layout_test.go checks).
const defaultSplit = 0.752

var defaultSize = fyne.NewSize(1040, 700)

// listTick is how often the list's Token expires column is redrawn; it
// shows minutes.
const listTick = 15 * time.Second

// appIcon is the icon of the app and its windows.
var appIcon = fyne.NewStaticResource("icon.png", assets.WindowIcon)

// mainWindow is the main window: the shell that lays the views out, keeps the
// menu and the window size, and passes each view what it needs.
type mainWindow struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	ctx    *view.Context // what every view is built with
	sess   *view.Session // ctx.Session, the same for the window's life
	status *widget.Label // the status line
	split  *container.Split
	// lower is under the split: the OAuth clients, or (while there are SDK
	// credentials) sdkSplit, the OAuth clients above the SDK credentials.
	lower       *fyne.Container
	sdkSplit    *container.Split
	clientsView fyne.CanvasObject
	// closed ends the tickers of the countdowns when the window closes.
	closed *kit.StopSignal

	tb       *toolbar
	conns    *connList
	clients  *clientList
	sdks     *sdkList
	details  *details
	banner   *banner
	forms    *forms.Forms
	acts     *connActions
	backends *backends
	transfer *importExport
	consoles *console.Consoles
	events   *events.Windows
	sdk      *sdk.Windows
	agents   *agent.Windows
}

// newWindow builds the main window (not shown yet).
func newWindow(a fyne.App, opts Options) *mainWindow {
	u := newShell(a, opts)
	u.populate()
	return u
}

// newShell makes the main window without content.
func newShell(a fyne.App, opts Options) *mainWindow {
	u := &mainWindow{app: a, opts: opts, sess: view.NewSession(opts.Service, opts.KeyringErr), closed: kit.NewStopSignal()}
	u.win = a.NewWindow(view.AppName)
	u.win.SetMaster()
	u.restoreSize()
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.ctx = &view.Context{
		App: a, Session: u.sess, Jobs: kit.NewJobs(),
		Dialogs: kit.NewDialogs(u.win, a.Clipboard(), view.ErrorText),
		Status:  u.setStatus, Reload: u.reload, OpenURL: u.openURL,
		Guide: func(t auth.AuthType) { u.showGuide(t) },
	}
	// A job that waits for another process's refresh says so, rather than
	// leave the window silent for up to store.DefaultLockWait.
	opts.Service.Store.OnWait = func(name string) {
		u.ctx.Jobs.Do(func() {
			u.setStatus(fmt.Sprintf("Waiting for another window or zoomconn command that is refreshing %q…", name))
		})
	}
	return u
}

// wire makes the views, each with what it uses.
func (u *mainWindow) wire() {
	ctx := u.ctx
	fix := &fixes{
		edit:       func(n string) { u.editConnection(n) },
		editClient: func(n string) { u.editClient(n, nil) },
	}
	clip := newTokenClipboard(u.app.Clipboard(), u.opts)
	authz := &authorizer{Context: ctx, fix: fix}
	fix.authorize = func(n string) { authz.authorize(n) }
	u.acts = &connActions{Context: ctx, clip: clip, authz: authz, fix: fix}
	u.forms = forms.New(ctx, func(c auth.Connection, then bool) {
		u.selectConnection(c.Name)
		switch {
		case then && c.Type == auth.AuthOAuth:
			u.authorize(c.Name)
		case then:
			u.test(c.Name)
		}
	}, func(c auth.OAuthClient) { u.selectClient(c.Name) })
	u.backends = &backends{Context: ctx, changed: u.updateActions, unlocker: &unlocker{Context: ctx}}
	u.consoles = console.New(ctx, nil)
	u.events = events.New(ctx)
	u.sdk = sdk.New(ctx)
	u.agents = agent.New(ctx)
	u.transfer = &importExport{Context: ctx}

	newConn := func() { u.newConnection() }
	// The window's keys work wherever the focus is: a button or the
	// search box hands the keys it has no use for (F1, Delete) to the
	// list it belongs with, as does a list.
	u.tb = newToolbar(toolbarActions{
		newConn: newConn, guide: u.guideForSelection,
		edit: func(n string) { u.editConnection(n) }, del: func(n string) { u.deleteConnection(n) },
		test: u.test, authorize: func(n string) { u.authorize(n) }, copyToken: u.copyToken,
		disconnect: func(n string) { u.disconnect(n) }, api: func(n string) { u.openConsole(n) },
	}, func() (auth.Connection, bool) { return u.conns.selected() }, u.connListKey)
	u.conns = newConnList(u.sess, u.applyFilter, u.updateActions, u.guideForSelection, newConn, u.connListKey)
	u.conns.search.leave = func() { u.win.Canvas().Focus(u.conns.List) }
	u.clients = newClientList(u.sess, &u.conns.search.Entry, u.updateActions, func() { u.newClient(nil) },
		func(n string) { u.editClient(n, nil) }, func(n string) { u.deleteClient(n) }, func(n string) { u.sdk.OpenSignature(n) }, u.clientListKey)
	u.sdks = newSDKList(u.sess, &u.conns.search.Entry, u.updateActions, sdkActions{
		newSDK: func() { u.sdk.OpenNew() }, sign: func(n string) { u.sdk.OpenSignature(n) },
		edit: func(n string) { u.sdk.OpenEdit(n) }, del: func(n string) { u.sdk.Delete(u.win, n) },
	}, u.sdkListKey)
	u.details = newDetails(u.sess, ctx.Jobs, func(n string) { u.agents.Open(n) })
	u.banner = newBanner(ctx.Dialogs, u.checkKeyring, func() { u.showUnlock(nil) }, func() { u.useFileStore() }, func() { u.moveToKeyring() })
}

// populate builds the window's content, menu and shortcuts and loads the
// connections. The widgets get their state (rows, enabled buttons, banner)
// before they join the window, so each is rendered once: a button's icon
// is recoloured and rasterized on every refresh.
func (u *mainWindow) populate() {
	u.wire()
	// The details and the status line are compact too, leaving the rows
	// the room.
	conns := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), u.details.box), nil, nil, u.conns.content())
	u.clientsView = u.clients.content()
	u.sdkSplit = container.NewVSplit(u.clientsView, u.sdks.content())
	u.lower = container.NewStack(u.clientsView)
	u.split = container.NewVSplit(conns, u.lower)
	u.split.Offset = u.loadLayout().Split
	u.restoreColumns()
	top := container.NewVBox(u.banner.box, u.tb.box, widget.NewSeparator())
	content := inDrawingOrder(top, u.split, kit.Compact(u.status))
	u.reload()
	u.win.SetContent(content)
	u.win.SetMainMenu(u.menu())
	u.addShortcuts(u.win.Canvas())
	u.win.SetOnClosed(u.stopTickers)
	u.win.SetCloseIntercept(func() {
		u.saveLayout()
		u.acts.clip.clearNow()
		u.win.Close()
	})
	if u.sess.Locked() {
		// Ask before anything can need a secret.
		u.showUnlock(nil)
	}
}

// Run opens the main window and blocks until the app quits. The window is
// mapped first and filled right after, on the first turn of the event
// loop, while the fonts its text needs load on another goroutine.
func Run(a fyne.App, opts Options) {
	a.SetIcon(appIcon)
	a.Settings().SetTheme(apptheme.App())
	fontsLoaded := make(chan struct{})
	go func() {
		warmFonts()
		close(fontsLoaded)
	}()
	u := newShell(a, opts)
	a.Lifecycle().SetOnStarted(func() {
		select { // else both goroutines parse the same faces
		case <-fontsLoaded:
		case <-time.After(3 * time.Second): // never leave the window empty
		}
		u.populate()
		// The token expiry counts down while the window is open (New
		// leaves it still: tests and screenshots tick themselves).
		u.startTickers(fyne.Do, detailsTick, listTick)
		if opts.OnReady != nil {
			go fyne.Do(opts.OnReady) // queued behind the frame that shows the content
		}
	})
	a.Lifecycle().SetOnStopped(u.saveLayout)
	// Fyne writes its preferences once more after OnStopped, in place,
	// while its watcher may read them back ("Preferences load error: EOF"
	// on the terminal); the window keeps its layout in a file of its own
	// (remembered.go) and changes nothing there, so that write is left out.
	if l, ok := a.Lifecycle().(interface{ SetOnStoppedHookExecuted(func()) }); ok {
		l.SetOnStoppedHookExecuted(func() {})
	}
	u.win.ShowAndRun()
}

// warmFonts loads the font faces of the main window's text while the
// driver creates the window and its GL context on the main goroutine: the
// first measurement in a style parses its faces and looks up a system font
// for the locale, tens of milliseconds each. Fyne's font cache is safe for
// concurrent use.
func warmFonts() {
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("Zoom", theme.TextSize(), style)
	}
}

// reload reads the connections file again and refreshes every view. It
// reads a small local file only, never the keyring.
func (u *mainWindow) reload() {
	u.sess.Load()
	u.applyFilter()
	u.banner.update(u.sess)
	u.consoles.Refresh()
	u.events.Refresh()
	u.sdk.Refresh()
	u.agents.Refresh()
	// The File menu offers what fits where the secrets are.
	if u.backends.menuOutdated() {
		u.win.SetMainMenu(u.menu())
	}
}

// applyFilter shows the items matching the search box in both lists; it
// runs on every keystroke.
func (u *mainWindow) applyFilter() {
	q := u.conns.search.Text
	u.conns.filter(q)
	u.clients.filter(q)
	u.sdks.filter(q)
	u.showSDKSection()
	u.updateActions()
}

// showSDKSection shows the SDK credential section under the OAuth clients
// while there are SDK credentials; the two share the split's lower side,
// dragged apart like it, each at least a row high.
func (u *mainWindow) showSDKSection() {
	want := u.clientsView
	if u.sdks.any() {
		want = u.sdkSplit
	}
	if u.lower == nil || u.lower.Objects[0] == want {
		return
	}
	if want == u.sdkSplit {
		u.sdkSplit.Leading = u.clientsView
	}
	u.lower.Objects = []fyne.CanvasObject{want}
	u.lower.Refresh()
}

// updateActions enables what fits the selection and the session, and
// describes the selected connection.
func (u *mainWindow) updateActions() {
	ro := u.sess.ReadOnly()
	c, ok := u.conns.selected()
	u.tb.update(c, ok, ro)
	u.clients.update(ro)
	u.sdks.update(ro)
	u.details.show(c, ok)
}

func (u *mainWindow) setStatus(s string) { u.status.SetText(s) }

// inDrawingOrder lays top, middle and bottom out as a border layout does,
// keeping them in that order, in which Tab visits them
// (container.NewBorder puts the middle first). top and bottom may be nil.
func inDrawingOrder(top, middle, bottom fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, middle, bottom} {
		if o != nil {
			objs = append(objs, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, nil, nil), objs...)
}

// sectionTitle is a list section's title, in the subheading size.
func sectionTitle(text string) *widget.Label {
	title := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	return title
}

// sectionTop is the top of a list section with buttons: its title, the
// buttons at the right, the column header and a separator.
func sectionTop(title string, buttons []*kit.Button, cols *kit.Columns, headers ...string) fyne.CanvasObject {
	row := []fyne.CanvasObject{sectionTitle(title), layout.NewSpacer()}
	for _, b := range buttons {
		row = append(row, b)
	}
	return container.NewVBox(container.NewHBox(row...), kit.Header(cols, headers...), widget.NewSeparator())
}

// startTickers redraws the countdowns through do (fyne.Do): the details
// pane's every detailsEvery while one runs, the list's Token expires
// column every listEvery; until the window closes.
func (u *mainWindow) startTickers(do func(func()), detailsEvery, listEvery time.Duration) {
	u.details.startTicker(do, detailsEvery)
	kit.Every(u.closed.Done(), listEvery, func() { do(u.conns.tickExpiry) })
}

func (u *mainWindow) stopTickers() {
	u.details.stop()
	u.closed.Stop()
}

// guideForSelection opens the set-up guide at the tab of the selected
// connection's type (Server-to-Server when none is selected).
func (u *mainWindow) guideForSelection() {
	t := auth.AuthS2S
	if c, ok := u.conns.selected(); ok {
		t = c.Type
	}
	u.showGuide(t)
}

func (u *mainWindow) openURL(raw string) {
	parsed, err := url.Parse(raw)
	if err != nil {
		return
	}
	open := u.opts.openURL
	if open == nil {
		open = func(u *url.URL) error { return SystemURLOpener().Open(u.String()) }
	}
	if err := open(parsed); err != nil {
		u.ctx.Dialogs.Fail("Could not open the browser", fmt.Errorf("Open %s in your browser yourself (%v).", raw, err))
	}
}

// SystemURLOpener is the desktop's opener (xdg-open, open on macOS, the
// URL handler of Windows) that waits for what it starts: the app hands its
// Open to access.Service, so the browser a login opens leaves no zombie.
func SystemURLOpener() kit.URLOpener { return kit.SystemURLOpener() }

// lockIcon is the Unlock… button's icon on the banner.
var lockIcon = kit.LockIcon
