package gui

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Where secrets live: the system keyring (the default) or, when the user
// chose it, the passphrase-encrypted file (store.Secrets). Never a silent
// fallback: the user picks the file in a dialog, every row says where its
// secrets are, and "Move secrets to the system keyring" is offered once a
// keyring answers.

const (
	useFileTitle   = "Keep secrets in an encrypted file"
	toKeyringTitle = "Move secrets to the system keyring"
	useFileText    = "This computer has no system keyring that answers. " + view.AppName + " can keep client secrets and tokens in a file instead, encrypted with a passphrase you choose (AES-256-GCM, with the key derived by Argon2id).\n\n" +
		"• The app asks for the passphrase once each time it starts; the command line asks for it too (or reads it from stdin in scripts).\n" +
		"• Anyone who gets the file can try to guess the passphrase offline, so choose a long one that you use nowhere else.\n" +
		"• If you forget it, the secrets cannot be recovered: they must be entered again.\n" +
		"• Once a keyring is available, File › Move secrets to the system keyring moves them back."
	waitForJobs = "Wait until the running test or authorization has finished (or cancel it), then try again."
)

// fileStoreDialog sets up the encrypted file: a new passphrase, twice.
type fileStoreDialog struct {
	*kit.Modal
	passphrase *kit.FormEntry
	repeat     *kit.FormEntry
	errorLine  *widget.Label
	confirm    *widget.Button
}

// backends checks the system keyring again and moves every secret between
// it and the encrypted file (store.Secrets' UseFile and MoveToKeyring: all
// or nothing).
type backends struct {
	*view.Context
	changed  func()           // moving started or ended: the window is read-only meanwhile
	unlocker *unlocker        // asks for the file's passphrase
	fileDlg  *fileStoreDialog // opened last
	menuFor  string           // the secrets state the File menu was last built for
}

// menuOutdated says whether the File menu's secrets entries no longer fit
// where the secrets are, and takes the current state as built.
func (b *backends) menuOutdated() bool {
	st := b.Session.MenuState()
	if st == b.menuFor {
		return false
	}
	b.menuFor = st
	return true
}

// checkKeyring probes the keyring again, as the banner's Check again does.
func (b *backends) checkKeyring() {
	b.Status("Checking the keyring…")
	sec := b.Session.Secrets()
	b.Jobs.Run(func() {
		err := sec.CheckKeyring()
		b.Jobs.Do(func() {
			b.Reload()
			if err == nil {
				b.Status("The keyring answered; everything is available again.")
			} else {
				b.Status("The keyring still does not answer.")
			}
		})
	})
}

func (b *backends) setMoving(on bool) {
	b.Session.SetMoving(on)
	b.changed()
}

// useFile explains the encrypted file and, on confirmation, creates it with
// the new passphrase and moves every secret from the keyring into it.
func (b *backends) useFile() *fileStoreDialog {
	s := b.Session
	if s.OnFile() || s.LoadErr() != nil || s.Moving() {
		return nil
	}
	if b.fileDlg != nil && !b.fileDlg.Closed() {
		return b.fileDlg
	}
	fd := &fileStoreDialog{passphrase: kit.NewSecretEntry(fmt.Sprintf("at least %d characters", store.MinPassphraseLen)), repeat: kit.NewSecretEntry("the same again"), errorLine: kit.DangerLabel()}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	form := container.New(layout.NewFormLayout(), bold("New passphrase"), fd.passphrase, bold("Repeat it"), fd.repeat)
	wipe := func() {
		fd.passphrase.SetText("")
		fd.repeat.SetText("")
	}
	submit := func() { b.submitFile(fd, wipe) }
	fd.Modal = b.Dialogs.Show(useFileTitle, useFileText, container.NewVBox(form, fd.errorLine),
		kit.Action{Label: "Cancel", Fn: wipe},
		kit.Action{Label: "Use encrypted file", Importance: widget.HighImportance, Fn: submit, KeepOpen: true})
	fd.confirm = fd.Button("Use encrypted file")
	b.fileDlg = fd
	for _, e := range []*kit.FormEntry{fd.passphrase, fd.repeat} {
		e.OnSubmitted = func(string) { submit() }
		e.OnEscape = func() { wipe(); fd.Hide() }
	}
	b.Dialogs.Focus(fd.passphrase)
	return fd
}

