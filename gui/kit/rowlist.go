package kit

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RowList is a list widget over the rows a search lets through, one
// column layout for its cells and its header, keeping its selection by ID
// when the rows are filled again.
//
// The selection is the row list's own, drawn under the selected row's
// cells as Fyne draws its own: Fyne's list selects only for the moment of
// a click or a Space, so that every click reaches the row list, one on
// the row already selected too, and moves the keyboard focus to the list.
// (Fyne 2.7's list looks up the window of its embedded widget.List, which
// no window holds, so a click on a row of an extended list leaves the
// focus where it was, such as in the search box, and a click on the
// selected row tells nobody.)
type RowList[T any] struct {
	List *KeyList
	// NoMatch says so when the search hides every row.
	NoMatch  *widget.Label
	rows     []T    // shown, after the search filter
	sel      string // ID of the selected row
	id       func(T) string
	onSelect func()
	items    []*fyne.Container // the rows' cells as Fyne made them, laid out again when the columns change
}

// NewRowList makes the list; render fills a row's cells (one FitLabel a
// column) and onSelect runs when the selection changes.
func NewRowList[T any](cols *Columns, id func(T) string, render func(T, []fyne.CanvasObject), onSelect func()) *RowList[T] {
	r := &RowList[T]{id: id, onSelect: onSelect, NoMatch: widget.NewLabel("")}
	r.NoMatch.Alignment = fyne.TextAlignCenter
	r.NoMatch.Wrapping = fyne.TextWrapWord
	r.NoMatch.Hide()
	r.List = &KeyList{}
	r.List.Length = func() int { return len(r.rows) }
	r.List.CreateItem = func() fyne.CanvasObject {
		cells := make([]fyne.CanvasObject, len(cols.Widths))
		for i := range cells {
			cells[i] = CellLabel()
		}
		row := container.New(cols, cells...)
		r.items = append(r.items, row)
		mark := canvas.NewRectangle(color.Transparent)
		mark.Hide()
		return container.NewStack(mark, row)
	}
	r.List.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(r.rows) {
			objs := o.(*fyne.Container).Objects
			r.mark(objs[0].(*canvas.Rectangle), r.id(r.rows[i]) == r.sel)
			render(r.rows[i], objs[1].(*fyne.Container).Objects)
		}
	}
	r.List.ExtendBaseWidget(r.List)
	r.List.OnSelected = func(i widget.ListItemID) {
		r.List.UnselectAll()
		r.List.focus()
		if i < len(r.rows) {
			r.choose(i)
		}
	}
	cols.onChange(func() {
		for _, row := range r.items {
			row.Refresh()
		}
	})
	return r
}

// mark draws the selection under a row's cells, or hides it.
func (r *RowList[T]) mark(m *canvas.Rectangle, selected bool) {
	if selected {
		th := r.List.Theme()
		m.FillColor = th.Color(theme.ColorNameSelection, fyne.CurrentApp().Settings().ThemeVariant())
		m.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
		m.Refresh()
	}
	SetVisible(m, selected)
}

// choose selects the row at i, telling onSelect if that changed the
// selection.
func (r *RowList[T]) choose(i int) {
	id := r.id(r.rows[i])
	if id == r.sel {
		return
	}
	r.sel = id
	r.List.Refresh()
	r.onSelect()
}

// View is the list as the window shows it: compact rows with little space
// between them, and the No match line over them when the search hides
// them all.
func (r *RowList[T]) View() fyne.CanvasObject {
	return container.NewStack(r.List, container.NewPadded(container.NewVBox(r.NoMatch)))
}

// Fill shows all[i] for each i in shown, keeping the selection on the same
// item or dropping it; noMatch is the line shown when the search hides
// every one of a non-empty list.
func (r *RowList[T]) Fill(all []T, shown []int, noMatch string) {
	r.rows = r.rows[:0]
	for _, i := range shown {
		r.rows = append(r.rows, all[i])
	}
	had := r.sel
	i := slices.IndexFunc(r.rows, func(x T) bool { return r.id(x) == had })
	if i < 0 {
		r.sel = ""
	}
	r.List.Refresh()
	if i >= 0 {
		r.List.ScrollTo(i)
	}
	r.NoMatch.SetText(noMatch)
	SetVisible(r.NoMatch, len(all) > 0 && len(r.rows) == 0)
	if had != "" {
		r.onSelect()
	}
}

// Show selects the row with this ID, clearing the search first if it hides
// the row; it returns the row's index, or -1 if it is not there at all.
func (r *RowList[T]) Show(search *widget.Entry, id string) int {
	match := func(x T) bool { return r.id(x) == id }
	i := slices.IndexFunc(r.rows, match)
	if i < 0 {
		search.SetText("") // refilters, replacing r.rows
		i = slices.IndexFunc(r.rows, match)
	}
	if i >= 0 {
		r.choose(i)
		r.List.ScrollTo(i)
	}
	return i
}

// Header is a list's column titles, laid out like its rows, with an edge
// after each column but the one that takes the rest, which a drag moves
// (see Columns).
func Header(cols *Columns, titles ...string) fyne.CanvasObject {
	c := container.New(cols)
	for _, t := range titles {
		c.Add(HeaderLabel(t))
	}
	edges := container.New(&edgesLayout{cols: cols})
	for i := range titles {
		if i < len(titles)-1 && i != cols.Flex {
			edges.Add(newColumnEdge(cols, i))
		}
	}
	cols.onChange(func() {
		c.Refresh()
		edges.Refresh()
	})
	return container.NewStack(c, edges)
}

// KeyList is a list that also acts on keys: Up and Down move the focus and
// Space selects, as in any Fyne list; Return and Delete select the focused
// row and hand the key to OnKey (edit, delete), and so does F1 (the
// guide) without selecting.
type KeyList struct {
	widget.List
	OnKey func(fyne.KeyName)
}

// TypedKey handles Return, Delete and F1, then everything else like a
// List.
func (l *KeyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyDelete:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // select the focused row
		fallthrough
	case fyne.KeyF1:
		if l.OnKey != nil {
			l.OnKey(ev.Name)
		}
		return
	}
	l.List.TypedKey(ev)
}

// focus gives the list the keyboard in the window that shows it.
func (l *KeyList) focus() {
	d := fyne.CurrentApp().Driver()
	if c := d.CanvasForObject(l); c != nil {
		if c.Focus(l); c.Focused() == l {
			return
		}
	}
	// The test driver answers with its newest window.
	for _, w := range d.AllWindows() {
		if c := w.Canvas(); c.Focused() != l {
			c.Focus(l)
		}
	}
}

// Rows are the rows shown, after the search filter.
func (r *RowList[T]) Rows() []T { return r.rows }

// Selected is the ID of the selected row ("" for none).
func (r *RowList[T]) Selected() string { return r.sel }
