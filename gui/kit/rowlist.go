package kit

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// RowList is a list widget over the rows a search lets through, one
// column layout for its cells and its header, keeping its selection by ID
// when the rows are filled again.
type RowList[T any] struct {
	List *KeyList
	// NoMatch says so when the search hides every row.
	NoMatch *widget.Label
	rows    []T    // shown, after the search filter
	sel     string // ID of the selected row
	id      func(T) string
}

// NewRowList makes the list; render fills a row's cells (one FitLabel a
// column) and onSelect runs when the selection changes.
func NewRowList[T any](cols *Columns, id func(T) string, render func(T, []fyne.CanvasObject), onSelect func()) *RowList[T] {
	r := &RowList[T]{id: id, NoMatch: widget.NewLabel("")}
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
	sel := r.sel
	r.List.UnselectAll()
	r.sel = ""
	if i := slices.IndexFunc(r.rows, func(x T) bool { return r.id(x) == sel }); i >= 0 {
		r.List.Select(i)
	}
	r.List.Refresh()
	r.NoMatch.SetText(noMatch)
	SetVisible(r.NoMatch, len(all) > 0 && len(r.rows) == 0)
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
		r.List.Select(i)
	}
	return i
}

// Header is a list's column titles, laid out like its rows.
func Header(cols *Columns, titles ...string) fyne.CanvasObject {
	c := container.New(cols)
	for _, t := range titles {
		c.Add(HeaderLabel(t))
	}
	return c
}

// KeyList is a list that also acts on keys: Up and Down move the focus and
// Space selects, as in any Fyne list; Return and Delete select the focused
// row and hand the key to OnKey (edit, delete).
type KeyList struct {
	widget.List
	OnKey func(fyne.KeyName)
}

// TypedKey handles Return and Delete, then everything else like a List.
func (l *KeyList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyDelete:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // select the focused row
		if l.OnKey != nil {
			l.OnKey(ev.Name)
		}
		return
	}
	l.List.TypedKey(ev)
}

// Rows are the rows shown, after the search filter.
func (r *RowList[T]) Rows() []T { return r.rows }

// Selected is the ID of the selected row ("" for none).
func (r *RowList[T]) Selected() string { return r.sel }
