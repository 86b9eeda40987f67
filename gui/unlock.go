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
	passphrase   *kit.FormEntry
	errorLine    *widget.Label
	unlockButton *widget.Button
	busy         bool
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
		un.Dialogs.Focus(un.last.passphrase)
		return un.last
	}
	path := un.Session.SecretsPath()
	text := fmt.Sprintf("Secrets are kept in the encrypted file %s. Enter its passphrase to use them; until then connections are shown read-only.", path)
	if un.Session.Secrets().FileMissing() {
		text = fmt.Sprintf("Secrets are kept in an encrypted file, but %s is missing. A passphrase of at least %d characters creates a new, empty one; the secrets it held must then be entered again.", path, store.MinPassphraseLen)
	}
	pd := &passphraseDialog{passphrase: kit.NewSecretEntry("Passphrase"), errorLine: kit.DangerLabel()}
	form := container.New(layout.NewFormLayout(), widget.NewLabelWithStyle("Passphrase", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), pd.passphrase)
	submit := func() { un.submit(pd, then) }
	pd.Modal = un.Dialogs.Show(unlockTitle, text, container.NewVBox(form, pd.errorLine),
		kit.Action{Label: "Cancel", Fn: func() { pd.passphrase.SetText("") }},
		kit.Action{Label: "Unlock", Importance: widget.HighImportance, Fn: submit, KeepOpen: true})
	pd.unlockButton = pd.Button("Unlock")
	un.last = pd
	pd.passphrase.OnSubmitted = func(string) { submit() }
	pd.passphrase.OnEscape = func() { pd.passphrase.SetText(""); pd.Hide() }
	un.Dialogs.Focus(pd.passphrase)
	return pd
}

// submit unlocks the file with the typed passphrase in a job.
func (un *unlocker) submit(pd *passphraseDialog, then func()) {
	if pd.busy {
		return
	}
	if pd.passphrase.Text == "" {
		kit.ShowMsg(pd.errorLine, "Type the passphrase of the secrets file.")
		return
	}
	pass := []byte(pd.passphrase.Text)
	pd.passphrase.SetText("")
	pd.busy = true
	pd.unlockButton.Disable()
	pd.unlockButton.SetText("Unlocking…")
	pd.errorLine.Hide()
	un.Status("Unlocking the secrets file…")
	sec := un.Session.Secrets()
	un.Jobs.Run(func() {
		err := sec.Unlock(pass)
		clear(pass)
		un.Jobs.Do(func() {
			pd.busy = false
			pd.unlockButton.Enable()
			pd.unlockButton.SetText("Unlock")
			if err != nil {
				un.Status("The secrets file is still locked.")
				kit.ShowMsg(pd.errorLine, view.ErrorText(err))
				un.Dialogs.Focus(pd.passphrase)
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