// submitFile checks the passphrases, then moves the secrets in a job.
func (b *backends) submitFile(fd *fileStoreDialog, wipe func()) {
	if b.Session.Moving() {
		return
	}
	switch {
	case utf8.RuneCountInString(fd.passphrase.Text) < store.MinPassphraseLen:
		kit.ShowMsg(fd.errorLine, fmt.Sprintf("The passphrase needs at least %d characters.", store.MinPassphraseLen))
		return
	case fd.repeat.Text != fd.passphrase.Text:
		kit.ShowMsg(fd.errorLine, "The two passphrases differ. Type the same passphrase twice.")
		return
	case b.Jobs.Busy():
		kit.ShowMsg(fd.errorLine, waitForJobs)
		return
	}
	pass := []byte(fd.passphrase.Text)
	wipe()
	fd.errorLine.Hide()
	fd.confirm.Disable()
	fd.confirm.SetText("Moving…")
	b.setMoving(true)
	b.Status("Moving the secrets into the encrypted file…")
	st, sec := b.Session.Store(), b.Session.Secrets()
	b.Jobs.Run(func() {
		n, err := sec.UseFile(st, pass)
		clear(pass)
		b.Jobs.Do(func() {
			b.setMoving(false)
			fd.confirm.Enable()
			fd.confirm.SetText("Use encrypted file")
			if err != nil {
				b.Reload()
				b.Status("The secrets were not moved.")
				kit.ShowMsg(fd.errorLine, switchFailedText(err))
				return
			}
			fd.Hide()
			b.Reload()
			msg := fmt.Sprintf("Secrets are now kept in the encrypted file %s (%d moved). The app asks for its passphrase at each start, and so does the command line.", sec.FilePath(), n)
			b.Status(fmt.Sprintf("Secrets are now kept in the encrypted file (%d moved).", n))
			b.Dialogs.Info("Secrets moved", msg)
		})
	})
}

// switchFailedText says why store.Secrets.UseFile failed: the file of
// the config dir did not open, or the secrets could not be moved (then
// nothing was changed).
func switchFailedText(err error) string {
	var fe *store.FileError
	switch {
	case errors.As(err, &fe) && fe.Problem == store.FileWrongPassphrase:
		return fmt.Sprintf("A secrets file already exists at %s, and this passphrase does not unlock it. Type that file's passphrase, or move the file aside to start a new one. Nothing was changed.", fe.Path)
	case errors.As(err, &fe):
		return view.ErrorText(err)
	case store.KeyringStateOf(err) != store.KeyringReady:
		return "Connections saved earlier have their secrets in the system keyring, which does not answer, so they cannot be copied into the file. Nothing was changed. Make the keyring answer once to move them, or delete those connections and enter them again after switching.\n\n" + view.ErrorText(err)
	}
	return "The secrets were not moved, so nothing was changed: " + view.ErrorText(err)
}

// toKeyring asks, then moves every secret from the encrypted file into the
// system keyring. A locked file is unlocked first.
func (b *backends) toKeyring() *kit.Modal {
	s := b.Session
	if !s.OnFile() || s.LoadErr() != nil || s.Moving() {
		return nil
	}
	if s.Locked() {
		b.unlocker.show(func() { b.toKeyring() })
		return nil
	}
	text := fmt.Sprintf("Move the secrets of %s and %s from the encrypted file %s into the system keyring? No passphrase is needed afterwards; the file is left without secrets and may be deleted.",
		plural(len(s.Data().Connections), "connection"), plural(len(s.Data().Clients), "OAuth client"), s.SecretsPath())
	return b.Dialogs.Show(toKeyringTitle+"?", text, nil,
		kit.Action{Label: "Cancel"},
		kit.Action{Label: "Move to keyring", Importance: widget.HighImportance, Fn: b.runToKeyring})
}

func (b *backends) runToKeyring() {
	if !b.Session.State().Unlocked || b.Session.Moving() {
		return
	}
	if b.Jobs.Busy() {
		b.Dialogs.Info("Secrets not moved", waitForJobs)
		return
	}
	b.setMoving(true)
	b.Status("Moving the secrets into the system keyring…")
	st, sec, path := b.Session.Store(), b.Session.Secrets(), b.Session.SecretsPath()
	b.Jobs.Run(func() {
		n, err := sec.MoveToKeyring(st)
		b.Jobs.Do(func() {
			b.setMoving(false)
			if err != nil {
				b.Reload()
				b.Status("The secrets were not moved.")
				b.Dialogs.Fail("Secrets not moved", fmt.Errorf("Nothing was changed: the secrets stay in the encrypted file. %s", view.ErrorText(err)))
				return
			}
			b.Reload()
			b.Status(fmt.Sprintf("Moved %d secrets into the system keyring.", n))
			b.Dialogs.Info("Secrets moved", fmt.Sprintf("Moved %d secrets into the system keyring. The encrypted file %s no longer holds any and may be deleted.", n, path))
		})
	})
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
