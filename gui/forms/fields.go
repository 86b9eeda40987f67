package forms

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// field is one row of a form: a label, the input, and under it one line
// that shows the help or, while the value is invalid, the problem. That
// line keeps the height of the taller of the two, so the form does not
// jump as messages come and go while typing.
type field struct {
	name  string // auth.Field* label, for validation messages
	base  string // the label's text without the required mark
	label *widget.Label
	input fyne.CanvasObject
	hint  *widget.Label
	err   *widget.Label
	cell  *fyne.Container
}

func newField(name, label, hint string, input fyne.CanvasObject) *field {
	f := &field{name: name, base: label, input: input}
	f.label = widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.hint = kit.SmallText(hint)
	f.err = kit.SmallText("")
	f.err.Importance = widget.DangerImportance
	f.showNote()
	f.cell = kit.TightVBox(input, container.New(&noteSlot{}, f.hint, f.err))
	return f
}

// setRequired marks the label with * while the field must be filled in.
func (f *field) setRequired(on bool) {
	text := f.base
	if on && text != "" {
		text += requiredMark
	}
	if f.label.Text != text {
		f.label.SetText(text)
	}
}

// besideField words a validation message for the line under its field:
// the label is right beside it, so the message does not repeat it
// ("Client ID is required." reads "Required.").
func besideField(field, msg string) string {
	rest, ok := strings.CutPrefix(msg, field)
	if !ok || (!strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ":")) {
		return msg // not the name, or only the start of a longer word
	}
	rest = strings.TrimPrefix(rest, ":")
	rest = strings.TrimPrefix(rest, " ")
	rest = strings.TrimPrefix(rest, "is ")
	if rest == "" {
		return msg
	}
	r, size := utf8.DecodeRuneInString(rest)
	return string(unicode.ToUpper(r)) + rest[size:]
}

