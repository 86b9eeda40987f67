package gui

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/zoom"
)

// Modal is a dialog the window shows: its title, its text and its buttons,
// kept so tests and the screenshot driver can read and tap them.
type Modal struct {
	Title   string
	Body    *widget.Label
	Buttons []*widget.Button
	Extra   fyne.CanvasObject
	d       *dialog.CustomDialog
	closed  bool
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

type action struct {
	label      string
	importance widget.Importance
	fn         func()
	keepOpen   bool
}

// dialogs shows the window's dialogs and keeps those still open, the last
// on top, so tests and the screenshot driver can read and tap them.
type dialogs struct {
	win  fyne.Window // the main window, where dialogs go unless on a form
	mu   sync.Mutex  // guards open
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
	m := &Modal{Title: title, Extra: extra}
	m.Body = widget.NewLabel(text)
	m.Body.Wrapping = fyne.TextWrapWord
	m.Body.Selectable = true
	content := container.NewVBox(withWidth(520, m.Body))
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

// focus gives the keyboard to an entry of a dialog on the main window.
func (d *dialogs) focus(f fyne.Focusable) { d.win.Canvas().Focus(f) }

// info shows text with an OK button on the main window.
func (d *dialogs) info(title, text string) *Modal {
	return d.show(title, text, nil, action{label: "OK", importance: widget.HighImportance})
}

// fail shows err on the main window as the user should read it (errorText).
func (d *dialogs) fail(title string, err error) *Modal { return d.failOn(d.win, title, err) }

// failOn shows err as the user should read it on parent: a Zoom error's
// message and what to do about it, a keyring error with how to fix the
// keyring.
func (d *dialogs) failOn(parent fyne.Window, title string, err error) *Modal {
	return d.showOn(parent, title, errorText(err), nil, action{label: "OK", importance: widget.HighImportance})
}

// errorText is the user-facing text of err: message, then the hint on its
// own paragraph.
func errorText(err error) string {
	var ze *zoom.Error
	var na *access.NeedsAuthError
	switch {
	case errors.As(err, &na):
		return na.Error() + "\n\n" + nextStep(err)
	case nextStep(err) != "":
		return err.Error() + "\n\n" + nextStep(err)
	case errors.As(err, &ze):
		if ze.Hint == "" {
			return ze.Message
		}
		return ze.Message + "\n\n" + ze.Hint
	}
	msg := err.Error()
	var se *secret.Error
	if errors.As(err, &se) && !strings.Contains(msg, keyring.Help()) && (errors.Is(err, secret.ErrUnavailable) || errors.Is(err, secret.ErrTimeout)) {
		msg += "\n\n" + keyring.Help()
	}
	return msg
}

// nextStep says, in the app's terms, what to do about a core error that
// carries the facts but not the button to press.
func nextStep(err error) string {
	var needsAuth *access.NeedsAuthError
	var secretNeeded *access.SecretNeededError
	var notSaved *access.RefreshTokenNotSavedError
	var notOAuth *access.NotOAuthError
	switch {
	case errors.As(err, &notSaved):
		return "Then select it and click Authorize."
	case errors.As(err, &needsAuth):
		return "Select it and click Authorize."
	case errors.As(err, &secretNeeded):
		return "Select the OAuth client in the OAuth clients list, click Edit and type its client secret."
	case errors.As(err, &notOAuth):
		return "Use Test instead."
	}
	return ""
}
