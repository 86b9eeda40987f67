package forms

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// flow is what both forms do on Cancel and on Save. Cancel wipes the
// typed secret and closes the window. Save checks the input; if it is
// valid, stores it in a job (the keyring may take a while) with the form
// busy, then either shows why nothing was saved (a field's problem beside
// the field, anything else in a dialog that says how to fix it), or wipes
// the secret, closes the window, reloads the window's views, says what was
// saved (with the store's notices, such as a trimmed secret, in a dialog)
// and runs the saved item's next step.
type flow struct {
	ctx         *view.Context
	win         fyne.Window
	noun        string          // what was not saved: "The connection"
	secretEntry *kit.FormEntry  // wiped on Cancel and once saved
	saveButton  *kit.FormButton // "Saving…" while a save runs
	// showErrors puts a validation error beside its fields.
	showErrors func(error) bool
	// onBusy sets the form's own widgets while a save runs; may be nil.
	onBusy func(busy bool)
	busy   bool
}

// saved is what a save stored: what the status line says, the item's name,
// the store's notices, and the next step (select it, test it…).
type saved struct {
	status, name string
	notices      []string
	next         func()
}

// cancel wipes the typed secret and closes the form.
func (fl *flow) cancel() {
	fl.secretEntry.SetText("")
	fl.win.Close()
}

// save runs Save: check reads and validates the input on the UI
// goroutine, and returns the job that stores it (ok false: invalid, the
// problems are shown).
func (fl *flow) save(check func() (store func() (saved, error), ok bool)) {
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
			fl.secretEntry.SetText("")
			fl.win.Close()
			fl.ctx.Reload()
			fl.ctx.Status(res.status)
			if len(res.notices) > 0 {
				fl.ctx.Dialogs.Info("Saved "+res.name, strings.Join(res.notices, "\n"))
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
