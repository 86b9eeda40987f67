package gui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// rowList is a list widget over the rows a search lets through, one
// column layout for its cells and its header, keeping its selection by ID
// when the rows are filled again. The connection list and the OAuth client
// list are each one.
type rowList[T any] struct {
	List *widget.List
	rows []T    // shown, after the search filter
	sel  string // ID of the selected row
	id   func(T) string
}

// newRowList makes the list; render fills a row's cells (one fitLabel a
// column) and onSelect runs when the selection changes.
func newRowList[T any](cols *columns, id func(T) string, render func(T, []fyne.CanvasObject), onSelect func()) *rowList[T] {
	r := &rowList[T]{id: id}
	r.List = widget.NewList(
		func() int { return len(r.rows) },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(cols.widths))
			for i := range cells {
				cells[i] = cellLabel()
			}
			return container.New(cols, cells...)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(r.rows) {
				render(r.rows[i], o.(*fyne.Container).Objects)
			}
		})
	r.List.OnSelected = func(i widget.ListItemID) {
		if i < len(r.rows) {
			r.sel = id(r.rows[i])
		}
		onSelect()
	}
	r.List.OnUnselected = func(widget.ListItemID) { r.sel = ""; onSelect() }
	return r
}

// fill shows all[i] for each i in shown, keeping the selection on the same
// item or dropping it.
func (r *rowList[T]) fill(all []T, shown []int) {
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
func header(cols *columns, titles ...string) *fyne.Container {
	c := container.New(cols)
	for _, t := range titles {
		c.Add(headerLabel(t))
	}
	return c
}
