package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	apptheme "zoomconn/gui/theme"
)

// menuBarHeight is what the desktop driver's menu bar (File, Connection,
// Help) takes from the top of the window's canvas; the test driver draws
// none. 28 px in the screenshots, rounded up.
const menuBarHeight = 32

// cellLabels are the list cells drawn under o.
func cellLabels(o fyne.CanvasObject) []*kit.FitLabel {
	var out []*kit.FitLabel
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*kit.FitLabel); ok && l.Visible() && l.Text != "" {
			out = append(out, l)
		}
	}
	return out
}

// rowsShown counts the rows of a list that fit wholly in its height, as
// Fyne lays them out: rows as high as their cells, padding between them.
func rowsShown(l *kit.KeyList) int {
	var rowHeight float32
	for _, o := range test.LaidOutObjects(l) {
		if row, ok := o.(*fyne.Container); ok && row.Visible() {
			if _, ok := row.Layout.(*kit.Columns); ok {
				rowHeight = max(rowHeight, row.Size().Height)
			}
		}
	}
	if rowHeight == 0 {
		return 0
	}
	pad := l.Theme().Size(theme.SizeNamePadding)
	return int((l.Size().Height + pad) / (rowHeight + pad))
}

// The default window, 1040×700 with its menu bar, shows at least eight
// connection rows and some OAuth clients, with the app's theme and the
// details of a tested connection (the tallest the pane gets) showing.
func TestDefaultWindowShowsEightConnections(t *testing.T) {
	e := newEnv(t, func(e *env) {
		for i := range 12 {
			e.saveS2S(fmt.Sprintf("Conn %02d", i), s2sSecret)
		}
		for i := range 3 {
			if _, err := e.store.SaveClient(auth.ClientInput{Name: fmt.Sprintf("Client %d", i), ClientID: genClientID, ClientSecret: genSecret, Endpoints: e.ep}); err != nil {
				t.Fatal(err)
			}
		}
	})
	e.app.Settings().SetTheme(apptheme.App())
	if defaultSize != fyne.NewSize(1040, 700) {
		t.Fatalf("default size %v", defaultSize)
	}
	if _, err := e.u.sess.Service().Test(t.Context(), "Conn 03"); err != nil {
		t.Fatal(err)
	}
	e.u.reload()
	e.u.selectConnection("Conn 03")
	if !e.u.details.scopes.Visible() || !e.u.details.expiryLabel.Visible() {
		t.Fatal("the details pane does not show the tested connection's scopes and expiry")
	}
	e.u.win.Resize(fyne.NewSize(defaultSize.Width, defaultSize.Height-menuBarHeight))
	if n := rowsShown(e.u.conns.List); n < 8 {
		t.Errorf("the default window shows %d connection rows (list %v high); want at least 8", n, e.u.conns.List.Size().Height)
	}
	if n := rowsShown(e.u.clients.List); n < 2 {
		t.Errorf("the default window shows %d OAuth client rows; want at least 2", n)
	}
	// The details pane shows all it says: nothing cut below it.
	for _, l := range []*widget.Label{e.u.details.label, e.u.details.scopes, e.u.details.expiryLabel} {
		if l.Size().Height+0.5 < l.MinSize().Height {
			t.Errorf("details line %q is %v high, needs %v", l.Text, l.Size().Height, l.MinSize().Height)
		}
	}
}

