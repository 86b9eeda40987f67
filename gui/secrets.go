package gui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

// Where secrets live: the system keyring (the default) or, when the user
// chose it, the passphrase-encrypted file (auth.FileStore). Never a silent
// fallback: the user picks the file in a dialog, every row says where its
// secrets are, and "Move secrets to the system keyring" is offered once a
// keyring answers.

const (
	useFileTitle   = "Keep secrets in an encrypted file"
	toKeyringTitle = "Move secrets to the system keyring"
	unlockTitle    = "Unlock the secrets file"
	useFileText    = "This computer has no system keyring that answers. zoomconn can keep client secrets and tokens in a file instead, encrypted with a passphrase you choose (AES-256-GCM, with the key derived by Argon2id).\n\n" +
		"• The app asks for the passphrase once each time it starts; the command line asks for it too (or reads it from stdin in scripts).\n" +
		"• Anyone who gets the file can try to guess the passphrase offline, so choose a long one that you use nowhere else.\n" +
		"• If you forget it, the secrets cannot be recovered: they must be entered again.\n" +
		"• Once a keyring is available, File › Move secrets to the system keyring moves them back."
)

func (u *UI) secretsPath() string { return auth.SecretsFilePath(u.store.Dir()) }

// whereSecretsGo adapts a help text that names the system keyring to
// where this store's secrets live.
func (u *UI) whereSecretsGo(text string) string {
	if u.data.Backend() != auth.BackendFile {
		return text
	}
	return strings.ReplaceAll(text, "the system keyring", "the encrypted file")
}

// secretsText is the "Secrets in" column.
func (u *UI) secretsText() string { return u.data.Backend().Describe() }

// syncSecrets points store and svc at the secret store the data names: the
// keyring, the unlocked file, or, while the file is locked, a store that
// refuses every call (nothing may quietly reach the keyring instead).
func (u *UI) syncSecrets() {
	switch {
	case u.data.Backend() != auth.BackendFile:
		u.useSecrets(u.keyring)
	case u.fileStore != nil:
		u.useSecrets(u.fileStore)
	default:
		u.useSecrets(lockedFile{path: u.secretsPath()})
	}
}

func (u *UI) useSecrets(s auth.SecretStore) {
	if u.store.Secrets() == s {
		return
	}
	u.store = u.store.WithSecrets(s)
	if u.svc != nil {
		svc := *u.svc
		svc.Store = u.store
		u.svc = &svc
	}
}

// lockedFile stands in for the encrypted file until it is unlocked.
type lockedFile struct{ path string }

func (l lockedFile) err(op, key string) error {
	return &auth.SecretError{Op: op, Key: key, Kind: auth.ErrKeyringUnavailable,
		Err: fmt.Errorf("the secrets file %s is locked: enter its passphrase first", l.path)}
}
func (l lockedFile) Get(key string) (string, error) { return "", l.err("read", key) }
func (l lockedFile) Set(key, _ string) error        { return l.err("save", key) }
func (l lockedFile) Delete(key string) error        { return l.err("delete", key) }

// secretsMenuState names what the File menu's secrets entries are for.
func (u *UI) secretsMenuState() string {
	switch {
	case u.data == nil || u.data.Backend() != auth.BackendFile:
		return "keyring"
	case u.fileStore == nil:
		return "file-locked"
	}
	return "file"
}

func (u *UI) secretsMenuItems() []*fyne.MenuItem {
	switch u.secretsMenuState() {
	case "keyring":
		return []*fyne.MenuItem{fyne.NewMenuItem(useFileTitle+"…", func() { u.UseFileStore() })}
	case "file-locked":
		return []*fyne.MenuItem{
			fyne.NewMenuItem(unlockTitle+"…", func() { u.ShowUnlock(nil) }),
			fyne.NewMenuItem(toKeyringTitle+"…", func() { u.MoveToKeyring() }),
		}
	}
	return []*fyne.MenuItem{fyne.NewMenuItem(toKeyringTitle+"…", func() { u.MoveToKeyring() })}
}

func dangerLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func showMsg(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Show()
}

// PassphraseDialog asks for the encrypted file's passphrase.
type PassphraseDialog struct {
	*Modal
	Passphrase *FormEntry
	Error      *widget.Label
	Unlock     *widget.Button
	busy       bool
}