// formFields is what both forms keep of their fields: each by name, and
// which ones the user has touched (only those show their errors).
type formFields struct {
	fields  map[string]*field
	touched map[string]bool
	// notes are what a field shows while it has no validation error of
	// its own: why Zoom refused what it holds (a failed test); the note
	// of "" shows in formError.
	notes map[string]string
	// formError, if the form has one, shows the errors that belong to no
	// single field.
	formError *widget.Label
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

// errorFor is the validation message shown beside a field ("" if none).
func (ff *formFields) errorFor(fieldName string) string {
	if fl, ok := ff.fields[fieldName]; ok {
		return fl.err.Text
	}
	return ""
}

func (ff *formFields) touchAll() {
	for name := range ff.fields {
		ff.touched[name] = true
	}
}

// showFieldErrors puts ve's message beside each touched field, a note
// beside a field without one, and clears the others; ve may be nil.
func (ff *formFields) showFieldErrors(ve *auth.ValidationError) {
	for name, fl := range ff.fields {
		msg := ""
		if ff.touched[name] {
			msg = besideField(name, ve.For(name))
		}
		if msg == "" {
			msg = ff.notes[name]
		}
		fl.setError(msg)
	}
}

// setNote puts text beside the field called name until clearNotes.
func (ff *formFields) setNote(name, text string) {
	if ff.notes == nil {
		ff.notes = map[string]string{}
	}
	ff.notes[name] = text
}

// clearNotes drops the notes: what they spoke of was changed.
func (ff *formFields) clearNotes() { ff.notes = nil }

// showErrors shows err: each validation message beside its touched field,
// and, in formError if the form has one, the messages of no field of the
// form or an error that is no validation error. It reports whether err is
// nil.
func (ff *formFields) showErrors(err error) bool {
	var ve *auth.ValidationError
	if err != nil && !errors.As(err, &ve) && ff.formError != nil {
		kit.ShowMsg(ff.formError, err.Error())
		return false
	}
	ff.showFieldErrors(ve)
	if ff.formError == nil {
		return err == nil
	}
	var other []string
	if ve != nil && len(ff.touched) > 0 {
		for _, fe := range ve.Fields {
			if _, ok := ff.fields[fe.Field]; !ok {
				other = append(other, fe.Message)
			}
		}
	}
	if n := ff.notes[""]; n != "" {
		other = append(other, n)
	}
	if len(other) > 0 {
		kit.ShowMsg(ff.formError, strings.Join(other, " "))
	} else {
		ff.formError.Hide()
	}
	return err == nil
}

// onTyped makes typing in each entry mark its field touched, then run
// changed with the field's name.
func (ff *formFields) onTyped(entries map[string]*kit.FormEntry, changed func(field string)) {
	for name, e := range entries {
		e.OnChanged = func(string) {
			ff.touched[name] = true
			changed(name)
		}
	}
}

// helpFor is the help text of a field.
func (ff *formFields) helpFor(fieldName string) string {
	if fl, ok := ff.fields[fieldName]; ok {
		return fl.hint.Text
	}
	return ""
}

// formGrid lays rows out as a form: labels on the left, inputs with their
// help and error lines on the right.
func formGrid(rows []*field) *fyne.Container {
	var grid []fyne.CanvasObject
	for _, r := range rows {
		grid = append(grid, r.objects()...)
	}
	return container.New(layout.NewFormLayout(), grid...)
}

// setError shows msg under the input in place of the help, or the help
// again when msg is "".
func (f *field) setError(msg string) {
	if f.err.Text != msg {
		f.err.SetText(msg)
	}
	f.showNote()
}

// setHint replaces the help under the input ("" for none).
func (f *field) setHint(text string) {
	if f.hint.Text != text {
		f.hint.SetText(text)
	}
	f.showNote()
}

// showNote shows the error if there is one, else the help if any.
func (f *field) showNote() {
	kit.SetVisible(f.err, f.err.Text != "")
	kit.SetVisible(f.hint, f.err.Text == "" && f.hint.Text != "")
}

// noteSlot holds a field's help and error lines in one place (only one of
// them is visible). It is as tall as the taller of the two and at least one
// line, shown or not, so nothing below moves when an error comes or goes.
type noteSlot struct{}

func (*noteSlot) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize()) // an empty label is one line tall
	}
	return s
}

func (*noteSlot) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		// Hidden ones too: wrapped text needs its width to tell its height.
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
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

// secretState is what a form's secret entry asks for.
type secretState int

const (
	secretNew    secretState = iota // nothing stored: type it
	secretStored                    // stored: leave empty to keep it
	secretAgain                     // stored, but the form's changes need it typed again
)

// secretPrompt keeps a secret entry's placeholder and help true to what
// the form would do with an empty entry: it says "stored, leave empty to
// keep" only while the stored secret may still be used.
type secretPrompt struct {
	where   func(help string) string // adapts help to where secrets go
	entry   *kit.FormEntry
	fl      *field
	newHelp string
	state   secretState
}

func newSecretPrompt(where func(string) string, entry *kit.FormEntry, fl *field, newHelp string) *secretPrompt {
	return &secretPrompt{where: where, entry: entry, fl: fl, newHelp: newHelp, state: -1}
}

// check updates the prompt as the form's input changes: stored says the
// item as it was saved has a secret, and validateBare validates the input
// with the secret entry left empty. The secret must be typed again when
// what it is sent with changed (an ID, a URL it goes to): then the field
// counts as touched, so its message shows as it happens.
func (p *secretPrompt) check(ff *formFields, stored bool, validateBare func() error) {
	again := ""
	if stored {
		var ve *auth.ValidationError
		if errors.As(validateBare(), &ve) {
			again = ve.For(auth.FieldClientSecret)
		}
	}
	if p.update(stored, again) {
		ff.touched[auth.FieldClientSecret] = true
	}
}

// required reports whether the secret must be typed: there is none
// stored, or the form's changes need it again.
func (p *secretPrompt) required() bool { return p.state != secretStored }

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
		p.fl.setHint(p.where(help))
	}
	return st == secretAgain
}