// The split between connections and OAuth clients is dragged like any
// split, and the next window opens with it where it was left.
func TestSplitIsDraggedAndRemembered(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	e.u.win.Resize(defaultSize)
	if e.u.split.Offset != defaultSplit {
		t.Fatalf("first start: split at %v; want %v", e.u.split.Offset, defaultSplit)
	}
	// Drag the divider 60 px up, as a mouse does.
	var divider fyne.Draggable
	for _, o := range test.WidgetRenderer(e.u.split).Objects() {
		if dr, ok := o.(fyne.Draggable); ok && o != e.u.split.Leading && o != e.u.split.Trailing {
			divider = dr
		}
	}
	if divider == nil {
		t.Fatal("the split has no divider to drag")
	}
	for range 6 {
		divider.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 2)}, Dragged: fyne.NewDelta(0, -10)})
	}
	divider.DragEnd()
	dragged := e.u.split.Offset
	if dragged >= defaultSplit-0.05 {
		t.Fatalf("after dragging the divider up the split is at %v; was %v", dragged, defaultSplit)
	}
	e.u.saveLayout()
	again := newWindow(e.app, e.u.opts)
	if again.split.Offset != dragged {
		t.Errorf("the next window's split is at %v; want the dragged %v", again.split.Offset, dragged)
	}
	again.win.Close()
}

// A long status is cut in its cell with an ellipsis, and the details pane
// says it whole.
func TestLongStatusIsReadableInFull(t *testing.T) {
	long := "Zoom refused the request (HTTP 400, 300: The account of this app was deactivated by its owner on the account settings page, so no token can be issued for it)"
	e := newEnv(t, func(e *env) {
		c := e.saveS2S("Reports", s2sSecret)
		if err := e.store.UpdateConnection(c.ID, func(c *auth.Connection) {
			c.LastTest = &auth.TestResult{At: time.Now().UTC(), OK: false, Message: long}
		}); err != nil {
			t.Fatal(err)
		}
	})
	e.app.Settings().SetTheme(apptheme.App())
	e.u.win.Resize(defaultSize)
	e.u.selectConnection("Reports")
	var cell *kit.FitLabel
	for _, l := range cellLabels(e.u.conns.List) {
		if strings.HasPrefix(l.Text, "failing:") {
			cell = l
		}
	}
	if cell == nil {
		t.Fatal("no status cell shown")
	}
	if cell.Truncation != fyne.TextTruncateEllipsis {
		t.Fatalf("a %d-character status is not cut (truncation %v, width %v)", len(cell.Text), cell.Truncation, cell.Size().Width)
	}
	if cell.Importance != widget.DangerImportance {
		t.Errorf("failing status drawn with importance %v", cell.Importance)
	}
	contains(t, "details", e.u.details.label.Text, "Failing at the last test", long)
}

// "Secrets in" says where the secrets are and whether they can be used:
// not "system keyring" where no keyring answers.
func TestSecretsInColumnFollowsTheKeyring(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) }, withKeyringErr(errKeyring))
	cellTexts := func() string { return visibleCellTexts(e.u.conns.List) }
	if got := cellTexts(); strings.Contains(got, "system keyring") || !strings.Contains(got, "no keyring") {
		t.Errorf("without a keyring the row says %q", got)
	}
	e.u.sess.Secrets().KeyringChecked(nil)
	e.u.reload()
	contains(t, "row with a keyring", cellTexts(), "system keyring")
}

// The auth type reads "Custom (Server-to-Server OAuth)" and the endpoint
// choice "Custom URLs", in the list and the details: "Custom" no longer
// names two things side by side.
func TestListAndDetailsNameAuthTypeAndEndpoints(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	e.app.Settings().SetTheme(apptheme.App())
	e.u.win.Resize(defaultSize)
	e.u.selectConnection("Reports")
	cells := map[string]*kit.FitLabel{}
	for _, l := range cellLabels(e.u.conns.List) {
		cells[l.Text] = l
	}
	for _, want := range []string{"Custom (Server-to-Server OAuth)", "Custom URLs"} {
		l, ok := cells[want]
		if !ok {
			t.Errorf("no cell reads %q (cells: %q)", want, visibleCellTexts(e.u.conns.List))
		} else if l.Truncation != fyne.TextTruncateOff {
			t.Errorf("%q is cut in its %v-px column", want, l.Size().Width)
		}
	}
	contains(t, "details", e.u.details.label.Text, "Custom (Server-to-Server OAuth)", "Endpoints: Custom URLs")
}

