package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TightVBox stacks the visible objs with no padding between them, so a
// field's help line sits right under its input.
func TightVBox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&tightVBox{}, objs...)
}

type tightVBox struct{}

func (*tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

func (*tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		// Wrapped text needs its width before it can tell its height.
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

// WithWidth lays o out at least width wide, so wrapped text in a dialog
// wraps at a readable width instead of one word per line.
func WithWidth(width float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&fixedWidth{width: width}, o)
}

type fixedWidth struct{ width float32 }

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		w := max(l.width, o.MinSize().Width)
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		m := o.MinSize()
		s.Width = max(s.Width, w)
		s.Height = max(s.Height, m.Height)
	}
	return s
}

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// Columns lays a row out in columns: each column is Widths[i] wide,
// and the column at Flex also takes the room left. A list's header and
// rows share one so they line up.
//
// A column may want more: the width its content needs (Fit, set by its
// list) or the one the user dragged the edge of its header to (Dragged,
// which wins). It gets it from the room the Flex column has beyond its
// own width, the columns on the left first, so a wide column never makes
// the window wider; and a column dragged narrower than Widths[i] is that
// narrow.
type Columns struct {
	Widths []float32
	Flex   int
	// Fit and Dragged hold a width per column, 0 for none; nil for none
	// at all.
	Fit, Dragged []float32
	// OnDragged runs when the user let go of a column's edge.
	OnDragged func(col int)

	last      []float32 // the widths of the last layout
	listeners []func()
}

// minDragged is the narrowest a drag makes a column.
const minDragged = 40

// least is the width column i never goes below.
func (c *Columns) least(i int) float32 {
	w := c.Widths[i]
	if i < len(c.Dragged) && c.Dragged[i] > 0 && c.Dragged[i] < w {
		w = c.Dragged[i]
	}
	return w
}

// wanted is the width column i would take if there were room (0: none).
func (c *Columns) wanted(i int) float32 {
	if i < len(c.Dragged) && c.Dragged[i] > 0 {
		return c.Dragged[i]
	}
	if i < len(c.Fit) {
		return c.Fit[i]
	}
	return 0
}

// widths are the columns' widths in a row total wide.
func (c *Columns) widths(total float32) []float32 {
	pad := theme.Padding()
	w := make([]float32, len(c.Widths))
	spare := total
	for i := range w {
		w[i] = c.least(i)
		spare -= w[i] + pad
	}
	for i := range w {
		if want := c.wanted(i); i != c.Flex && want > w[i] && spare > 0 {
			more := min(want-w[i], spare)
			w[i] += more
			spare -= more
		}
	}
	if c.Flex >= 0 && c.Flex < len(w) && spare > 0 {
		w[c.Flex] += spare
	}
	return w
}

// MinSize is the columns' widths and the tallest cell, compact as a
// Compact line.
func (c *Columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	pad := theme.Padding()
	for i, o := range objs {
		m := o.MinSize()
		if i < len(c.Widths) {
			s.Width += c.least(i) + pad
		}
		s.Height = max(s.Height, m.Height)
	}
	if s.Height > 0 {
		s.Height -= 2 * trim() // a compact row, as compactLayout's lines
	}
	return s
}

// Layout puts each cell in its column.
func (c *Columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	ws := c.widths(size.Width)
	c.last = ws
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if i < len(ws) {
			w = ws[i]
		}
		o.Move(fyne.NewPos(x-trim(), -trim()))
		o.Resize(fyne.NewSize(w+2*trim(), size.Height+2*trim()))
		x += w + pad
	}
}

// SetFit sets the width column i's content needs (0: none) and lays the
// rows out again if that changes it.
func (c *Columns) SetFit(i int, w float32) {
	if len(c.Fit) < len(c.Widths) {
		c.Fit = append(c.Fit, make([]float32, len(c.Widths)-len(c.Fit))...)
	}
	if c.Fit[i] != w {
		c.Fit[i] = w
		c.changed()
	}
}

// drag sets the width column i is dragged to.
func (c *Columns) drag(i int, w float32) {
	if len(c.Dragged) < len(c.Widths) {
		c.Dragged = append(c.Dragged, make([]float32, len(c.Widths)-len(c.Dragged))...)
	}
	w = max(w, minDragged)
	if c.Dragged[i] != w {
		c.Dragged[i] = w
		c.changed()
	}
}

// Width is column i's width in the last layout.
func (c *Columns) Width(i int) float32 {
	if i < len(c.last) {
		return c.last[i]
	}
	return c.least(i)
}

// onChange runs f whenever the widths change, to lay rows out again.
func (c *Columns) onChange(f func()) { c.listeners = append(c.listeners, f) }

