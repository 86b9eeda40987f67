package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/assets"
)

// FormEntry is a one-line entry of a form: Esc cancels the form even while
// the entry has the keyboard focus (Fyne gives typed keys to the focused
// widget, not to the window), Enter submits it, and gaining the focus
// scrolls it into view. A read-only one shows a value to select and copy
// in the normal text colour, where a disabled entry looks like a
// placeholder and cannot be copied from.
type FormEntry struct {
	widget.Entry
	keys     *formKeys // nil outside a form
	onEscape func()    // outside a form: what Esc does
	readOnly bool
}

func newFormEntry(placeholder string) *FormEntry {
	e := &FormEntry{}
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// lockIcon is assets.LockSVG, drawn in the theme's foreground colour.
var lockIcon = theme.NewThemedResource(fyne.NewStaticResource("lock.svg", assets.LockSVG))

// newSecretEntry is a masked entry for a secret or a passphrase. It is
// never filled from storage, and what is typed is never shown: its action
// item is a plain lock icon, which also keeps Fyne from installing its
// password revealer (the eye button) when the entry is first rendered.
// Copy and cut are refused by Entry itself for a Password entry.
func newSecretEntry(placeholder string) *FormEntry {
	e := &FormEntry{}
	e.Password = true
	e.ActionItem = widget.NewIcon(lockIcon)
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles Esc, then everything else like an Entry; a read-only
// entry takes only the keys that move the cursor or the selection.
func (e *FormEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		switch {
		case e.keys != nil:
			e.keys.cancel()
			return
		case e.onEscape != nil:
			e.onEscape()
			return
		}
	}
	if e.readOnly && !readOnlyKey(ev.Name) {
		return
	}
	e.Entry.TypedKey(ev)
}

// readOnlyKey says whether a read-only entry takes a key: moving and
// submitting, nothing that edits.
func readOnlyKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown,
		fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown,
		fyne.KeyReturn, fyne.KeyEnter:
		return true
	}
	return false
}

// TypedRune types r unless the entry is read-only.
func (e *FormEntry) TypedRune(r rune) {
	if !e.readOnly {
		e.Entry.TypedRune(r)
	}
}

// TypedShortcut lets a read-only entry copy and select, nothing else.
func (e *FormEntry) TypedShortcut(s fyne.Shortcut) {
	if e.readOnly {
		switch s.(type) {
		case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		default:
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// TappedSecondary offers a read-only entry's Copy and Select all only.
func (e *FormEntry) TappedSecondary(pe *fyne.PointEvent) {
	if !e.readOnly {
		e.Entry.TappedSecondary(pe)
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	cb := fyne.CurrentApp().Clipboard()
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Copy"), func() { e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb}) }),
		fyne.NewMenuItem(lang.L("Select all"), func() { e.TypedShortcut(&fyne.ShortcutSelectAll{}) }),
	), c, pe.AbsolutePosition)
}

// FocusGained also scrolls the entry into view.
func (e *FormEntry) FocusGained() {
	e.Entry.FocusGained()
	e.keys.reveal(e)
}

// SetReadOnly makes the entry show its value for copying only (on) or
// take typing again; placeholder is shown while it is editable and empty.
func (e *FormEntry) SetReadOnly(on bool, placeholder string) {
	ph := placeholder
	if on {
		ph = "" // an empty read-only value is nothing to fill in
	}
	if e.readOnly == on && e.PlaceHolder == ph {
		return
	}
	e.readOnly, e.PlaceHolder = on, ph
	e.Refresh()
}

// ReadOnly reports whether the entry only shows its value.
func (e *FormEntry) ReadOnly() bool { return e.readOnly }

func smallText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// oneLine is a short note in the size of help text that never wraps, for
// a row of buttons.
func oneLine(text string) *widget.Label {
	l := smallText(text)
	l.Wrapping = fyne.TextWrapOff
	return l
}

// tightVBox stacks its visible children with no padding between them, so
// a field's help line sits right under its input.
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

// fixedWidth lays its one child out at least width wide, so wrapped text in
// a dialog wraps at a readable width instead of one word per line.
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

func withWidth(width float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&fixedWidth{width: width}, o)
}

// columns lays a row out in columns of fixed widths; the column at flex
// takes the remaining space. Header and rows share one so they line up.
type columns struct {
	widths []float32
	flex   int
}

func (c *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	pad := theme.Padding()
	for i, o := range objs {
		m := o.MinSize()
		if i < len(c.widths) {
			s.Width += c.widths[i] + pad
		}
		s.Height = max(s.Height, m.Height)
	}
	if s.Height > 0 {
		s.Height -= 2 * trim() // a compact row, as compactLayout's lines
	}
	return s
}

func (c *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for i, w := range c.widths {
		if i != c.flex {
			fixed += w + pad
		}
	}
	x := float32(0)
	for i, o := range objs {
		w := float32(0)
		if i < len(c.widths) {
			w = c.widths[i]
		}
		if i == c.flex {
			w = max(w, size.Width-fixed-pad)
		}
		o.Move(fyne.NewPos(x-trim(), -trim()))
		o.Resize(fyne.NewSize(w+2*trim(), size.Height+2*trim()))
		x += w + pad
	}
}

// cellLabel is a list cell: one line, cut with an ellipsis when too long.
func cellLabel() *fitLabel {
	l := &fitLabel{}
	l.ExtendBaseWidget(l)
	return l
}

// fitLabel is a one-line label that truncates with an ellipsis only when
// its text does not fit. Fyne 2.7 shapes the whole text again (uncached,
// with a new HarfBuzz font) on every refresh of an ellipsis label, about
// 0.2 ms each, which made scrolling and searching 10,000 rows stutter;
// measuring a text instead is cached, so a label whose text fits costs
// next to nothing.
type fitLabel struct{ widget.Label }

// SetText sets the text, choosing the truncation for the current width.
func (l *fitLabel) SetText(text string) {
	if text == l.Text {
		return
	}
	l.Text = text
	l.Truncation = l.truncationFor(l.Size().Width)
	l.Refresh()
}

// Resize also picks the truncation for the new width.
func (l *fitLabel) Resize(s fyne.Size) {
	t := l.truncationFor(s.Width)
	if t == l.Truncation {
		l.Label.Resize(s)
		return
	}
	l.Truncation = t
	l.Label.Resize(s)
	l.Refresh()
}

func (l *fitLabel) truncationFor(width float32) fyne.TextTruncation {
	if width <= 0 || l.Text == "" {
		return fyne.TextTruncateOff
	}
	th := l.Theme()
	need := fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding) + 1
	if need <= width {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

func headerLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// valueLabel shows a value the user may select and copy.
func valueLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// dangerLabel is a hidden, wrapped line for an error message.
func dangerLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// showMsg puts msg in a dangerLabel and shows it.
func showMsg(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Show()
}