// No part of the main window or a form overrides the theme: Fyne loads a
// set of fonts for each override scope and makes a new scope on every
// refresh of an override, so one per row cost about 110 MiB at start and
// grew as the countdown redrew the rows. Compactness comes from layouts.
func TestNoThemeOverrides(t *testing.T) {
	e := newEnv(t, func(e *env) {
		for i := range 12 {
			e.saveS2S(fmt.Sprintf("Conn %02d", i), s2sSecret)
		}
	})
	e.app.Settings().SetTheme(apptheme.App())
	e.u.win.Resize(defaultSize)
	f := e.u.NewConnection()
	defer test.Tap(f.CancelButton)
	for what, c := range map[string]fyne.CanvasObject{"main window": e.u.win.Content(), "connection form": f.Window.Content()} {
		for _, o := range test.LaidOutObjects(c) {
			if _, ok := o.(*container.ThemeOverride); ok {
				t.Errorf("the %s holds a theme override", what)
			}
		}
	}
}

// nameCell is the Name cell drawn for the connection name.
func nameCell(t *testing.T, e *env, name string) *kit.FitLabel {
	t.Helper()
	for _, l := range cellLabels(e.u.conns.List) {
		if l.Text == name {
			return l
		}
	}
	t.Fatalf("no cell reads %q (cells: %q)", name, visibleCellTexts(e.u.conns.List))
	return nil
}

// columnEdges are the draggable edges of the connection list's header
// (the topmost in the window), left to right.
func columnEdges(e *env) []fyne.Draggable {
	type edge struct {
		d    fyne.Draggable
		x, y float32
	}
	var all []edge
	for _, o := range test.LaidOutObjects(e.u.win.Content()) {
		d, ok := o.(fyne.Draggable)
		cur, ok2 := o.(desktop.Cursorable)
		if !ok || !ok2 || cur.Cursor() != desktop.HResizeCursor || !o.Visible() {
			continue
		}
		p := e.app.Driver().AbsolutePositionForObject(o)
		all = append(all, edge{d, p.X, p.Y})
	}
	slices.SortFunc(all, func(a, b edge) int {
		if a.y != b.y {
			return int(a.y - b.y)
		}
		return int(a.x - b.x)
	})
	var edges []fyne.Draggable
	for _, x := range all {
		if x.y == all[0].y {
			edges = append(edges, x.d)
		}
	}
	return edges
}