// ShowUnlock asks for the passphrase of the encrypted file and opens it in
// the background; a wrong passphrase says so in the dialog, which stays
// open. Once unlocked the window is no longer read-only and then (if not
// nil) runs.
func (u *UI) ShowUnlock(then func()) *PassphraseDialog {
	if !u.locked() {
		if then != nil {
			then()
		}
		return nil
	}
	if u.unlockDlg != nil && !u.unlockDlg.Closed() {
		u.win.Canvas().Focus(u.unlockDlg.Passphrase)
		return u.unlockDlg
	}
	path := u.secretsPath()
	text := fmt.Sprintf("Secrets are kept in the encrypted file %s. Enter its passphrase to use them; until then connections are shown read-only.", path)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		text = fmt.Sprintf("Secrets are kept in an encrypted file, but %s is missing. A passphrase of at least %d characters creates a new, empty one; the secrets it held must then be entered again.", path, auth.MinPassphraseLen)
	}
	pd := &PassphraseDialog{Passphrase: newSecretEntry("Passphrase"), Error: dangerLabel()}
	form := container.New(layout.NewFormLayout(), widget.NewLabelWithStyle("Passphrase", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), pd.Passphrase)
	submit := func() {
		if pd.busy {
			return
		}
		if pd.Passphrase.Text == "" {
			showMsg(pd.Error, "Type the passphrase of the secrets file.")
			return
		}
		pass := []byte(pd.Passphrase.Text)
		pd.Passphrase.SetText("")
		pd.busy = true
		pd.Unlock.Disable()
		pd.Unlock.SetText("Unlocking…")
		pd.Error.Hide()
		u.setStatus("Unlocking the secrets file…")
		u.goJob(func() {
			fs, err := auth.OpenFileStore(path, pass)
			clear(pass)
			u.do(func() {
				pd.busy = false
				pd.Unlock.Enable()
				pd.Unlock.SetText("Unlock")
				if err != nil {
					u.setStatus("The secrets file is still locked.")
					showMsg(pd.Error, errorText(err))
					u.win.Canvas().Focus(pd.Passphrase)
					return
				}
				pd.Hide()
				u.fileStore = fs
				u.reload()
				u.setStatus("Secrets file unlocked.")
				if then != nil {
					then()
				}
			})
		})
	}
	pd.Modal = u.showModal(u.win, unlockTitle, text, container.NewVBox(form, pd.Error),
		action{label: "Cancel", fn: func() { pd.Passphrase.SetText("") }},
		action{label: "Unlock", importance: widget.HighImportance, fn: submit, keepOpen: true})
	pd.Unlock = pd.Button("Unlock")
	u.unlockDlg = pd
	pd.Passphrase.OnSubmitted = func(string) { submit() }
	pd.Passphrase.onEscape = func() { pd.Passphrase.SetText(""); pd.Hide() }
	u.win.Canvas().Focus(pd.Passphrase)
	return pd
}

// FileStoreDialog sets up the encrypted file: a new passphrase, twice.
type FileStoreDialog struct {
	*Modal
	Passphrase *FormEntry
	Repeat     *FormEntry
	Error      *widget.Label
	Confirm    *widget.Button
}

// UseFileStore explains the encrypted file and, on confirmation, creates
// it with the new passphrase and moves every secret from the keyring into
// it (auth.Store.MoveSecrets: all or nothing).
func (u *UI) UseFileStore() *FileStoreDialog {
	if u.data.Backend() == auth.BackendFile || u.loadErr != nil || u.moving {
		return nil
	}
	if u.fileDlg != nil && !u.fileDlg.Closed() {
		return u.fileDlg
	}
	fd := &FileStoreDialog{Passphrase: newSecretEntry(fmt.Sprintf("at least %d characters", auth.MinPassphraseLen)), Repeat: newSecretEntry("the same again"), Error: dangerLabel()}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	form := container.New(layout.NewFormLayout(), bold("New passphrase"), fd.Passphrase, bold("Repeat it"), fd.Repeat)
	wipe := func() {
		fd.Passphrase.SetText("")
		fd.Repeat.SetText("")
	}
	submit := func() {
		if u.moving {
			return
		}
		switch {
		case utf8.RuneCountInString(fd.Passphrase.Text) < auth.MinPassphraseLen:
			showMsg(fd.Error, fmt.Sprintf("The passphrase needs at least %d characters.", auth.MinPassphraseLen))
			return
		case fd.Repeat.Text != fd.Passphrase.Text:
			showMsg(fd.Error, "The two passphrases differ. Type the same passphrase twice.")
			return
		case u.active.Load() > 0:
			showMsg(fd.Error, "Wait until the running test or authorization has finished (or cancel it), then try again.")
			return
		}
		pass := []byte(fd.Passphrase.Text)
		wipe()
		fd.Error.Hide()
		fd.Confirm.Disable()
		fd.Confirm.SetText("Moving…")
		u.setMoving(true)
		u.setStatus("Moving the secrets into the encrypted file…")
		path, store := u.secretsPath(), u.store
		u.goJob(func() {
			fs, n, err := moveToFile(store, path, pass)
			clear(pass)
			u.do(func() {
				u.setMoving(false)
				fd.Confirm.Enable()
				fd.Confirm.SetText("Use encrypted file")
				if err != nil {
					u.reload()
					u.setStatus("The secrets were not moved.")
					showMsg(fd.Error, err.Error())
					return
				}
				fd.Hide()
				u.fileStore = fs
				u.reload()
				msg := fmt.Sprintf("Secrets are now kept in the encrypted file %s (%d moved). The app asks for its passphrase at each start, and so does the command line.", fs.Path(), n)
				u.setStatus(fmt.Sprintf("Secrets are now kept in the encrypted file (%d moved).", n))
				u.showInfo(u.win, "Secrets moved", msg)
			})
		})
	}
	fd.Modal = u.showModal(u.win, useFileTitle, useFileText, container.NewVBox(form, fd.Error),
		action{label: "Cancel", fn: wipe},
		action{label: "Use encrypted file", importance: widget.HighImportance, fn: submit, keepOpen: true})
	fd.Confirm = fd.Button("Use encrypted file")
	u.fileDlg = fd
	for _, e := range []*FormEntry{fd.Passphrase, fd.Repeat} {
		e.OnSubmitted = func(string) { submit() }
		e.onEscape = func() { wipe(); fd.Hide() }
	}
	u.win.Canvas().Focus(fd.Passphrase)
	return fd
}

