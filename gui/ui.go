// Package gui is the Fyne desktop app. It holds widgets and handlers only;
// every action calls package auth, the same core as the command line.
// Results of work done in goroutines reach widgets only through fyne.Do.
//
// It never imports fyne.io/fyne/v2/app: main creates the app, so the
// package's tests build without cgo.
package gui

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/assets"
	"zoomconn/auth"
)

// AppName is the window title and the name in About.
const AppName = "Zoom Connections"

// MarketplaceURL is where Zoom apps are created.
const MarketplaceURL = "https://marketplace.zoom.us/develop/create"

// Preference keys for the remembered window size.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

var defaultSize = fyne.NewSize(1040, 700)

// Options wires the UI to the core. Store and Service are required.
//
// Store uses the system keyring for secrets, and Service runs on Store.
// When the connections file says secrets live in the encrypted file
// (auth.BackendFile), the window asks for the file's passphrase at start
// and, once it unlocks, runs on Store.WithSecrets(the file) and a copy of
// Service on that store (same HTTPClient, Now, OpenURL and Sleep); until
// then it is read-only. The user can also move the secrets between the
// keyring and the file from the banner and the File menu. New sets the
// OnWait of Store (and of Service.Store) to report, in the status line,
// a wait for another zoomconn process holding a connection's lock.
type Options struct {
	Store   *auth.Store
	Service *auth.Service
	// Keyring is the system keyring, where secrets live unless the user
	// chose the encrypted file; nil means Store.Secrets().
	Keyring auth.SecretStore
	// KeyringErr is what probing Keyring at start said (auth.ProbeKeyring);
	// nil if it answered. With secrets in the keyring, an error makes the
	// window read-only with a banner that offers "Check again" and "Use an
	// encrypted file instead…". With secrets in the encrypted file, nil
	// makes the banner offer "Move secrets to the system keyring".
	KeyringErr error
	Version    string
	// OpenURL opens a web page (the Zoom App Marketplace); nil uses the
	// app's OpenURL.
	OpenURL func(*url.URL) error
	// OnReady, if set, is called once the main window has its content
	// (start-up benchmarks).
	OnReady func()
	// ClipboardClearAfter is how long a copied access token stays on the
	// clipboard before it is cleared (if the clipboard still holds it);
	// 0 means DefaultClipboardClearAfter.
	ClipboardClearAfter time.Duration
	// AfterFunc runs f once d has passed, on another goroutine; nil means
	// time.AfterFunc. Tests pass a fake timer.
	AfterFunc func(d time.Duration, f func())
}

// DefaultClipboardClearAfter is how long a copied access token stays on
// the clipboard, so clipboard managers and other programs do not keep it.
const DefaultClipboardClearAfter = 60 * time.Second

// UI is the main window and the handlers behind it. Exported widgets let
// tests tap them as a user would.
type UI struct {
	app   fyne.App
	win   fyne.Window
	opts  Options
	store *auth.Store
	svc   *auth.Service

	data    *auth.Data
	loadErr error
	index   *auth.SearchIndex  // of data, rebuilt by reload
	usedBy  map[string]int     // OAuth client ID → connections using it
	conns   []auth.Connection  // shown, after the search filter
	clients []auth.OAuthClient // shown, after the search filter
	selConn string             // selected connection ID
	selCl   string             // selected OAuth client ID
	keyErr  error
	// keyring is the system keyring; fileStore the unlocked encrypted
	// file (nil until its passphrase is entered). store and svc use
	// whichever the data's backend names; jobs capture them when they
	// start, and only the UI goroutine replaces them.
	keyring   auth.SecretStore
	fileStore *auth.FileStore
	moving    bool              // secrets are being moved between backends
	unlockDlg *PassphraseDialog // opened last
	fileDlg   *FileStoreDialog  // opened last
	menuState string            // what the File menu was built for
	mu        sync.Mutex        // guards modals (tests read them)
	modals    []*Modal
	active    atomic.Int64 // background jobs running
	// do hands a goroutine's result to the UI thread: fyne.Do. Tests
	// replace it with a queue they drain on the test goroutine, which is
	// what the real driver does on the main thread.
	do       func(func())
	connForm *ConnectionForm
	clForm   *ClientForm
	// copiedToken is the access token last put on the clipboard, until it
	// is cleared from it (UI goroutine only).
	copiedToken string

	Search          *widget.Entry
	ConnList        *widget.List
	ClientList      *widget.List
	NewButton       *widget.Button
	EditButton      *widget.Button
	DeleteButton    *widget.Button
	TestButton      *widget.Button
	AuthorizeButton *widget.Button
	CopyButton      *widget.Button
	RevokeButton    *widget.Button
	NewClientButton *widget.Button
	EditClButton    *widget.Button
	DeleteClButton  *widget.Button
	Details         *widget.Label
	Status          *widget.Label
	Banner          *fyne.Container
	RetryButton     *widget.Button // Check again (keyring or file problems)
	UnlockButton    *widget.Button // Unlock… (the encrypted file)
	UseFileButton   *widget.Button // Use an encrypted file instead…
	ToKeyringButton *widget.Button // Move secrets to the system keyring
	bannerText      *widget.Label
	bannerIcon      *widget.Icon
	emptyBox        *fyne.Container
	emptyTitle      *widget.Label
	emptyText       *widget.Label
	emptyButtons    *fyne.Container
}

