package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Keys is a form window's keyboard. Fyne gives a key to the focused
// widget only, and its buttons, checks, selects and radio buttons ignore
// Esc and Enter; so every widget of a form is made here, and each one
// cancels the form on Esc and submits it on Enter (a focused button
// presses itself instead), and scrolls itself into view when the Tab key
// reaches it.
type Keys struct {
	cancel, submit func()
	scroll         *container.Scroll // the form's body, once laid out
}

// NewKeys is the keyboard of a form that cancel cancels and submit
// submits.
func NewKeys(cancel, submit func()) *Keys { return &Keys{cancel: cancel, submit: submit} }

// Key runs the form's action for Esc or Enter; it reports whether it did.
func (k *Keys) Key(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		k.cancel()
	case fyne.KeyReturn, fyne.KeyEnter:
		k.submit()
	default:
		return false
	}
	return true
}

// reveal scrolls the form's body so that o, which just got the focus, is
// in view; nothing moves if it already is.
func (k *Keys) reveal(o fyne.CanvasObject) {
	if k == nil || k.scroll == nil || k.scroll.Content == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	s := k.scroll
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	bottom := top + o.Size().Height
	off := s.Offset.Y
	switch {
	case top < off:
		off = top
	case bottom > off+s.Size().Height:
		off = bottom - s.Size().Height
	default:
		return
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, off))
}

// Entry is a one-line entry of the form (masked for a secret).
func (k *Keys) Entry(placeholder string, secret bool) *FormEntry {
	newEntry := NewEntry
	if secret {
		newEntry = NewSecretEntry
	}
	e := newEntry(placeholder)
	e.keys = k
	e.OnSubmitted = func(string) { k.submit() }
	return e
}

// Layout lays the form window out: body scrolled with a scroll bar that
// shows while it is taller than the window, buttons at the bottom. Esc and
// Enter also work while nothing has the focus.
func (k *Keys) Layout(w fyne.Window, body, buttons fyne.CanvasObject) {
	k.scroll = container.NewVScroll(container.NewPadded(body))
	w.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		k.scroll))
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { k.Key(ev) })
}

// Scroll is the form's body as Layout scrolled it (nil before).
func (k *Keys) Scroll() *container.Scroll { return k.scroll }

// FormButton is a button of a form: Enter or Space presses it, Esc
// cancels the form.
type FormButton struct {
	widget.Button
	keys *Keys
}

// Button is a button of the form.
func (k *Keys) Button(label string, icon fyne.Resource, tapped func()) *FormButton {
	b := &FormButton{keys: k}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter and cancels the form on Esc.
func (b *FormButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		b.keys.cancel()
	default:
		b.Button.TypedKey(ev)
	}
}

// FocusGained also scrolls the button into view.
func (b *FormButton) FocusGained() {
	b.Button.FocusGained()
	b.keys.reveal(b)
}

// FormCheck is a check box of a form: Space ticks it, Esc and Enter act on
// the form.
type FormCheck struct {
	widget.Check
	keys *Keys
}

// Check is a check box of the form.
func (k *Keys) Check(label string, changed func(bool)) *FormCheck {
	c := &FormCheck{keys: k}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey lets Esc and Enter act on the form.
func (c *FormCheck) TypedKey(ev *fyne.KeyEvent) {
	if !c.keys.Key(ev) {
		c.Check.TypedKey(ev)
	}
}

// FocusGained also scrolls the check box into view.
func (c *FormCheck) FocusGained() {
	c.Check.FocusGained()
	c.keys.reveal(c)
}

// FormSelect is a drop-down of a form: Space or the arrow keys choose,
// Esc and Enter act on the form.
type FormSelect struct {
	widget.Select
	keys *Keys
}

// Select is a drop-down of the form.
func (k *Keys) Select(options []string, changed func(string)) *FormSelect {
	s := &FormSelect{keys: k}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey lets Esc and Enter act on the form.
func (s *FormSelect) TypedKey(ev *fyne.KeyEvent) {
	if !s.keys.Key(ev) {
		s.Select.TypedKey(ev)
	}
}

// FocusGained also scrolls the drop-down into view.
func (s *FormSelect) FocusGained() {
	s.Select.FocusGained()
	s.keys.reveal(s)
}
