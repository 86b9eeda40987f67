package gui

import (
	"errors"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
)

const filePass = "correct horse battery"

// moveToFileStore seeds: the store's secrets go into a new encrypted file
// (one Argon2id run), as `zoomconn use-file-store` would leave them.
func (e *env) moveToFileStore() *file.Store {
	e.t.Helper()
	fs, err := file.Open(store.SecretsFilePath(e.store.Dir()), []byte(filePass))
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.store.WithSecrets(e.sec).MoveSecrets(fs, auth.BackendFile); err != nil {
		e.t.Fatal(err)
	}
	return fs
}

func menuLabels(w fyne.Window) []string {
	var out []string
	for _, it := range w.MainMenu().Items[0].Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

func menuItem(t *testing.T, w fyne.Window, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range w.MainMenu().Items[0].Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("no File menu item %q in %q", label, menuLabels(w))
	return nil
}

// shownTexts is every text drawn on the window: its content and dialogs.
func shownTexts(w fyne.Window) string {
	var b strings.Builder
	objs := test.LaidOutObjects(w.Canvas().Content())
	for _, o := range w.Canvas().Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	for _, o := range objs {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			b.WriteString(t.Text + "\n")
		}
	}
	return b.String()
}

// assertNoRevealer: the entry is masked and has no button that shows what
// was typed: its action item is a plain icon, not Fyne's revealer.
func assertNoRevealer(t *testing.T, what string, e *kit.FormEntry) {
	t.Helper()
	if !e.Password {
		t.Errorf("%s: not masked", what)
	}
	if e.ActionItem == nil {
		t.Fatalf("%s: no action item (Fyne would install its revealer)", what)
	}
	if _, ok := e.ActionItem.(fyne.Tappable); ok {
		t.Errorf("%s: action item %T is tappable", what, e.ActionItem)
	}
	if _, ok := e.ActionItem.(*widget.Icon); !ok {
		t.Errorf("%s: action item is %T, not a plain icon", what, e.ActionItem)
	}
}

func TestSecretEntriesHaveNoRevealer(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	const typed = "typed-secret-value"

	f := e.u.NewConnection()
	typeInto(f.Window, f.ClientSecret, typed)
	cf := e.u.NewClient(nil)
	typeInto(cf.Window, cf.ClientSecret, typed)
	for _, c := range []struct {
		what string
		w    fyne.Window
		e    *kit.FormEntry
	}{{"connection form", f.Window, f.ClientSecret}, {"OAuth client form", cf.Window, cf.ClientSecret}} {
		// Rendered: Fyne installs its revealer at the first render if
		// ActionItem is nil, so check after the window drew the entry.
		assertNoRevealer(t, c.what, c.e)
		if !c.e.Password || c.e.Text != typed {
			t.Errorf("%s: typing changed the entry: masked %v", c.what, c.e.Password)
		}
		if got := shownTexts(c.w); strings.Contains(got, typed) {
			t.Errorf("%s: the typed secret is drawn on the window", c.what)
		}
		c.w.Canvas().Focus(c.e)
		c.e.TypedShortcut(&fyne.ShortcutSelectAll{})
		c.e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: e.app.Clipboard()})
		if e.app.Clipboard().Content() == typed {
			t.Errorf("%s: copy put the secret on the clipboard", c.what)
		}
	}
	test.Tap(f.CancelButton)
	test.Tap(cf.CancelButton)

	raw, err := store.Export(e.data(), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.store.DeleteConnection("My meetings")
	e.store.DeleteClient("Team app")
	e.u.reload()
	ir := e.u.importData(raw)
	if ir == nil || len(ir.secrets) == 0 {
		t.Fatal("import asked for no secret")
	}
	typeInto(e.u.win, ir.secrets[0], typed)
	assertNoRevealer(t, "import secret", ir.secrets[0])
	if strings.Contains(shownTexts(e.u.win), typed) {
		t.Error("import: the typed secret is drawn")
	}
	tapButton(t, ir.Modal, "Cancel")

	fd := e.u.useFileStore()
	typeInto(e.u.win, fd.passphrase, typed)
	typeInto(e.u.win, fd.repeat, typed)
	assertNoRevealer(t, "new passphrase", fd.passphrase)
	assertNoRevealer(t, "repeated passphrase", fd.repeat)
	if strings.Contains(shownTexts(e.u.win), typed) {
		t.Error("the typed passphrase is drawn")
	}
	tapButton(t, fd.Modal, "Cancel")
	if fd.passphrase.Text != "" || fd.repeat.Text != "" {
		t.Error("Cancel left the passphrase in the entries")
	}
}