// New builds the main window (not shown yet).
func New(a fyne.App, opts Options) *UI {
	u := newShell(a, opts)
	u.populate()
	return u
}

// newShell makes the main window without content.
func newShell(a fyne.App, opts Options) *UI {
	u := &UI{app: a, opts: opts, store: opts.Store, svc: opts.Service, keyErr: opts.KeyringErr, keyring: opts.Keyring, do: fyne.Do}
	if u.keyring == nil {
		u.keyring = opts.Store.Secrets()
	}
	// A job that waits for another process's refresh says so, rather than
	// leave the window silent for up to auth.DefaultLockWait.
	onWait := func(name string) {
		u.do(func() { u.setStatus(fmt.Sprintf("Waiting for another zoomconn process refreshing %q…", name)) })
	}
	opts.Store.OnWait = onWait
	if opts.Service != nil && opts.Service.Store != nil {
		opts.Service.Store.OnWait = onWait
	}
	u.win = a.NewWindow(AppName)
	u.win.SetMaster()
	u.restoreSize()
	return u
}

// populate builds the window's content, menu and shortcuts and loads the
// connections. The widgets get their state (rows, enabled buttons, banner)
// before they join the window, so each is rendered once: a button's icon
// is recoloured and rasterized on every refresh.
func (u *UI) populate() {
	content := u.build()
	u.reload()
	u.win.SetContent(content)
	u.win.SetMainMenu(u.menu())
	u.addShortcuts(u.win.Canvas())
	u.win.SetCloseIntercept(func() {
		u.saveSize()
		u.clearCopiedToken()
		u.win.Close()
	})
	if u.locked() {
		// Ask before anything can need a secret.
		u.ShowUnlock(nil)
	}
}

// AppIcon is the icon of the app and its windows.
var AppIcon = fyne.NewStaticResource("icon.png", assets.WindowIcon)

// Run opens the main window and blocks until the app quits. The window is
// mapped first and filled right after, on the first turn of the event
// loop, while the fonts its text needs load on another goroutine.
func Run(a fyne.App, opts Options) {
	a.SetIcon(AppIcon)
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
		if opts.OnReady != nil {
			go fyne.Do(opts.OnReady) // queued behind the frame that shows the content
		}
	})
	a.Lifecycle().SetOnStopped(u.saveSize)
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

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// readOnly: nothing that needs a secret or changes the file may start.
func (u *UI) readOnly() bool {
	switch {
	case u.loadErr != nil || u.moving:
		return true
	case u.data.Backend() == auth.BackendFile:
		return u.fileStore == nil
	}
	return u.keyErr != nil
}

// locked: secrets live in the encrypted file and its passphrase has not
// been entered yet.
func (u *UI) locked() bool {
	return u.loadErr == nil && u.data.Backend() == auth.BackendFile && u.fileStore == nil
}

func (u *UI) restoreSize() {
	p := u.app.Preferences()
	w := float32(p.FloatWithFallback(prefWidth, float64(defaultSize.Width)))
	h := float32(p.FloatWithFallback(prefHeight, float64(defaultSize.Height)))
	u.win.Resize(fyne.NewSize(max(w, 640), max(h, 420)))
}

