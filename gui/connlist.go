package gui

import (
	"fmt"
	"iter"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// connList is the connection list: the search box above it (which filters
// both lists) with its clear button, the rows the search lets through, the
// selection, and what it shows when there is nothing to list.
type connList struct {
	*kit.RowList[auth.Connection]
	cols   *kit.Columns
	sess   *view.Session
	search *searchEntry
	// fitted is the data whose names the Name column was sized to.
	fitted *auth.Data
	// clearSearch empties the search box; it shows while there is text.
	clearSearch *widget.Button

	emptyBox     *fyne.Container
	emptyTitle   *widget.Label
	emptyText    *widget.Label
	emptyButtons *fyne.Container
}

// newConnList makes the list; onSearch runs on every keystroke in the
// search box, onSelect when the selection changes, guide and newConn are
// the empty state's buttons, and key acts on the keys typed in the list,
// or in the search box or on a button of the empty state that have no use
// for them (F1, Delete, Return).
func newConnList(sess *view.Session, onSearch, onSelect, guide, newConn func(), key func(fyne.KeyName)) *connList {
	l := &connList{sess: sess, cols: newConnColumns()}
	l.RowList = kit.NewRowList(l.cols, func(c auth.Connection) string { return c.ID }, l.render, onSelect)
	l.List.OnKey = key
	l.search = newSearchEntry(key)
	l.search.SetPlaceHolder("Search connections and OAuth clients (Ctrl+F)")
	l.clearSearch = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { l.search.SetText("") })
	l.clearSearch.Importance = widget.LowImportance
	l.clearSearch.Hide()
	searchIcon := widget.NewIcon(theme.SearchIcon())
	l.search.ActionItem = container.NewStack(searchIcon, l.clearSearch)
	l.search.OnChanged = func(q string) {
		kit.SetVisible(l.clearSearch, q != "")
		kit.SetVisible(searchIcon, q == "")
		onSearch()
	}

	l.emptyTitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.emptyText = widget.NewLabel("")
	l.emptyText.Wrapping = fyne.TextWrapWord
	l.emptyText.Alignment = fyne.TextAlignCenter
	guideButton := kit.NewButton("Open the set-up guide", theme.HelpIcon(), guide)
	newButton := kit.NewButton("New connection", theme.ContentAddIcon(), newConn)
	guideButton.OnKey, newButton.OnKey = key, key
	l.emptyButtons = container.NewHBox(layout.NewSpacer(), guideButton, newButton, layout.NewSpacer())
	l.emptyBox = container.NewVBox(layout.NewSpacer(), l.emptyTitle, kit.WithWidth(520, l.emptyText), l.emptyButtons, layout.NewSpacer())
	l.emptyBox.Hide()
	return l
}

// newConnColumns are the connection list's columns, each list its own:
// the Name column is sized to the names (fitNames), up to nameLimit,
// Status takes the rest, and every edge is dragged.
func newConnColumns() *kit.Columns {
	return &kit.Columns{Widths: []float32{170, 225, 100, 110, 115, 150}, Flex: 5}
}

// nameLimit is the widest the Name column grows to fit a name; a drag of
// its edge makes it wider.
const nameLimit = 300

// fitNames sizes column 0 of cols to the widest of names, up to
// nameLimit.
func fitNames(cols *kit.Columns, names iter.Seq[string]) {
	cols.SetFit(0, kit.ColumnFit(names, nameLimit))
}

// searchEntry is the search box above the lists: Esc clears it and a
// second Esc leaves it (leave); F1, which an entry has no use for, goes
// to the window's keys, as from anywhere in the window.
type searchEntry struct {
	widget.Entry
	key   func(fyne.KeyName)
	leave func()
}

func newSearchEntry(key func(fyne.KeyName)) *searchEntry {
	e := &searchEntry{key: key}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey clears or leaves the box on Esc, passes F1 on and edits on
// everything else.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if e.Text != "" {
			e.SetText("")
		} else if e.leave != nil {
			e.leave()
		}
	case fyne.KeyF1:
		if e.key != nil {
			e.key(ev.Name)
		}
	default:
		e.Entry.TypedKey(ev)
	}
}

