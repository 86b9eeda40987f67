package gui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

// FormEntry is a one-line entry that also reports Esc, so a form closes on
// Esc even while a field has the keyboard focus (Fyne gives typed keys to
// the focused widget, not to the window).
type FormEntry struct {
	widget.Entry
	onEscape func()
}

func newFormEntry(placeholder string) *FormEntry {
	e := &FormEntry{}
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// lockIcon is Material Design's "lock" (Apache 2.0, like Fyne's own
// icons), drawn in the theme's foreground colour.
var lockIcon = theme.NewThemedResource(fyne.NewStaticResource("lock.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path fill="#000000" d="M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z"/></svg>`)))

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

// newFormInput is an entry of a form window: Esc cancels the form and
// Enter submits it.
func newFormInput(placeholder string, secret bool, cancel func(), submit func()) *FormEntry {
	newEntry := newFormEntry
	if secret {
		newEntry = newSecretEntry
	}
	e := newEntry(placeholder)
	e.onEscape = cancel
	e.OnSubmitted = func(string) { submit() }
	return e
}

// openFormWindow shows a form window built by build, focused on first.
func (u *UI) openFormWindow(title string, size fyne.Size, build func(w fyne.Window), first func() fyne.Focusable) fyne.Window {
	w := u.app.NewWindow(title + " — " + AppName)
	build(w)
	w.Resize(size)
	w.CenterOnScreen()
	w.Show()
	w.Canvas().Focus(first())
	return w
}

// TypedKey handles Esc, then everything else like an Entry.
func (e *FormEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// field is one row of a form: a label, the input, a help line and an error
// line that appears beside (under) the input when the value is invalid.
type field struct {
	name  string // auth.Field* label, for validation messages
	label *widget.Label
	input fyne.CanvasObject
	hint  *widget.Label
	err   *widget.Label
	cell  *fyne.Container
}

func newField(name, label, hint string, input fyne.CanvasObject) *field {
	f := &field{name: name, input: input}
	f.label = widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.hint = smallText(hint)
	f.err = widget.NewLabel("")
	f.err.Importance = widget.DangerImportance
	f.err.Wrapping = fyne.TextWrapWord
	f.err.Hide()
	parts := []fyne.CanvasObject{input, f.err}
	if hint == "" {
		f.hint.Hide()
	}
	parts = append(parts, f.hint)
	f.cell = container.New(&tightVBox{}, parts...)
	return f
}

// formFields is what both forms keep of their fields: each by name, and
// which ones the user has touched (only those show their errors).
type formFields struct {
	fields  map[string]*field
	touched map[string]bool
}

func newFormFields() formFields {
	return formFields{fields: map[string]*field{}, touched: map[string]bool{}}
}

// add makes the field called name and keeps it.
func (ff *formFields) add(name, label, help string, input fyne.CanvasObject) *field {
	fl := newField(name, label, help, input)
	ff.fields[name] = fl
	return fl
}

// ErrorFor is the validation message shown beside a field ("" if none).
func (ff *formFields) ErrorFor(fieldName string) string {
	if fl, ok := ff.fields[fieldName]; ok && fl.err.Visible() {
		return fl.err.Text
	}
	return ""
}

func (ff *formFields) touchAll() {
	for name := range ff.fields {
		ff.touched[name] = true
	}
}

// showFieldErrors puts ve's message beside each touched field and clears
// the others; ve may be nil.
func (ff *formFields) showFieldErrors(ve *auth.ValidationError) {
	for name, fl := range ff.fields {
		if ff.touched[name] {
			fl.setError(ve.For(name))
		} else {
			fl.setError("")
		}
	}
}

func smallText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// setError shows msg under the input, or hides the line when msg is "".
func (f *field) setError(msg string) {
	if f.err.Text == msg && f.err.Visible() == (msg != "") {
		return
	}
	f.err.SetText(msg)
	if msg == "" {
		f.err.Hide()
	} else {
		f.err.Show()
	}
}

// setHint replaces the help line under the input ("" hides it).
func (f *field) setHint(text string) {
	if f.hint.Text == text {
		return
	}
	f.hint.SetText(text)
	if text == "" {
		f.hint.Hide()
	} else {
		f.hint.Show()
	}
}

func (f *field) show(on bool) {
	if on {
		f.label.Show()
		f.cell.Show()
	} else {
		f.label.Hide()
		f.cell.Hide()
	}
}

// objects returns the label and cell, for a form layout grid.
func (f *field) objects() []fyne.CanvasObject { return []fyne.CanvasObject{f.label, f.cell} }

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
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
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

// copyRow is a read-only, selectable value with a copy button.
func copyRow(value fyne.CanvasObject, onCopy func()) *fyne.Container {
	btn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), onCopy)
	return container.NewBorder(nil, nil, nil, btn, value)
}

// valueLabel shows a value the user may select and copy.
func valueLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// secretState is what a form's secret entry asks for.
type secretState int

const (
	secretNew    secretState = iota // nothing stored: type it
	secretStored                    // stored: leave empty to keep it
	secretAgain                     // stored, but the form's changes need it typed again
)

const (
	helpSecretAgain  = "Enter the client secret again (the line above says why): a stored secret is sent only to the app and the endpoints it was entered for. It goes straight into the system keyring and is never shown."
	placeholderAgain = "Enter the client secret again"
)

// secretPrompt keeps a secret entry's placeholder and help true to what
// the form would do with an empty entry: it says "stored, leave empty to
// keep" only while the stored secret may still be used.
type secretPrompt struct {
	ui      *UI
	entry   *FormEntry
	fl      *field
	newHelp string
	state   secretState
}

func newSecretPrompt(u *UI, entry *FormEntry, fl *field, newHelp string) *secretPrompt {
	return &secretPrompt{ui: u, entry: entry, fl: fl, newHelp: newHelp, state: -1}
}

// update sets the state: stored says the item as it was saved has a
// secret; againMsg is the validation message for the secret field when the
// form submits no secret ("" when an empty entry keeps the stored one).
// It reports whether the secret must be typed again.
func (p *secretPrompt) update(stored bool, againMsg string) bool {
	st := secretNew
	switch {
	case stored && againMsg != "":
		st = secretAgain
	case stored:
		st = secretStored
	}
	if st != p.state {
		p.state = st
		ph, help := "Client secret", p.newHelp
		switch st {
		case secretStored:
			ph, help = placeholderStore, helpSecretEdit
		case secretAgain:
			ph, help = placeholderAgain, helpSecretAgain
		}
		p.entry.PlaceHolder = ph
		p.entry.Refresh()
		p.fl.setHint(p.ui.whereSecretsGo(help))
	}
	return st == secretAgain
}

// saveFailed shows why a form was not saved: field problems beside the
// fields, anything else (keyring, file) in a dialog that says how to fix
// it. It reports whether there was an error.
func (u *UI) saveFailed(win fyne.Window, what string, err error, showErrors func(error) bool) bool {
	if err == nil {
		return false
	}
	var ve *auth.ValidationError
	if errors.As(err, &ve) {
		showErrors(ve)
		return true
	}
	u.showError(win, what+" was not saved", err)
	return true
}

// saved refreshes the window after a form saved name, and shows notices
// (such as a trimmed secret) if any.
func (u *UI) saved(status, name string, notices []string) {
	u.reload()
	u.setStatus(status)
	if len(notices) > 0 {
		u.showInfo(u.win, "Saved "+name, joinLines(notices))
	}
}