func (u *UI) saveSize() {
	s := u.win.Canvas().Size()
	if s.Width < 100 || s.Height < 100 {
		return
	}
	p := u.app.Preferences()
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}

func (u *UI) openURL(raw string) {
	parsed, err := url.Parse(raw)
	if err != nil {
		return
	}
	open := u.opts.OpenURL
	if open == nil {
		open = u.app.OpenURL
	}
	if err := open(parsed); err != nil {
		u.showError(u.win, "Could not open the browser", fmt.Errorf("Open %s in your browser yourself (%v).", raw, err))
	}
}

// ---- layout ----

func (u *UI) build() fyne.CanvasObject {
	u.NewButton = widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { u.NewConnection() })
	u.NewButton.Importance = widget.HighImportance
	u.EditButton = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), u.editSelected)
	u.DeleteButton = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), u.deleteSelected)
	u.TestButton = widget.NewButtonWithIcon("Test", theme.MediaPlayIcon(), u.testSelected)
	u.AuthorizeButton = widget.NewButtonWithIcon("Authorize", theme.LoginIcon(), u.authorizeSelected)
	u.CopyButton = widget.NewButtonWithIcon("Copy access token", theme.ContentCopyIcon(), u.copySelected)
	u.RevokeButton = widget.NewButtonWithIcon("Disconnect", theme.LogoutIcon(), u.revokeSelected)
	guide := widget.NewButtonWithIcon("Set-up guide", theme.HelpIcon(), func() { u.ShowGuide(auth.AuthS2S) })
	toolbar := container.NewHBox(u.NewButton, u.EditButton, u.DeleteButton, widget.NewSeparator(),
		u.TestButton, u.AuthorizeButton, u.CopyButton, u.RevokeButton, layout.NewSpacer(), guide)

	u.Search = widget.NewEntry()
	u.Search.SetPlaceHolder("Search connections and OAuth clients (Ctrl+F)")
	u.Search.ActionItem = widget.NewIcon(theme.SearchIcon())
	u.Search.OnChanged = func(string) { u.applyFilter() }

	connCols := &columns{widths: []float32{180, 90, 90, 125, 130, 180}, flex: 5}
	connHeader := container.New(connCols, headerLabel("Name"), headerLabel("Auth type"), headerLabel("Endpoints"), headerLabel("Token expires"), headerLabel("Secrets in"), headerLabel("Status"))
	u.ConnList = widget.NewList(
		func() int { return len(u.conns) },
		func() fyne.CanvasObject {
			return container.New(connCols, cellLabel(), cellLabel(), cellLabel(), cellLabel(), cellLabel(), cellLabel())
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(u.conns) {
				return
			}
			c := u.conns[id]
			cells := o.(*fyne.Container).Objects
			cells[0].(*fitLabel).SetText(c.Name)
			cells[1].(*fitLabel).SetText(c.Type.Label())
			cells[2].(*fitLabel).SetText(c.Endpoints.Preset.Label())
			cells[3].(*fitLabel).SetText(u.expiryText(c))
			cells[4].(*fitLabel).SetText(u.secretsText())
			st := cells[5].(*fitLabel)
			st.SetText(statusText(c))
			st.Importance = statusImportance(c)
			st.Refresh()
		})
	u.ConnList.OnSelected = func(id widget.ListItemID) {
		if id < len(u.conns) {
			u.selConn = u.conns[id].ID
		}
		u.updateActions()
	}
	u.ConnList.OnUnselected = func(widget.ListItemID) { u.selConn = ""; u.updateActions() }

	u.Details = widget.NewLabel("")
	u.Details.Wrapping = fyne.TextWrapWord
	u.Details.Selectable = true

	u.emptyTitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	u.emptyText = widget.NewLabel("")
	u.emptyText.Wrapping = fyne.TextWrapWord
	u.emptyText.Alignment = fyne.TextAlignCenter
	u.emptyButtons = container.NewHBox(layout.NewSpacer(),
		widget.NewButtonWithIcon("Open the set-up guide", theme.HelpIcon(), func() { u.ShowGuide(auth.AuthS2S) }),
		widget.NewButtonWithIcon("New connection", theme.ContentAddIcon(), func() { u.NewConnection() }),
		layout.NewSpacer())
	u.emptyBox = container.NewVBox(layout.NewSpacer(), u.emptyTitle, withWidth(520, u.emptyText), u.emptyButtons, layout.NewSpacer())
	u.emptyBox.Hide()

	connTitle := widget.NewLabelWithStyle("Connections", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	connTitle.SizeName = theme.SizeNameSubHeadingText
	connTop := container.NewVBox(
		container.NewBorder(nil, nil, connTitle, nil, u.Search),
		connHeader, widget.NewSeparator())
	connSection := container.NewBorder(connTop, container.NewVBox(widget.NewSeparator(), u.Details), nil, nil,
		container.NewStack(u.ConnList, container.NewCenter(u.emptyBox)))

	u.NewClientButton = widget.NewButtonWithIcon("New OAuth client", theme.ContentAddIcon(), func() { u.NewClient(nil) })
	u.EditClButton = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), u.editSelectedClient)
	u.DeleteClButton = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), u.deleteSelectedClient)
	clCols := &columns{widths: []float32{210, 170, 230, 200}, flex: 3}
	clHeader := container.New(clCols, headerLabel("Name"), headerLabel("Kind"), headerLabel("Client ID"), headerLabel("Used by / status"))
	u.ClientList = widget.NewList(
		func() int { return len(u.clients) },
		func() fyne.CanvasObject {
			return container.New(clCols, cellLabel(), cellLabel(), cellLabel(), cellLabel())
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(u.clients) {
				return
			}
			c := u.clients[id]
			cells := o.(*fyne.Container).Objects
			cells[0].(*fitLabel).SetText(c.Name)
			cells[1].(*fitLabel).SetText(kindText(c))
			cells[2].(*fitLabel).SetText(c.ClientID)
			used := cells[3].(*fitLabel)
			used.SetText(clientStatusText(c, u.usedBy[c.ID]))
			used.Importance = widget.MediumImportance
			if secretNeeded(c) {
				used.Importance = widget.WarningImportance
			}
			used.Refresh()
		})
	u.ClientList.OnSelected = func(id widget.ListItemID) {
		if id < len(u.clients) {
			u.selCl = u.clients[id].ID
		}
		u.updateActions()
	}
	u.ClientList.OnUnselected = func(widget.ListItemID) { u.selCl = ""; u.updateActions() }
	clTitle := widget.NewLabelWithStyle("OAuth clients", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	clTitle.SizeName = theme.SizeNameSubHeadingText
	clTop := container.NewVBox(
		container.NewHBox(clTitle, layout.NewSpacer(), u.NewClientButton, u.EditClButton, u.DeleteClButton),
		clHeader, widget.NewSeparator())
	clSection := container.NewBorder(clTop, nil, nil, nil, u.ClientList)

	split := container.NewVSplit(connSection, clSection)
	split.Offset = 0.64

	u.bannerText = widget.NewLabel("")
	u.bannerText.Wrapping = fyne.TextWrapWord
	u.bannerText.Importance = widget.WarningImportance
	u.bannerIcon = widget.NewIcon(theme.WarningIcon())
	u.RetryButton = widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), u.retryKeyring)
	u.UnlockButton = widget.NewButtonWithIcon("Unlock…", lockIcon, func() { u.ShowUnlock(nil) })
	u.UnlockButton.Importance = widget.HighImportance
	u.UseFileButton = widget.NewButton("Use an encrypted file instead…", func() { u.UseFileStore() })
	u.ToKeyringButton = widget.NewButton("Move secrets to the system keyring", func() { u.MoveToKeyring() })
	// Stacked, so the banner's text keeps most of the width.
	bannerButtons := container.NewVBox(u.UnlockButton, u.ToKeyringButton, u.UseFileButton, u.RetryButton)
	u.Banner = container.NewBorder(nil, widget.NewSeparator(), u.bannerIcon, container.NewCenter(bannerButtons), u.bannerText)
	u.Banner.Hide()

	u.Status = widget.NewLabel("")
	u.Status.Truncation = fyne.TextTruncateEllipsis

	top := container.NewVBox(u.Banner, toolbar, widget.NewSeparator())
	return container.NewBorder(top, u.Status, nil, nil, split)
}

