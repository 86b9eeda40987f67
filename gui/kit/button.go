package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Button is a button of a window that is not a form (the main window's
// toolbar, say): Space presses it, as any Fyne button, and the keys it
// has no use for go to OnKey, so that the window's own keys (F1, Delete
// on the selected row) work while it has the focus; Fyne gives a key to
// the focused widget only. Return does nothing, as on any Fyne button.
type Button struct {
	widget.Button
	OnKey func(fyne.KeyName)
}

// NewButton makes a button with a label, an icon (may be nil) and its
// action.
func NewButton(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Space and hands every other key but
// Return to OnKey.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace:
		b.Button.TypedKey(ev)
	case fyne.KeyReturn, fyne.KeyEnter:
	default:
		if b.OnKey != nil {
			b.OnKey(ev.Name)
		}
	}
}