func TestEncryptedFileUnlockThenMoveToKeyring(t *testing.T) {
	var fs *file.Store
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		fs = e.moveToFileStore()
	})
	u := e.u
	if len(e.sec.Keys()) != 0 {
		t.Fatalf("keyring still holds %q", e.sec.Keys())
	}

	// At start: the passphrase dialog, a read-only window, a banner.
	pd := u.lastUnlock(t)
	if e.topModal() != pd.Modal || pd.Title != "Unlock the secrets file" {
		t.Fatalf("the passphrase dialog is not on top at start")
	}
	if u.win.Canvas().Focused() != pd.passphrase {
		t.Error("the passphrase entry has no focus")
	}
	u.selectConnection("Reports")
	if !u.tb.newButton.Disabled() || !u.tb.testButton.Disabled() || u.NewConnection() != nil {
		t.Error("not read-only while the file is locked")
	}
	if !u.banner.box.Visible() || !u.banner.unlockButton.Visible() || u.banner.retryButton.Visible() {
		t.Error("banner does not offer Unlock")
	}
	contains(t, "banner", u.banner.text.Text, "encrypted file", "locked")
	if got := e.rowTexts()[0]; got[4] != "encrypted file" {
		t.Errorf("Secrets in = %q", got[4])
	}
	contains(t, "details", u.details.label.Text, "encrypted file", "locked")
	if got := menuLabels(u.win); !strings.Contains(strings.Join(got, "|"), "Unlock the secrets file…|Move secrets to the system keyring…") {
		t.Errorf("File menu = %q", got)
	}

	// Cancel, then Unlock from the banner opens it again.
	tapButton(t, pd.Modal, "Cancel")
	if !pd.Closed() || !u.tb.newButton.Disabled() {
		t.Fatal("Cancel did not leave the window read-only")
	}
	test.Tap(u.banner.unlockButton)
	unlock := u.lastUnlock(t)
	if unlock == pd {
		t.Fatal("Unlock did not open a new dialog")
	}

	// An empty passphrase: asked again, no file work.
	test.Tap(unlock.unlockButton)
	contains(t, "empty", unlock.errorLine.Text, "Type the passphrase")

	// A wrong one: a clear message in the dialog, nothing changed.
	before, _ := os.ReadFile(fs.Path())
	typeInto(u.win, unlock.passphrase, "wrong passphrase")
	test.Tap(unlock.unlockButton)
	e.waitJobs()
	if unlock.Closed() {
		t.Fatal("a wrong passphrase closed the dialog")
	}
	contains(t, "wrong passphrase message", unlock.errorLine.Text, "does not unlock", "Nothing was changed")
	if unlock.passphrase.Text != "" {
		t.Error("the wrong passphrase stayed in the entry")
	}
	if after, _ := os.ReadFile(fs.Path()); string(after) != string(before) {
		t.Error("a wrong passphrase changed the file")
	}
	if !u.tb.newButton.Disabled() {
		t.Error("a wrong passphrase unlocked the window")
	}

	// The right one (Enter submits): unlocked, secrets come from the file.
	typeInto(u.win, unlock.passphrase, filePass)
	u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.waitJobs()
	if !unlock.Closed() || u.tb.newButton.Disabled() || u.tb.testButton.Disabled() {
		t.Fatalf("not unlocked: dialog closed %v, error %q", unlock.Closed(), unlock.errorLine.Text)
	}
	if inUse, ok := u.sess.Store().Secrets().(*file.Store); !ok || inUse.Path() != fs.Path() || u.sess.Service().Store != u.sess.Store() {
		t.Fatal("store or service does not use the file")
	}
	test.Tap(u.tb.testButton)
	e.waitJobs()
	contains(t, "test result", e.topModal().Title, "Test passed: Reports")
	tapButton(t, e.topModal(), "OK")
	if got := e.rowTexts()[0][3]; got == "—" {
		t.Error("no token expiry after the test")
	}
	if v, err := fs.Get("connection/" + e.data().Connections[0].ID + "/access-token"); err != nil || v == "" {
		t.Errorf("access token not cached in the file: %v", err)
	}
	if len(e.sec.Keys()) != 0 {
		t.Errorf("the keyring was used while secrets are in the file: %q", e.sec.Keys())
	}

	// The keyring answers: the banner offers moving there.
	if !u.banner.box.Visible() || !u.banner.toKeyringButton.Visible() || u.banner.unlockButton.Visible() {
		t.Fatal("no Move to keyring offer")
	}
	if got := menuLabels(u.win); !strings.Contains(strings.Join(got, "|"), "Move secrets to the system keyring…") || strings.Contains(strings.Join(got, "|"), "Unlock") {
		t.Errorf("File menu = %q", got)
	}
	test.Tap(u.banner.toKeyringButton)
	confirm := e.topModal()
	contains(t, "confirm", confirm.Text(), "1 connection and 0 OAuth clients", fs.Path())
	tapButton(t, confirm, "Move to keyring")
	e.waitJobs()
	contains(t, "result", e.topModal().Text(), "Moved 2 secrets into the system keyring")
	if d := e.data(); d.Backend() != auth.BackendKeyring {
		t.Fatalf("backend %q after moving", d.Backend())
	}
	if v, err := e.sec.Get("connection/" + e.data().Connections[0].ID + "/client-secret"); err != nil || v != s2sSecret {
		t.Errorf("keyring secret = %q, %v", v, err)
	}
	if got := e.rowTexts()[0][4]; got != "system keyring" {
		t.Errorf("Secrets in = %q", got)
	}
	if u.banner.box.Visible() || u.sess.Store().Secrets() != secret.Store(e.sec) || u.tb.newButton.Disabled() {
		t.Error("not back on the keyring")
	}
	if got := menuLabels(u.win); !strings.Contains(strings.Join(got, "|"), "Keep secrets in an encrypted file…") {
		t.Errorf("File menu = %q", got)
	}
}