func (u *UI) menu() *fyne.MainMenu {
	newConn := fyne.NewMenuItem("New connection", func() { u.NewConnection() })
	newConn.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	newClient := fyne.NewMenuItem("New OAuth client", func() { u.NewClient(nil) })
	imp := fyne.NewMenuItem("Import…", u.ImportDialog)
	exp := fyne.NewMenuItem("Export…", u.ExportDialog)
	quit := fyne.NewMenuItem("Quit", func() { u.saveSize(); u.clearCopiedToken(); u.app.Quit() })
	quit.IsQuit = true
	file := fyne.NewMenu("File", newConn, newClient, fyne.NewMenuItemSeparator(), imp, exp, fyne.NewMenuItemSeparator())
	file.Items = append(file.Items, u.secretsMenuItems()...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Set-up guide", func() { u.ShowGuide(auth.AuthS2S) }),
		fyne.NewMenuItem("Open Zoom App Marketplace", func() { u.openURL(MarketplaceURL) }),
		fyne.NewMenuItem("About", u.showAbout))
	return fyne.NewMainMenu(file, help)
}

func (u *UI) addShortcuts(c fyne.Canvas) {
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.NewConnection() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.win.Canvas().Focus(u.Search) })
}

func (u *UI) showAbout() {
	v := u.opts.Version
	if v == "" {
		v = "development build"
	}
	where := "in the system keyring"
	if u.data.Backend() == auth.BackendFile {
		where = "in the encrypted file " + u.secretsPath()
	}
	u.showInfo(u.win, "About "+AppName, fmt.Sprintf("%s %s\n\nSet up, keep and check Zoom API credentials on this computer. Client secrets and tokens stay %s; the connections file %s holds no secret.", AppName, v, where, u.store.Path()))
}