func (c *Columns) changed() {
	for _, f := range c.listeners {
		f()
	}
}

// edgesLayout puts each column edge of a header (a columnEdge, for the
// column before it) over the boundary after its column.
type edgesLayout struct{ cols *Columns }

func (l *edgesLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func (l *edgesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	ws := l.cols.widths(size.Width)
	ends := make([]float32, len(ws)) // where each column's room ends, padding included
	x := float32(0)
	for i, w := range ws {
		x += w + pad
		ends[i] = x
	}
	for _, o := range objs {
		e := o.(*columnEdge)
		if e.col >= len(ends) {
			continue
		}
		o.Resize(fyne.NewSize(edgeWidth, size.Height))
		o.Move(fyne.NewPos(ends[e.col]-pad/2-edgeWidth/2, 0))
	}
}

// edgeWidth is how wide the grip on a column's edge is.
const edgeWidth = 9

// columnEdge is the edge after a column in a list's header: dragging it
// makes the column wider or narrower (see Columns), and it shows as a
// line while the pointer is over it.
type columnEdge struct {
	widget.BaseWidget
	cols     *Columns
	col      int
	line     *canvas.Rectangle
	dragging bool
	from     float32 // the column's width when the drag began
	moved    float32 // how far the drag went
}

func newColumnEdge(cols *Columns, col int) *columnEdge {
	e := &columnEdge{cols: cols, col: col}
	e.ExtendBaseWidget(e)
	return e
}

func (e *columnEdge) CreateRenderer() fyne.WidgetRenderer {
	e.line = canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	e.line.Hide()
	return &edgeRenderer{e: e}
}

// Cursor is the resize pointer.
func (e *columnEdge) Cursor() desktop.Cursor { return desktop.HResizeCursor }

// Dragged makes the column as wide as the drag says.
func (e *columnEdge) Dragged(ev *fyne.DragEvent) {
	if !e.dragging {
		e.dragging, e.from, e.moved = true, e.cols.Width(e.col), 0
		e.show(true)
	}
	e.moved += ev.Dragged.DX
	e.cols.drag(e.col, e.from+e.moved)
}

// DragEnd tells the columns' owner.
func (e *columnEdge) DragEnd() {
	e.dragging = false
	e.show(false)
	if e.cols.OnDragged != nil {
		e.cols.OnDragged(e.col)
	}
}

func (e *columnEdge) MouseIn(*desktop.MouseEvent)    { e.show(true) }
func (e *columnEdge) MouseMoved(*desktop.MouseEvent) {}
func (e *columnEdge) MouseOut()                      { e.show(e.dragging) }

func (e *columnEdge) show(on bool) {
	if e.line != nil {
		e.line.FillColor = theme.Color(theme.ColorNameSeparator)
		SetVisible(e.line, on)
	}
}

type edgeRenderer struct{ e *columnEdge }

func (r *edgeRenderer) Layout(size fyne.Size) {
	r.e.line.Resize(fyne.NewSize(1, size.Height))
	r.e.line.Move(fyne.NewPos(size.Width/2, 0))
}
func (r *edgeRenderer) MinSize() fyne.Size           { return fyne.NewSize(edgeWidth, 1) }
func (r *edgeRenderer) Refresh()                     { r.e.line.Refresh() }
func (r *edgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.e.line} }
func (r *edgeRenderer) Destroy()                     {}

// Compact stacks labels (or rows of labels) with half the theme's inner
// padding above and below each text, so the details and the status line
// leave the connection rows the room. It lays each one out taller than its
// share and shifted up, over the transparent margins of its labels,
// instead of overriding the theme: Fyne loads a set of fonts for every
// theme override scope, and makes a new scope on every refresh of one
// (an override per row cost about 110 MiB at start, growing as rows were
// redrawn).
func Compact(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(compactLayout{}, objs...)
}

// compactLayout is Compact's: the visible objects top to bottom, each
// trimmed by trim above and below, half the theme's padding between them.
type compactLayout struct{}

// trim is how much of a label's inner padding a compact line gives up, on
// each side.
func trim() float32 { return theme.InnerPadding() / 2 }

func (compactLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			s.Width = max(s.Width, m.Width)
			s.Height += max(0, m.Height-2*trim())
			n++
		}
	}
	if n > 1 {
		s.Height += float32(n-1) * theme.Padding() / 2
	}
	return s
}

func (compactLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := max(0, o.MinSize().Height-2*trim())
		o.Move(fyne.NewPos(0, y-trim()))
		o.Resize(fyne.NewSize(size.Width, h+2*trim()))
		y += h + theme.Padding()/2
	}
}