func TestUseEncryptedFileWhenKeyringUnavailable(t *testing.T) {
	// Secrets already in the unreachable keyring cannot be moved: a clear
	// message, nothing changed, no file left behind.
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.sec.Fail = func(string, string) error { return errKeyring }
	}, withKeyringErr(errKeyring))
	u := e.u
	if !u.banner.useFileButton.Visible() || !u.banner.retryButton.Visible() || !u.tb.newButton.Disabled() {
		t.Fatal("keyring banner does not offer the encrypted file")
	}
	test.Tap(u.banner.useFileButton)
	fd := e.u.lastFileDialog(t)
	contains(t, "explanation", fd.Text(), "passphrase", "offline", "cannot be recovered", "Move secrets to the system keyring")

	// Checks before any file work.
	typeInto(u.win, fd.passphrase, "short")
	typeInto(u.win, fd.repeat, "short")
	test.Tap(fd.confirm)
	contains(t, "short", fd.errorLine.Text, "at least 8 characters")
	setText(u.win, fd.passphrase, filePass)
	setText(u.win, fd.repeat, filePass+"x")
	test.Tap(fd.confirm)
	contains(t, "mismatch", fd.errorLine.Text, "differ")

	setText(u.win, fd.repeat, filePass)
	test.Tap(fd.confirm)
	e.waitJobs()
	if fd.Closed() {
		t.Fatal("a failed move closed the dialog")
	}
	contains(t, "move failed", fd.errorLine.Text, "keyring, which does not answer", "Nothing was changed")
	if d := e.data(); d.Backend() != auth.BackendKeyring {
		t.Errorf("backend changed to %q", d.Backend())
	}
	if _, err := os.Stat(store.SecretsFilePath(e.store.Dir())); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the new secrets file was left behind: %v", err)
	}
	if !u.tb.newButton.Disabled() {
		t.Error("window no longer read-only")
	}
	tapButton(t, fd.Modal, "Cancel")
}