// ---- data ----

// reload reads the connections file again and refreshes the lists. It
// reads a small local file only, never the keyring.
func (u *UI) reload() {
	d, err := u.store.Load()
	u.loadErr = err
	if err != nil {
		d = &auth.Data{}
		if u.data != nil {
			d = u.data // keep showing what we had
		}
	}
	u.data = d
	u.syncSecrets()
	u.index = auth.NewSearchIndex(d)
	u.usedBy = map[string]int{}
	for _, c := range d.Connections {
		if c.OAuthClientID != "" {
			u.usedBy[c.OAuthClientID]++
		}
	}
	u.applyFilter()
	u.updateBanner()
}

// applyFilter shows the items matching the search box, sorted by name
// (auth.SearchIndex); it runs on every keystroke.
func (u *UI) applyFilter() {
	q := u.Search.Text
	u.conns = u.conns[:0]
	for _, i := range u.index.Connections(q) {
		u.conns = append(u.conns, u.data.Connections[i])
	}
	u.clients = u.clients[:0]
	for _, i := range u.index.Clients(q) {
		u.clients = append(u.clients, u.data.Clients[i])
	}

	// Keep the selection on the same item, or drop it.
	sc, scl := u.selConn, u.selCl
	u.ConnList.UnselectAll()
	u.ClientList.UnselectAll()
	u.selConn, u.selCl = "", ""
	for i, c := range u.conns {
		if c.ID == sc {
			u.ConnList.Select(i)
		}
	}
	for i, c := range u.clients {
		if c.ID == scl {
			u.ClientList.Select(i)
		}
	}
	u.ConnList.Refresh()
	u.ClientList.Refresh()

	switch {
	case len(u.data.Connections) == 0:
		u.emptyTitle.SetText("No connections yet")
		u.emptyText.SetText("A connection is how this app reaches the Zoom API. First create an app in the Zoom App Marketplace (the set-up guide walks you through it), then click New connection (Ctrl+N) and paste its credentials.")
		u.emptyButtons.Show()
		u.emptyBox.Show()
	case len(u.conns) == 0:
		u.emptyTitle.SetText("Nothing matches")
		u.emptyText.SetText(fmt.Sprintf("No connection matches %q. Clear the search box to see all %d.", u.Search.Text, len(u.data.Connections)))
		u.emptyButtons.Hide()
		u.emptyBox.Show()
	default:
		u.emptyBox.Hide()
	}
	u.updateActions()
}

