package gui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/gui/kit"
)

// rowList is a list widget over the rows a search lets through, one
// column layout for its cells and its header, keeping its selection by ID
// when the rows are filled again. The connection list and the OAuth client
// list are each one.
type rowList[T any] struct {
	List *keyList
	// NoMatch says so when the search hides every row.
	NoMatch *widget.Label
	rows    []T    // shown, after the search filter
	sel     string // ID of the selected row
	id      func(T) string
}

// newRowList makes the list; render fills a row's cells (one fitLabel a
// column) and onSelect runs when the selection changes.
func newRowList[T any](cols *kit.Columns, id func(T) string, render func(T, []fyne.CanvasObject), onSelect func()) *rowList[T] {
	r := &rowList[T]{id: id, NoMatch: widget.NewLabel("")}
	r.NoMatch.Alignment = fyne.TextAlignCenter
	r.NoMatch.Wrapping = fyne.TextWrapWord
	r.NoMatch.Hide()
	r.List = &keyList{}
	r.List.Length = func() int { return len(r.rows) }
	r.List.CreateItem = func() fyne.CanvasObject {
		cells := make([]fyne.CanvasObject, len(cols.Widths))
		for i := range cells {
			cells[i] = kit.CellLabel()
		}
		return container.New(cols, cells...)
	}
	r.List.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(r.rows) {
			render(r.rows[i], o.(*fyne.Container).Objects)
		}
	}
	r.List.ExtendBaseWidget(r.List)
	r.List.OnSelected = func(i widget.ListItemID) {
		if i < len(r.rows) {
			r.sel = id(r.rows[i])
		}
		onSelect()
	}
	r.List.OnUnselected = func(widget.ListItemID) { r.sel = ""; onSelect() }
	return r
}

// view is the list as the window shows it: compact rows with little space
// between them, and the No match line over them when the search hides
// them all.
func (r *rowList[T]) view() fyne.CanvasObject {
	return container.NewStack(r.List, container.NewPadded(container.NewVBox(r.NoMatch)))
}

// fill shows all[i] for each i in shown, keeping the selection on the same
// item or dropping it; noMatch is the line shown when the search hides
// every one of a non-empty list.
func (r *rowList[T]) fill(all []T, shown []int, noMatch string) {
	r.rows = r.rows[:0]
	for _, i := range shown {
		r.rows = append(r.rows, all[i])
	}
	sel := r.sel
	r.List.UnselectAll()
	r.sel = ""
	if i := slices.IndexFunc(r.rows, func(x T) bool { return r.id(x) == sel }); i >= 0 {
		r.List.Select(i)
	}
	r.List.Refresh()
	r.NoMatch.SetText(noMatch)
	kit.SetVisible(r.NoMatch, len(all) > 0 && len(r.rows) == 0)
}

// show selects the row with this ID, clearing the search first if it hides
// the row; it returns the row's index, or -1 if it is not there at all.
func (r *rowList[T]) show(search *widget.Entry, id string) int {
	match := func(x T) bool { return r.id(x) == id }
	i := slices.IndexFunc(r.rows, match)
	if i < 0 {
		search.SetText("") // refilters, replacing r.rows
		i = slices.IndexFunc(r.rows, match)
	}
	if i >= 0 {
		r.List.Select(i)
	}
	return i
}

// header is the list's column titles, laid out like its rows.
func header(cols *kit.Columns, titles ...string) fyne.CanvasObject {
	c := container.New(cols)
	for _, t := range titles {
		c.Add(kit.HeaderLabel(t))
	}
	return c
}

// keyList is a list that also acts on keys: Up and Down move the focus and
// Space selects, as in any Fyne list; Return and Delete select the focused
// row and hand the key to onKey (edit, delete).
type keyList struct {
	widget.List
	onKey func(fyne.KeyName)
}

// TypedKey handles Return and Delete, then everything else like a List.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyDelete:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // select the focused row
		if l.onKey != nil {
			l.onKey(ev.Name)
		}
		return
	}
	l.List.TypedKey(ev)
}