func TestUseEncryptedFileThenSaveGoesToFile(t *testing.T) {
	e := newEnv(t, func(e *env) { e.sec.Fail = func(string, string) error { return errKeyring } }, withKeyringErr(errKeyring))
	u := e.u
	menuItem(t, u.win, "Keep secrets in an encrypted file…").Action()
	fd := u.lastFileDialog(t)
	typeInto(u.win, fd.passphrase, filePass)
	typeInto(u.win, fd.repeat, filePass)
	test.Tap(fd.confirm)
	e.waitJobs()
	if !fd.Closed() {
		t.Fatalf("dialog still open: %q", fd.errorLine.Text)
	}
	contains(t, "result", e.topModal().Text(), "encrypted file", "(0 moved)")
	tapButton(t, e.topModal(), "OK")
	if d := e.data(); d.Backend() != auth.BackendFile {
		t.Fatalf("backend %q", d.Backend())
	}
	// The keyring still does not answer: no banner, not read-only.
	if u.banner.box.Visible() || u.tb.newButton.Disabled() {
		t.Fatalf("after switching: banner %v (%q), read-only %v", u.banner.box.Visible(), u.banner.text.Text, u.tb.newButton.Disabled())
	}

	f := u.NewConnection()
	contains(t, "secret help", f.HelpFor(auth.FieldClientSecret), "goes straight into the encrypted file")
	fillS2S(f, "Reports")
	test.Tap(f.SaveButton)
	e.waitJobs()
	c, ok := e.data().Connection("Reports")
	if !ok {
		t.Fatalf("not saved: %q", f.FormError.Text)
	}
	inFile, err := file.Open(store.SecretsFilePath(e.store.Dir()), []byte(filePass))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := inFile.Get("connection/" + c.ID + "/client-secret"); err != nil || v != s2sSecret {
		t.Errorf("secret in the file = %q, %v", v, err)
	}
	if got := e.rowTexts()[0][4]; got != "encrypted file" {
		t.Errorf("Secrets in = %q", got)
	}
	// Moving back is offered in the menu; the keyring still fails, so it
	// says so and nothing changes.
	menuItem(t, u.win, "Move secrets to the system keyring…").Action()
	tapButton(t, e.topModal(), "Move to keyring")
	e.waitJobs()
	m := e.topModal()
	contains(t, "failed move", m.Title+" "+m.Text(), "Secrets not moved", "Nothing was changed")
	if d := e.data(); d.Backend() != auth.BackendFile {
		t.Errorf("backend %q", d.Backend())
	}
}

// lastUnlock and lastFileDialog find the dialog a button opened.
func (u *mainWindow) lastUnlock(t *testing.T) *passphraseDialog {
	t.Helper()
	if u.backends.unlocker.last == nil || u.backends.unlocker.last.Closed() {
		t.Fatal("no passphrase dialog showing")
	}
	return u.backends.unlocker.last
}

func (u *mainWindow) lastFileDialog(t *testing.T) *fileStoreDialog {
	t.Helper()
	if u.backends.fileDlg == nil || u.backends.fileDlg.Closed() {
		t.Fatal("no encrypted-file dialog showing")
	}
	return u.backends.fileDlg
}