// SelectConnection selects the named connection in the list, clearing the
// search if it hides it. It reports whether the connection exists.
func (u *UI) SelectConnection(name string) bool {
	c, ok := u.data.Connection(name)
	if !ok {
		return false
	}
	if i := indexShown(u.Search, &u.conns, func(x auth.Connection) bool { return x.ID == c.ID }); i >= 0 {
		u.ConnList.Select(i)
		u.ConnList.ScrollTo(i)
	}
	return true
}

// SelectClient selects the named OAuth client in its list.
func (u *UI) SelectClient(name string) bool {
	c, ok := u.data.Client(name)
	if !ok {
		return false
	}
	if i := indexShown(u.Search, &u.clients, func(x auth.OAuthClient) bool { return x.ID == c.ID }); i >= 0 {
		u.ClientList.Select(i)
	}
	return true
}

// indexShown finds an item in a filtered list (*shown), clearing the
// search first if the item is filtered out; -1 if it is not there at all.
func indexShown[T any](search *widget.Entry, shown *[]T, match func(T) bool) int {
	if i := slices.IndexFunc(*shown, match); i >= 0 {
		return i
	}
	search.SetText("") // refilters, replacing *shown
	return slices.IndexFunc(*shown, match)
}

func (u *UI) selectedConnection() (auth.Connection, bool) {
	if c, ok := u.data.ConnectionByID(u.selConn); ok {
		return *c, true
	}
	return auth.Connection{}, false
}

func (u *UI) selectedClient() (auth.OAuthClient, bool) {
	if c, ok := u.data.ClientByID(u.selCl); ok {
		return *c, true
	}
	return auth.OAuthClient{}, false
}

