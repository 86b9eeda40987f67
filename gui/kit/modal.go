package kit

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Modal is a dialog a window shows: its title, its text, what it shows
// under the text and its buttons.
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

// Resize makes the dialog this size (a list to choose from needs room).
func (m *Modal) Resize(s fyne.Size) { m.d.Resize(s) }

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

// Action is a button of a dialog: its label and importance, and what it
// does (Fn, may be nil) after it closed the dialog, unless KeepOpen.
type Action struct {
	Label      string
	Importance widget.Importance
	Fn         func()
	KeepOpen   bool
}

// copyLabel is the button that copies a dialog's message.
const copyLabel = "Copy"

// Dialogs shows a window's dialogs and keeps those still open, the last
// on top, so the window can hand Esc and Return to the top one.
type Dialogs struct {
	win    fyne.Window        // the main window, where dialogs go unless on another
	cb     fyne.Clipboard     // for the Copy button of results and errors
	phrase func(error) string // an error as the user should read it
	mu     sync.Mutex         // guards open
	open   []*Modal
}

// NewDialogs shows dialogs on win; cb takes what their Copy buttons copy,
// and phrase words an error for the user.
func NewDialogs(win fyne.Window, cb fyne.Clipboard, phrase func(error) string) *Dialogs {
	return &Dialogs{win: win, cb: cb, phrase: phrase}
}

// Window is the main window, where dialogs go unless shown on another.
func (d *Dialogs) Window() fyne.Window { return d.win }

// Show shows a dialog on the main window: see ShowOn.
func (d *Dialogs) Show(title, text string, extra fyne.CanvasObject, actions ...Action) *Modal {
	return d.ShowOn(d.win, title, text, extra, actions...)
}

// ShowOn shows a dialog on parent with a wrapped message, optional extra
// content under it and buttons; every button closes the dialog (unless
// keepOpen) and then runs its function.
func (d *Dialogs) ShowOn(parent fyne.Window, title, text string, extra fyne.CanvasObject, actions ...Action) *Modal {
	m := &Modal{Title: title, Extra: extra, parent: parent}
	m.Body = widget.NewLabel(text)
	m.Body.Wrapping = fyne.TextWrapWord
	m.Body.Selectable = true
	content := container.NewVBox(WithWidth(520, m.Body))
	if text == "" {
		m.Body.Hide()
	}
	if extra != nil {
		content.Add(extra)
	}
	m.d = dialog.NewCustomWithoutButtons(title, content, parent)
	var btns []fyne.CanvasObject
	for _, a := range actions {
		b := widget.NewButton(a.Label, nil)
		b.Importance = a.Importance
		b.OnTapped = func() {
			if !a.KeepOpen {
				m.d.Hide()
			}
			if a.Fn != nil {
				a.Fn()
			}
		}
		switch {
		case a.Label == "Cancel" || a.Label == "Close" || (a.Label == "OK" && m.dismiss == nil):
			m.dismiss = b
		}
		if a.Importance == widget.HighImportance {
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

// Top is the most recently opened dialog still showing, or nil.
func (d *Dialogs) Top() *Modal {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.open) == 0 {
		return nil
	}
	return d.open[len(d.open)-1]
}

// TopOn is the most recently opened dialog still showing on w, or nil.
func (d *Dialogs) TopOn(w fyne.Window) *Modal {
	if m := d.Top(); m != nil && m.parent == w {
		return m
	}
	return nil
}

// Focus gives the keyboard to an entry of a dialog on the main window.
func (d *Dialogs) Focus(f fyne.Focusable) { d.win.Canvas().Focus(f) }

// Info shows text with an OK button on the main window.
func (d *Dialogs) Info(title, text string) *Modal {
	return d.Show(title, text, nil, Action{Label: "OK", Importance: widget.HighImportance})
}

// CopyAction copies the message of the dialog m will be, and says so on
// its button; the dialog stays open.
func (d *Dialogs) CopyAction(m **Modal) Action {
	return Action{Label: copyLabel, KeepOpen: true, Fn: func() {
		if *m == nil {
			return
		}
		d.cb.SetContent((*m).Title + "\n\n" + (*m).Text())
		if b := (*m).Button(copyLabel); b != nil {
			b.SetText("Copied")
		}
	}}
}

// Result shows the outcome of a test or an authorization, with Copy and OK.
func (d *Dialogs) Result(title, text string) *Modal {
	var m *Modal
	m = d.Show(title, text, nil, d.CopyAction(&m), Action{Label: "OK", Importance: widget.HighImportance})
	return m
}

// Fail shows err on the main window as the user should read it.
func (d *Dialogs) Fail(title string, err error) *Modal { return d.FailOn(d.win, title, err) }

// FailOn shows err as the user should read it (as phrase words it) on
// parent. Copy puts it on the clipboard.
func (d *Dialogs) FailOn(parent fyne.Window, title string, err error) *Modal {
	return d.FailWith(parent, title, d.phrase(err))
}

// FailWith shows an error's text on parent with Copy, the buttons that fix
// it (fixes) and OK.
func (d *Dialogs) FailWith(parent fyne.Window, title, text string, fixes ...Action) *Modal {
	var m *Modal
	acts := append([]Action{d.CopyAction(&m)}, fixes...)
	ok := Action{Label: "OK", Importance: widget.HighImportance}
	if len(fixes) > 0 {
		ok = Action{Label: "Close"} // the fix is what to press
	}
	m = d.ShowOn(parent, title, text, nil, append(acts, ok)...)
	return m
}