// The Name column is as wide as the longest name (up to nameLimit), from
// the room the Status column has beyond its own: "Ada (OAuth, public
// client)" is no longer cut while Status takes the width. A longer name
// is cut at the limit, and dragging the column's edge makes the column
// wider (never Status narrower than its own width); the next window
// opens with the dragged width.
func TestNameColumnFitsTheNamesAndIsDragged(t *testing.T) {
	long := "Quarterly reports for the finance team (production, EU)"
	e := newEnv(t, func(e *env) {
		e.saveS2S("Ada (OAuth, public client)", s2sSecret)
		e.saveS2S("Billing", s2sSecret)
	})
	e.app.Settings().SetTheme(apptheme.App())
	e.u.win.Resize(defaultSize)
	if c := nameCell(t, e, "Ada (OAuth, public client)"); c.Truncation != fyne.TextTruncateOff {
		t.Errorf("%q is cut in its %v-px column", c.Text, c.Size().Width)
	}
	status := func() float32 { return e.u.conns.cols.Width(5) }
	base := newConnColumns()
	if status() < base.Widths[5] {
		t.Errorf("Status is %v px, less than its %v", status(), base.Widths[5])
	}

	// A long name: the column stops at the limit, the name is cut.
	e.saveS2S(long, s2sSecret)
	e.u.reload()
	if w := e.u.conns.cols.Width(0); w != nameLimit {
		t.Errorf("with a %d-character name the Name column is %v px; want the limit %v", len(long), w, float32(nameLimit))
	}
	if c := nameCell(t, e, long); c.Truncation != fyne.TextTruncateEllipsis {
		t.Errorf("a name wider than the limit is not cut (width %v)", c.Size().Width)
	}

	// Dragged wider, in a window wide enough, it shows whole.
	e.u.win.Resize(fyne.NewSize(1400, defaultSize.Height))
	edges := columnEdges(e)
	if len(edges) != 5 {
		t.Fatalf("the header has %d draggable edges; want 5 (every column but Status)", len(edges))
	}
	for range 10 {
		edges[0].Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(15, 0)})
	}
	edges[0].DragEnd()
	if w := e.u.conns.cols.Width(0); w != nameLimit+150 {
		t.Errorf("after a 150-px drag the Name column is %v px; want %v", w, nameLimit+150)
	}
	if c := nameCell(t, e, long); c.Truncation != fyne.TextTruncateOff {
		t.Errorf("the dragged column still cuts %q (%v px)", long, c.Size().Width)
	}
	// In the default window Status keeps its width; Name gets the rest.
	e.u.win.Resize(defaultSize)
	if status() < base.Widths[5] {
		t.Errorf("Status shrank to %v px", status())
	}
	// Remembered with the window.
	e.u.saveLayout()
	again := newWindow(e.app, e.u.opts)
	defer again.win.Close()
	if got := again.conns.cols.Dragged; len(got) == 0 || got[0] != nameLimit+150 {
		t.Errorf("the next window's Name column is dragged to %v; want %v", got, nameLimit+150)
	}
	// Dragged narrower than it was made, down to a floor.
	for range 40 {
		edges[1].Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-20, 0)})
	}
	edges[1].DragEnd()
	if w := e.u.conns.cols.Width(1); w != 40 {
		t.Errorf("the Auth type column dragged far left is %v px; want 40", w)
	}
}

// The window remembers its size, split and dragged columns in a file of
// its own beside the connections file, replaced whole, and never writes
// Fyne's preferences, which Fyne rewrites in place while its watcher
// reads them ("Preferences load error" on the terminal). What an earlier
// version left in Fyne's preferences is read once, if the file has none.
func TestLayoutIsKeptInAFileOfItsOwn(t *testing.T) {
	e := newEnv(t, nil)
	p := e.app.Preferences()
	p.SetFloat(prefWidth, 980)
	p.SetFloat(prefHeight, 640)
	p.SetFloat(prefSplit, 0.6)
	old := newWindow(e.app, e.u.opts)
	if s := old.win.Canvas().Size(); s != fyne.NewSize(980, 640) || old.split.Offset != 0.6 {
		t.Errorf("an earlier version's size and split were not read: %v, %v", s, old.split.Offset)
	}
	old.win.Close()

	e.u.win.Resize(fyne.NewSize(1000, 650))
	e.u.saveLayout()
	raw, err := os.ReadFile(filepath.Join(e.store.Dir(), layoutFileName))
	if err != nil {
		t.Fatalf("no layout file: %v", err)
	}
	contains(t, "layout file", string(raw), `"width":1000`, `"height":650`)
	if p.Float(prefWidth) != 980 {
		t.Error("saving the layout wrote Fyne's preferences")
	}
	u2 := newWindow(e.app, e.u.opts)
	defer u2.win.Close()
	if s := u2.win.Canvas().Size(); s != fyne.NewSize(1000, 650) {
		t.Errorf("restored %v from the layout file", s)
	}
	// A damaged file is the defaults (or what Fyne's preferences say).
	if err := os.WriteFile(filepath.Join(e.store.Dir(), layoutFileName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	u3 := newWindow(e.app, e.u.opts)
	defer u3.win.Close()
	if s := u3.win.Canvas().Size(); s != fyne.NewSize(980, 640) {
		t.Errorf("with a damaged layout file the window is %v", s)
	}
}
