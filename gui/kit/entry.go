package kit

import (
	"fyne.io/fyne/v2"
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
	// OnEscape is what Esc does outside a form (in a dialog); a form's
	// entries cancel the form.
	OnEscape func()
	keys     *Keys // nil outside a form
	readOnly bool
}

// NewEntry is a one-line entry outside a form.
func NewEntry(placeholder string) *FormEntry {
	e := &FormEntry{}
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// LockIcon is assets.LockSVG, drawn in the theme's foreground colour.
var LockIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("lock.svg", assets.LockSVG))

// NewSecretEntry is a masked entry for a secret or a passphrase. It is
// never filled from storage, and what is typed is never shown: its action
// item is a plain lock icon, which also keeps Fyne from installing its
// password revealer (the eye button) when the entry is first rendered.
// Copy and cut are refused by Entry itself for a Password entry.
func NewSecretEntry(placeholder string) *FormEntry {
	e := &FormEntry{}
	e.Password = true
	e.ActionItem = widget.NewIcon(LockIcon)
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
		case e.OnEscape != nil:
			e.OnEscape()
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