func enable(on bool, bs ...*widget.Button) {
	for _, b := range bs {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (u *UI) updateActions() {
	ro := u.readOnly()
	c, ok := u.selectedConnection()
	enable(!ro, u.NewButton, u.NewClientButton)
	enable(ok && !ro, u.EditButton, u.DeleteButton, u.TestButton, u.CopyButton, u.RevokeButton)
	enable(ok && !ro && c.Type == auth.AuthOAuth, u.AuthorizeButton)
	if ok && c.Type == auth.AuthOAuth && !c.NeedsAuth {
		u.AuthorizeButton.SetText("Re-authorize")
	} else {
		u.AuthorizeButton.SetText("Authorize")
	}
	_, clOK := u.selectedClient()
	enable(clOK && !ro, u.EditClButton, u.DeleteClButton)
	u.Details.SetText(u.detailsText(c, ok))
}

func (u *UI) detailsText(c auth.Connection, ok bool) string {
	if !ok {
		if len(u.data.Connections) == 0 {
			return ""
		}
		return "Select a connection to see its details and act on it."
	}
	var b strings.Builder
	switch c.Type {
	case auth.AuthS2S:
		fmt.Fprintf(&b, "%s · Custom (Server-to-Server OAuth) · Account ID %s · Client ID %s", c.Name, c.AccountID, c.ClientID)
	case auth.AuthOAuth:
		name := "(missing OAuth client)"
		if cl, ok := u.data.ClientByID(c.OAuthClientID); ok {
			name = cl.Name
		}
		fmt.Fprintf(&b, "%s · OAuth 2.0 through %q", c.Name, name)
	}
	fmt.Fprintf(&b, " · %s endpoints (%s)\n", c.Endpoints.Preset.Label(), c.Endpoints.TokenURL)
	if c.Type == auth.AuthOAuth {
		if cl, ok := u.data.ClientByID(c.OAuthClientID); ok && secretNeeded(*cl) {
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
		fmt.Fprintf(&b, "%s at the last test (%s): %s", state, c.LastTest.At.Local().Format("2 Jan 15:04"), auth.SafeText(c.LastTest.Message, auth.MaxShownText))
	}
	if u.data.Backend() == auth.BackendFile {
		fmt.Fprintf(&b, "\nIts secrets are in the encrypted file %s", u.secretsPath())
		if u.fileStore == nil {
			b.WriteString(", locked until you enter its passphrase")
		}
		b.WriteString(".")
	}
	return b.String()
}

func (u *UI) updateBanner() {
	for _, b := range []*widget.Button{u.RetryButton, u.UnlockButton, u.UseFileButton, u.ToKeyringButton} {
		b.Hide()
	}
	warn := func(text string, buttons ...*widget.Button) {
		u.bannerIcon.SetResource(theme.WarningIcon())
		u.bannerText.Importance = widget.WarningImportance
		u.bannerText.SetText(text)
		for _, b := range buttons {
			b.Show()
		}
		u.Banner.Show()
	}
	switch {
	case u.loadErr != nil:
		warn(u.loadErr.Error(), u.RetryButton)
	case u.locked():
		warn(fmt.Sprintf("Secrets are kept in the encrypted file %s, which is locked: connections are shown read-only until you enter its passphrase.", u.secretsPath()), u.UnlockButton)
	case u.data.Backend() == auth.BackendKeyring && u.keyErr != nil:
		msg := u.keyErr.Error()
		var se *auth.SecretError
		if !errors.As(u.keyErr, &se) {
			msg += " " + auth.KeyringHelp()
		}
		warn("The system keyring is not available, so connections are shown read-only: nothing can be saved, tested or deleted until it answers. "+msg, u.UseFileButton, u.RetryButton)
	case u.data.Backend() == auth.BackendFile && u.keyErr == nil:
		u.bannerIcon.SetResource(theme.InfoIcon())
		u.bannerText.Importance = widget.MediumImportance
		u.bannerText.SetText(fmt.Sprintf("Secrets are kept in the encrypted file %s. A system keyring is available: move them there to stop typing a passphrase at each start.", u.secretsPath()))
		u.ToKeyringButton.Show()
		u.Banner.Show()
	default:
		u.Banner.Hide()
	}
	u.Banner.Refresh()
	// The File menu offers what fits where the secrets are.
	if st := u.secretsMenuState(); st != u.menuState {
		u.menuState = st
		u.win.SetMainMenu(u.menu())
	}
}

func (u *UI) retryKeyring() {
	u.setStatus("Checking the keyring…")
	keyring := u.keyring
	u.goJob(func() {
		err := auth.ProbeKeyring(keyring)
		u.do(func() {
			u.keyErr = err
			u.reload()
			if err == nil {
				u.setStatus("The keyring answered; everything is available again.")
			} else {
				u.setStatus("The keyring still does not answer.")
			}
		})
	})
}

func (u *UI) setStatus(s string) { u.Status.SetText(s) }

// goJob runs fn in a goroutine. fn must touch widgets only through u.do.
func (u *UI) goJob(fn func()) {
	u.active.Add(1)
	go func() {
		defer u.active.Add(-1)
		fn()
	}()
}

// ---- texts ----

func statusText(c auth.Connection) string {
	s := c.Status()
	if s == "failing" && c.LastTest != nil && c.LastTest.Message != "" {
		return "failing: " + auth.SafeText(c.LastTest.Message, auth.MaxShownText)
	}
	return s
}

func statusImportance(c auth.Connection) widget.Importance {
	switch c.Status() {
	case "OK":
		return widget.SuccessImportance
	case "failing":
		return widget.DangerImportance
	case "needs authorization":
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// expiryText is when the cached access token expires, from the metadata
// (auth keeps Connection.TokenExpiry), so listing never asks the keyring
// and the column survives a restart.
func (u *UI) expiryText(c auth.Connection) string {
	if c.TokenExpiry == nil {
		return "—"
	}
	t, now := *c.TokenExpiry, u.now()
	if !t.After(now) {
		return "expired"
	}
	return t.Local().Format("15:04") + " (" + roundDuration(t.Sub(now)) + ")"
}

func roundDuration(d time.Duration) string {
	if d >= time.Hour {
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d min", int(d.Minutes()))
}

func kindText(c auth.OAuthClient) string { return auth.ClientKindLabel(c.Kind) }

// secretNeeded: the client's stored secret may not be used until it is
// typed again.
func secretNeeded(c auth.OAuthClient) bool { return c.SecretNeeded && c.Kind == auth.Confidential }

// clientStatusText is the last column of the OAuth client list: how many
// connections use it, and whether its secret must be entered again.
func clientStatusText(c auth.OAuthClient, users int) string {
	if secretNeeded(c) {
		return "Enter the client secret again · " + usedByText(users)
	}
	return usedByText(users)
}

func usedByText(n int) string {
	switch n {
	case 0:
		return "no connections"
	case 1:
		return "1 connection"
	}
	return fmt.Sprintf("%d connections", n)
}
