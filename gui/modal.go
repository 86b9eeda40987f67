package gui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

// Modal is a dialog the UI shows: its title, its text and its buttons, kept
// so tests can read and tap them.
type Modal struct {
	Title   string
	Body    *widget.Label
	Buttons []*widget.Button
	Extra   fyne.CanvasObject
	d       *dialog.CustomDialog
	ui      *UI
	closed  bool
	onClose func()
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

// showModal shows a dialog on parent with a wrapped message, optional extra
// content under it and buttons; every button closes the dialog (unless
// keepOpen) and then runs its function.
func (u *UI) showModal(parent fyne.Window, title, text string, extra fyne.CanvasObject, actions ...action) *Modal {
	m := &Modal{Title: title, ui: u, Extra: extra}
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
		a := a
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
		u.mu.Lock()
		u.modals = removeModal(u.modals, m)
		u.mu.Unlock()
		if m.onClose != nil {
			m.onClose()
		}
	})
	u.mu.Lock()
	u.modals = append(u.modals, m)
	u.mu.Unlock()
	m.d.Show()
	return m
}

func removeModal(ms []*Modal, m *Modal) []*Modal {
	out := ms[:0]
	for _, x := range ms {
		if x != m {
			out = append(out, x)
		}
	}
	return out
}

// TopModal is the most recently opened dialog still showing, or nil.
func (u *UI) TopModal() *Modal {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.modals) == 0 {
		return nil
	}
	return u.modals[len(u.modals)-1]
}

func (u *UI) showInfo(parent fyne.Window, title, text string) *Modal {
	return u.showModal(parent, title, text, nil, action{label: "OK", importance: widget.HighImportance})
}

// showError shows err as the user should read it: a Zoom error's message
// and what to do about it, a keyring error with how to fix the keyring.
func (u *UI) showError(parent fyne.Window, title string, err error) *Modal {
	return u.showModal(parent, title, errorText(err), nil, action{label: "OK", importance: widget.HighImportance})
}

// errorText is the user-facing text of err: message, then the hint on its
// own paragraph.
func errorText(err error) string {
	var ze *auth.ZoomError
	var na *auth.NeedsAuthError
	switch {
	case errors.As(err, &na):
		return na.Error()
	case errors.As(err, &ze):
		if ze.Hint == "" {
			return ze.Message
		}
		return ze.Message + "\n\n" + ze.Hint
	}
	msg := err.Error()
	var se *auth.SecretError
	if errors.As(err, &se) && !strings.Contains(msg, auth.KeyringHelp()) && (errors.Is(err, auth.ErrKeyringUnavailable) || errors.Is(err, auth.ErrKeyringTimeout)) {
		msg += "\n\n" + auth.KeyringHelp()
	}
	return msg
}
