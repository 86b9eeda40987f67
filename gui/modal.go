package gui

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"zoomconn/gui/kit"
)

// Modal is a dialog the window shows: its title, its text and its buttons,
// kept so tests and the screenshot driver can read and tap them.
type Modal struct {
	Title   string
	Body    *widget.Label
	Buttons []*widget.Button
	Extra   fyne.CanvasObject
	d       *dialog.CustomDialog
	parent  fyne.Window
	closed  bool
	// dismiss is pressed by Esc, confirm by Return (nil: the key does
	// nothing), while no entry of the dialog has the keyboard.
	dismiss, confirm *widget.Button
}

// Text is the dialog's message.
func (m *Modal) Text() string { return m.Body.Text }

// Button returns the button with this label, or nil.
func (m *Modal) Button(label string) *widget.Button {
	for _, b := range m.Buttons {
		if b.Text == label {
			return b
		}
	}
	return nil
}

// Hide closes the dialog.
func (m *Modal) Hide() { m.d.Hide() }

// Closed reports whether the dialog was closed.
func (m *Modal) Closed() bool { return m.closed }

// TypedKey presses the dialog's button for Esc (Cancel, Close or OK) or
// Return (its one high-importance button, never a dangerous one).
func (m *Modal) TypedKey(k fyne.KeyName) {
	b := m.dismiss
	if k == fyne.KeyReturn || k == fyne.KeyEnter {
		b = m.confirm
	} else if k != fyne.KeyEscape {
		return
	}
	if b != nil && !b.Disabled() {
		b.OnTapped()
	}
}

type action struct {
	label      string
	importance widget.Importance
	fn         func()
	keepOpen   bool
}

// copyLabel is the button that copies a dialog's message.
const copyLabel = "Copy"

// dialogs shows the window's dialogs and keeps those still open, the last
// on top, so tests and the screenshot driver can read and tap them.
type dialogs struct {
	win  fyne.Window    // the main window, where dialogs go unless on a form
	cb   fyne.Clipboard // for the Copy button of results and errors
	mu   sync.Mutex     // guards open
	open []*Modal
}

// show shows a dialog on the main window: see showOn.
func (d *dialogs) show(title, text string, extra fyne.CanvasObject, actions ...action) *Modal {
	return d.showOn(d.win, title, text, extra, actions...)
}

// showOn shows a dialog on parent with a wrapped message, optional extra
// content under it and buttons; every button closes the dialog (unless
// keepOpen) and then runs its function.
func (d *dialogs) showOn(parent fyne.Window, title, text string, extra fyne.CanvasObject, actions ...action) *Modal {
	m := &Modal{Title: title, Extra: extra, parent: parent}
	m.Body = widget.NewLabel(text)
	m.Body.Wrapping = fyne.TextWrapWord
	m.Body.Selectable = true
	content := container.NewVBox(kit.WithWidth(520, m.Body))
	if text == "" {
		m.Body.Hide()
	}
	if extra != nil {
		content.Add(extra)
	}
	m.d = dialog.NewCustomWithoutButtons(title, content, parent)
	var btns []fyne.CanvasObject
	for _, a := range actions {
		b := widget.NewButton(a.label, nil)
		b.Importance = a.importance
		b.OnTapped = func() {
			if !a.keepOpen {
				m.d.Hide()
			}
			if a.fn != nil {
				a.fn()
			}
		}
		switch {
		case a.label == "Cancel" || a.label == "Close" || (a.label == "OK" && m.dismiss == nil):
			m.dismiss = b
		}
		if a.importance == widget.HighImportance {
			m.confirm = b
		}
		m.Buttons = append(m.Buttons, b)
		btns = append(btns, b)
	}
	m.d.SetButtons(btns)
	m.d.SetOnClosed(func() {
		m.closed = true
		d.mu.Lock()
		d.open = slices.DeleteFunc(d.open, func(x *Modal) bool { return x == m })
		d.mu.Unlock()
	})
	d.mu.Lock()
	d.open = append(d.open, m)
	d.mu.Unlock()
	m.d.Show()
	return m
}

// top is the most recently opened dialog still showing, or nil.
func (d *dialogs) top() *Modal {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.open) == 0 {
		return nil
	}
	return d.open[len(d.open)-1]
}

// topOn is the most recently opened dialog still showing on w, or nil.
func (d *dialogs) topOn(w fyne.Window) *Modal {
	if m := d.top(); m != nil && m.parent == w {
		return m
	}
	return nil
}

// focus gives the keyboard to an entry of a dialog on the main window.
func (d *dialogs) focus(f fyne.Focusable) { d.win.Canvas().Focus(f) }

// info shows text with an OK button on the main window.
func (d *dialogs) info(title, text string) *Modal {
	return d.show(title, text, nil, action{label: "OK", importance: widget.HighImportance})
}

// copyAction copies the message of the dialog m will be, and says so on
// its button; the dialog stays open.
func (d *dialogs) copyAction(m **Modal) action {
	return action{label: copyLabel, keepOpen: true, fn: func() {
		if *m == nil {
			return
		}
		d.cb.SetContent((*m).Title + "\n\n" + (*m).Text())
		if b := (*m).Button(copyLabel); b != nil {
			b.SetText("Copied")
		}
	}}
}

// result shows the outcome of a test or an authorization, with Copy and OK.
func (d *dialogs) result(title, text string) *Modal {
	var m *Modal
	m = d.show(title, text, nil, d.copyAction(&m), action{label: "OK", importance: widget.HighImportance})
	return m
}

// fail shows err on the main window as the user should read it (errorText).
func (d *dialogs) fail(title string, err error) *Modal { return d.failOn(d.win, title, err) }

// failOn shows err as the user should read it on parent: a Zoom error's
// message and what to do about it, a keyring error with how to fix the
// keyring. Copy puts it on the clipboard.
func (d *dialogs) failOn(parent fyne.Window, title string, err error) *Modal {
	return d.failWith(parent, title, errorText(err))
}

// failWith shows an error's text on parent with Copy, the buttons that fix
// it (fixes) and OK.
func (d *dialogs) failWith(parent fyne.Window, title, text string, fixes ...action) *Modal {
	var m *Modal
	acts := append([]action{d.copyAction(&m)}, fixes...)
	ok := action{label: "OK", importance: widget.HighImportance}
	if len(fixes) > 0 {
		ok = action{label: "Close"} // the fix is what to press
	}
	m = d.showOn(parent, title, text, nil, append(acts, ok)...)
	return m
}