// moveToFile opens (creating) the encrypted file and moves store's secrets
// into it. A file it created is removed again if the move fails, so a
// failure leaves everything as it was. It runs in a job.
func moveToFile(store *auth.Store, path string, pass []byte) (*auth.FileStore, int, error) {
	_, statErr := os.Stat(path)
	existed := statErr == nil
	fs, err := auth.OpenFileStore(path, pass)
	if errors.Is(err, auth.ErrWrongPassphrase) && existed {
		return nil, 0, fmt.Errorf("A secrets file already exists at %s, and this passphrase does not unlock it. Type that file's passphrase, or move the file aside to start a new one. Nothing was changed.", path)
	}
	if err != nil {
		return nil, 0, errors.New(errorText(err))
	}
	// MoveSecrets switches the store it runs on: run it on a copy, so jobs
	// still holding the old store are not changed under them.
	n, err := store.WithSecrets(store.Secrets()).MoveSecrets(fs, auth.BackendFile)
	if err != nil {
		if !existed {
			_ = os.Remove(path)
		}
		msg := "The secrets were not moved, so nothing was changed: " + errorText(err)
		if errors.Is(err, auth.ErrKeyringUnavailable) || errors.Is(err, auth.ErrKeyringTimeout) {
			msg = "Connections saved earlier have their secrets in the system keyring, which does not answer, so they cannot be copied into the file. Nothing was changed. Make the keyring answer once to move them, or delete those connections and enter them again after switching.\n\n" + errorText(err)
		}
		return nil, 0, errors.New(msg)
	}
	return fs, n, nil
}

// MoveToKeyring asks, then moves every secret from the encrypted file into
// the system keyring. A locked file is unlocked first.
func (u *UI) MoveToKeyring() *Modal {
	if u.data.Backend() != auth.BackendFile || u.loadErr != nil || u.moving {
		return nil
	}
	if u.locked() {
		u.ShowUnlock(func() { u.MoveToKeyring() })
		return nil
	}
	text := fmt.Sprintf("Move the secrets of %s and %s from the encrypted file %s into the system keyring? No passphrase is needed afterwards; the file is left without secrets and may be deleted.",
		plural(len(u.data.Connections), "connection"), plural(len(u.data.Clients), "OAuth client"), u.secretsPath())
	return u.showModal(u.win, toKeyringTitle+"?", text, nil,
		action{label: "Cancel"},
		action{label: "Move to keyring", importance: widget.HighImportance, fn: u.runMoveToKeyring})
}

func (u *UI) runMoveToKeyring() {
	if u.fileStore == nil || u.moving {
		return
	}
	if u.active.Load() > 0 {
		u.showInfo(u.win, "Secrets not moved", "Wait until the running test or authorization has finished (or cancel it), then try again.")
		return
	}
	u.setMoving(true)
	u.setStatus("Moving the secrets into the system keyring…")
	store, keyring, path := u.store, u.keyring, u.secretsPath()
	u.goJob(func() {
		n, err := 0, auth.ProbeKeyring(keyring)
		if err == nil {
			n, err = store.WithSecrets(store.Secrets()).MoveSecrets(keyring, auth.BackendKeyring)
		}
		u.do(func() {
			u.setMoving(false)
			if err != nil {
				u.reload()
				u.setStatus("The secrets were not moved.")
				u.showError(u.win, "Secrets not moved", fmt.Errorf("Nothing was changed: the secrets stay in the encrypted file. %s", errorText(err)))
				return
			}
			u.keyErr = nil
			u.fileStore = nil
			u.reload()
			u.setStatus(fmt.Sprintf("Moved %d secrets into the system keyring.", n))
			u.showInfo(u.win, "Secrets moved", fmt.Sprintf("Moved %d secrets into the system keyring. The encrypted file %s no longer holds any and may be deleted.", n, path))
		})
	})
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func (u *UI) setMoving(on bool) {
	u.moving = on
	u.updateActions()
}
