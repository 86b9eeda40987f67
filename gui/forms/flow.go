package forms

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// flow is what both forms do on Cancel and on Save. Cancel (the button,
// Esc, the window's close button) closes an unchanged form at once, and
// asks "Discard changes?" before it closes a changed one; closing wipes
// the typed secret. Save checks the input; if it is valid, stores it in a
// job (the keyring may take a while) with the form busy, then either shows
// why nothing was saved (a field's problem beside the field, anything else
// in a dialog that says how to fix it), or wipes the secret, closes the
// window, reloads the window's views, says what was saved (with the
// store's notices, such as a trimmed secret, in a dialog) and runs the
// saved item's next step. A save whose check after storing failed (Save &
// test) keeps the form open instead, on the item as saved, to fix it.
type flow struct {
	ctx         *view.Context
	win         fyne.Window
	noun        string         // what was not saved: "The connection"
	secretEntry *kit.FormEntry // wiped on Cancel and once saved
	// moreSecrets are other secret entries (the Secret Token), wiped with it.
	moreSecrets []*kit.FormEntry
	saveButton  *kit.FormButton // "Saving…" while a save runs
	// showErrors puts a validation error beside its fields.
	showErrors func(error) bool
	// onBusy sets the form's own widgets while a save runs; may be nil.
	onBusy func(busy bool)
	busy   bool
	// changed reports whether the form holds anything its item as stored
	// (or a new form as opened) does not.
	changed func() bool
	// asking is the "Discard changes?" question while it shows.
	asking *kit.Modal
}

// saved is what a save stored: what the status line says, the item's name,
// the store's notices, and the next step (select it, test it…); or, when
// stay is set, what keeps the form open on the saved item, saying what is
// left to fix.
type saved struct {
	status, name string
	notices      []string
	next         func()
	stay         func()
}

// Words of the question a changed form asks before it closes.
const (
	discardTitle = "Discard changes?"
	discardLabel = "Discard"
	keepLabel    = "Keep editing"
)

// init makes the window's close button cancel the form too.
func (fl *flow) init() { fl.win.SetCloseIntercept(fl.cancel) }

// question is the "Discard changes?" dialog while it shows, or nil.
func (fl *flow) question() *kit.Modal {
	if fl.asking == nil || fl.asking.Closed() {
		return nil
	}
	return fl.asking
}

// cancel closes the form: at once when nothing was changed, else once the
// user chose Discard (Keep editing, Esc or Enter keep it open). While a
// save runs it does nothing.
func (fl *flow) cancel() {
	switch q := fl.question(); {
	case q != nil:
		q.Hide() // Esc again: keep editing
	case fl.busy:
	case fl.changed != nil && fl.changed():
		fl.asking = fl.ctx.Dialogs.ShowOn(fl.win, discardTitle,
			fl.noun+" has changes that are not saved. Discard them and close the form?", nil,
			kit.Action{Label: discardLabel, Importance: widget.DangerImportance, Fn: fl.discard},
			kit.Action{Label: keepLabel, Importance: widget.HighImportance},
		)
	default:
		fl.discard()
	}
}

// discard wipes the typed secret and closes the form.
func (fl *flow) discard() {
	fl.wipe()
	fl.win.Close()
}

// wipe empties the secret entries.
func (fl *flow) wipe() {
	fl.secretEntry.SetText("")
	for _, e := range fl.moreSecrets {
		e.SetText("")
	}
}

// save runs Save: check reads and validates the input on the UI
// goroutine, and returns the job that stores it (ok false: invalid, the
// problems are shown). While the form asks "Discard changes?", Enter
// answers it (Keep editing) instead.
func (fl *flow) save(check func() (store func() (saved, error), ok bool)) {
	if q := fl.question(); q != nil {
		q.TypedKey(fyne.KeyReturn)
		return
	}
	if fl.busy {
		return
	}
	store, ok := check()
	if !ok {
		return
	}
	fl.setBusy(true)
	jobs := fl.ctx.Jobs
	jobs.Run(func() {
		res, err := store()
		jobs.Do(func() {
			fl.setBusy(false)
			if fl.failed(err) {
				return
			}
			fl.wipe()
			if res.stay == nil {
				fl.win.Close()
			}
			fl.ctx.Reload()
			fl.ctx.Status(res.status)
			if len(res.notices) > 0 {
				fl.ctx.Dialogs.Info("Saved "+res.name, strings.Join(res.notices, "\n"))
			}
			if res.stay != nil {
				res.stay()
				return
			}
			res.next()
		})
	})
}

func (fl *flow) setBusy(b bool) {
	fl.busy = b
	if b {
		fl.saveButton.Disable()
		fl.saveButton.SetText("Saving…")
	} else {
		fl.saveButton.Enable()
		fl.saveButton.SetText("Save")
	}
	if fl.onBusy != nil {
		fl.onBusy(b)
	}
}

// failed shows why the form was not saved: field problems beside the
// fields, anything else (keyring, file) in a dialog that says how to fix
// it. It reports whether there was an error.
func (fl *flow) failed(err error) bool {
	if err == nil {
		return false
	}
	var ve *auth.ValidationError
	if errors.As(err, &ve) {
		fl.showErrors(ve)
		return true
	}
	fl.ctx.Dialogs.FailOn(fl.win, fl.noun+" was not saved", err)
	return true
}
