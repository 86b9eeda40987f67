package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

const unlockTitle = "Unlock the secrets file"

// passphraseDialog asks for the encrypted file's passphrase.
type passphraseDialog struct {
	*kit.Modal
	Passphrase *kit.FormEntry
	Error      *widget.Label
	Unlock     *widget.Button
	busy       bool
}

// unlocker asks for the passphrase of the encrypted file and opens it in
// the background; a wrong passphrase says so in the dialog, which stays
// open.
type unlocker struct {
	*view.Context
	last *passphraseDialog // opened last
}

// show asks for the passphrase, unless the file is open already. Once
// unlocked the window is no longer read-only and then (if not nil) runs.
func (un *unlocker) show(then func()) *passphraseDialog {
	if !un.Session.Locked() {
		if then != nil {
			then()
		}
		return nil
	}
	if un.last != nil && !un.last.Closed() {
		un.Dialogs.Focus(un.last.Passphrase)
		return un.last
	}
	path := un.Session.SecretsPath()
	text := fmt.Sprintf("Secrets are kept in the encrypted file %s. Enter its passphrase to use them; until then connections are shown read-only.", path)
	if un.Session.Secrets().FileMissing() {
		text = fmt.Sprintf("Secrets are kept in an encrypted file, but %s is missing. A passphrase of at least %d characters creates a new, empty one; the secrets it held must then be entered again.", path, store.MinPassphraseLen)
	}
	pd := &passphraseDialog{Passphrase: kit.NewSecretEntry("Passphrase"), Error: kit.DangerLabel()}
	form := container.New(layout.NewFormLayout(), widget.NewLabelWithStyle("Passphrase", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), pd.Passphrase)
	submit := func() { un.submit(pd, then) }
	pd.Modal = un.Dialogs.Show(unlockTitle, text, container.NewVBox(form, pd.Error),
		kit.Action{Label: "Cancel", Fn: func() { pd.Passphrase.SetText("") }},
		kit.Action{Label: "Unlock", Importance: widget.HighImportance, Fn: submit, KeepOpen: true})
	pd.Unlock = pd.Button("Unlock")
	un.last = pd
	pd.Passphrase.OnSubmitted = func(string) { submit() }
	pd.Passphrase.OnEscape = func() { pd.Passphrase.SetText(""); pd.Hide() }
	un.Dialogs.Focus(pd.Passphrase)
	return pd
}

// submit unlocks the file with the typed passphrase in a job.
func (un *unlocker) submit(pd *passphraseDialog, then func()) {
	if pd.busy {
		return
	}
	if pd.Passphrase.Text == "" {
		kit.ShowMsg(pd.Error, "Type the passphrase of the secrets file.")
		return
	}
	pass := []byte(pd.Passphrase.Text)
	pd.Passphrase.SetText("")
	pd.busy = true
	pd.Unlock.Disable()
	pd.Unlock.SetText("Unlocking…")
	pd.Error.Hide()
	un.Status("Unlocking the secrets file…")
	sec := un.Session.Secrets()
	un.Jobs.Run(func() {
		err := sec.Unlock(pass)
		clear(pass)
		un.Jobs.Do(func() {
			pd.busy = false
			pd.Unlock.Enable()
			pd.Unlock.SetText("Unlock")
			if err != nil {
				un.Status("The secrets file is still locked.")
				kit.ShowMsg(pd.Error, view.ErrorText(err))
				un.Dialogs.Focus(pd.Passphrase)
				return
			}
			pd.Hide()
			un.Reload()
			un.Status("Secrets file unlocked.")
			if then != nil {
				then()
			}
		})
	})
}