// content is the section: title, search box, header and rows.
func (l *connList) content() fyne.CanvasObject {
	top := container.NewVBox(container.NewBorder(nil, nil, sectionTitle("Connections"), nil, l.search),
		kit.Header(l.cols, "Name", "Auth type", "Endpoints", "Token expires", "Secrets in", "Status"), widget.NewSeparator())
	return inDrawingOrder(top, container.NewStack(l.View(), container.NewCenter(l.emptyBox)), nil)
}

func (l *connList) render(c auth.Connection, cells []fyne.CanvasObject) {
	cells[0].(*kit.FitLabel).SetText(c.Name)
	cells[1].(*kit.FitLabel).SetText(view.AuthTypeLabel(c.Type))
	cells[2].(*kit.FitLabel).SetText(view.PresetLabel(c.Endpoints.Preset))
	cells[3].(*kit.FitLabel).SetText(l.expiryText(c))
	cells[4].(*kit.FitLabel).SetText(l.sess.SecretsText())
	st := cells[5].(*kit.FitLabel)
	st.SetText(statusText(c))
	if imp := statusImportance(c); imp != st.Importance {
		st.Importance = imp
		st.Refresh()
	}
}

// filter shows the connections matching q, sorted by name
// (auth.SearchIndex), keeping the selection on the same connection or
// dropping it.
func (l *connList) filter(q string) {
	if d := l.sess.Data(); d != l.fitted {
		l.fitted = d
		fitNames(l.cols, func(yield func(string) bool) {
			for _, c := range d.Connections {
				if !yield(c.Name) {
					return
				}
			}
		})
	}
	total := len(l.sess.Data().Connections)
	l.Fill(l.sess.Data().Connections, l.sess.Index().Connections(q),
		fmt.Sprintf("No match: no connection matches %q. Clear the search (×) to see all %s.", q, plural(total, "connection")))
	if total == 0 {
		l.emptyTitle.SetText("No connections yet")
		l.emptyText.SetText("A connection is how this app reaches the Zoom API. First create an app in the Zoom App Marketplace (the set-up guide walks you through it), then click New connection (Ctrl+N) and paste its credentials.")
		l.emptyBox.Show()
	} else {
		l.emptyBox.Hide()
	}
}

// tickExpiry redraws the rows, whose Token expires column counts down; the
// window's clock calls it. A cell whose text is the same is not redrawn.
func (l *connList) tickExpiry() {
	for _, c := range l.Rows() {
		if c.TokenExpiry != nil {
			l.List.Refresh()
			return
		}
	}
}

// selectName selects the named connection, clearing the search if it
// hides it. It reports whether the connection exists.
func (l *connList) selectName(name string) bool {
	c, ok := l.sess.Data().Connection(name)
	if !ok {
		return false
	}
	if i := l.Show(&l.search.Entry, c.ID); i >= 0 {
		l.List.ScrollTo(i)
	}
	return true
}

func (l *connList) selected() (auth.Connection, bool) {
	if c, ok := l.sess.Data().ConnectionByID(l.Selected()); ok {
		return *c, true
	}
	return auth.Connection{}, false
}

// expiryText is when the cached access token expires, from the metadata
// (auth keeps Connection.TokenExpiry), so listing never asks the keyring
// and the column survives a restart.
func (l *connList) expiryText(c auth.Connection) string {
	if c.TokenExpiry == nil {
		return "—"
	}
	t, now := *c.TokenExpiry, l.sess.Now()
	if !t.After(now) {
		return "expired"
	}
	return t.Local().Format("15:04") + " (" + roundDuration(t.Sub(now)) + ")"
}

func roundDuration(d time.Duration) string {
	if d >= time.Hour {
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	if d < time.Minute {
		return "<1 min"
	}
	return fmt.Sprintf("%d min", int(d.Minutes()))
}

// statusText is the Status column. It may be cut to fit; the details pane
// below says it in full.
func statusText(c auth.Connection) string {
	s := c.Status()
	if s == "failing" && c.LastTest != nil && c.LastTest.Message != "" {
		return "failing: " + safetext.Clean(c.LastTest.Message, safetext.MaxShown)
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
