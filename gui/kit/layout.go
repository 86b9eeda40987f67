package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

// Columns lays a row out in columns of fixed Widths; the column at Flex
// takes the remaining space. A list's header and rows share one so they
// line up.
type Columns struct {
	Widths []float32
	Flex   int
}

// MinSize is the columns' widths and the tallest cell, compact as a
// Compact line.
func (c *Columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	pad := theme.Padding()
	for i, o := range objs {
		m := o.MinSize()
		if i < len(c.Widths) {
			s.Width += c.Widths[i] + pad
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
	fixed := float32(0)
	for i, w := range c.Widths {
		if i != c.Flex {
			fixed += w + pad
		}
	}
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if i < len(c.Widths) {
			w = c.Widths[i]
		}
		if i == c.Flex {
			w = max(w, size.Width-fixed-pad)
		}
		o.Move(fyne.NewPos(x-trim(), -trim()))
		o.Resize(fyne.NewSize(w+2*trim(), size.Height+2*trim()))
		x += w + pad
	}
}

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
