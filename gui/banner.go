package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// banner is the strip above the toolbar that says, in one plain sentence,
// why the window is read-only (the file cannot be read, the keyring does
// not answer, the encrypted file is locked), or that a keyring is
// available again; Details… tells the rest, and its buttons fix it.
type banner struct {
	dlg             *kit.Dialogs
	box             *fyne.Container
	text            *widget.Label
	icon            *widget.Icon
	details         string         // what Details… shows
	detailsButton   *widget.Button // Details…
	retryButton     *widget.Button // Check again (keyring or file problems)
	unlockButton    *widget.Button // Unlock… (the encrypted file)
	useFileButton   *widget.Button // Use an encrypted file instead…
	toKeyringButton *widget.Button // Move secrets to the system keyring
}

func newBanner(dlg *kit.Dialogs, retry, unlock, useFile, toKeyring func()) *banner {
	b := &banner{
		dlg:             dlg,
		text:            widget.NewLabel(""),
		icon:            widget.NewIcon(theme.WarningIcon()),
		retryButton:     widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), retry),
		unlockButton:    widget.NewButtonWithIcon("Unlock…", lockIcon, unlock),
		useFileButton:   widget.NewButton("Use an encrypted file instead…", useFile),
		toKeyringButton: widget.NewButton("Move secrets to the system keyring", toKeyring),
	}
	b.detailsButton = widget.NewButton("Details…", func() { b.showDetails() })
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.WarningImportance
	b.unlockButton.Importance = widget.HighImportance
	buttons := container.NewHBox(b.detailsButton, b.unlockButton, b.toKeyringButton, b.useFileButton, b.retryButton)
	b.box = container.NewBorder(nil, widget.NewSeparator(), container.NewCenter(b.icon), container.NewCenter(buttons), b.text)
	b.box.Hide()
	return b
}

// update shows what fits the session, or hides the banner.
func (b *banner) update(s *view.Session) {
	for _, btn := range []*widget.Button{b.retryButton, b.unlockButton, b.useFileButton, b.toKeyringButton} {
		btn.Hide()
	}
	show := func(icon fyne.Resource, importance widget.Importance, text, details string, buttons ...*widget.Button) {
		b.icon.SetResource(icon)
		b.text.Importance = importance
		b.text.SetText(text)
		b.details = details
		for _, btn := range buttons {
			btn.Show()
		}
		b.box.Show()
	}
	st := s.State()
	switch {
	case s.LoadErr() != nil:
		show(theme.WarningIcon(), widget.WarningImportance, "The connections file could not be read, so nothing can be changed.",
			s.LoadErr().Error(), b.retryButton)
	case s.Locked():
		show(theme.WarningIcon(), widget.WarningImportance, "Your secrets are in a locked encrypted file: unlock it to change or use connections.",
			fmt.Sprintf("%s keeps client secrets and tokens in the encrypted file %s, which needs its passphrase once each time the app starts. Until then connections are shown read-only.", view.AppName, s.SecretsPath()), b.unlockButton)
	case !st.InFile && st.Keyring != store.KeyringReady:
		show(theme.WarningIcon(), widget.WarningImportance, keyringSentence(st.Keyring), keyringDetails(st.Keyring, s.Secrets().KeyringErr()), b.useFileButton, b.retryButton)
	case st.InFile && st.Keyring == store.KeyringReady:
		show(theme.InfoIcon(), widget.MediumImportance, "A system keyring is available: move your secrets there to stop typing a passphrase.",
			fmt.Sprintf("Your secrets are in the encrypted file %s. A system keyring now answers: moving them there means no passphrase at each start, and the file is left empty.", s.SecretsPath()), b.toKeyringButton)
	default:
		b.details = ""
		b.box.Hide()
	}
	b.box.Refresh()
}

// ShowDetails says what the banner's sentence leaves out: the error as the
// keyring or the file gave it, and how to fix it.
func (b *banner) showDetails() *kit.Modal {
	var m *kit.Modal
	m = b.dlg.Show("Details", b.details, nil, b.dlg.CopyAction(&m), kit.Action{Label: "OK", Importance: widget.HighImportance})
	return m
}

// keyringSentence is the banner's one sentence about a keyring that does
// not answer.
func keyringSentence(k store.KeyringState) string {
	if k == store.KeyringLocked {
		return "The system keyring is locked, so " + view.AppName + " shows your connections read-only until you unlock it."
	}
	return "No system keyring answers, so " + view.AppName + " shows your connections read-only."
}

// keyringDetails is the rest: what the keyring said (err, in the app's
// words: message), how to get one if none answered, and the encrypted file
// as the way without one.
func keyringDetails(k store.KeyringState, err error) string {
	msg := view.Message(err)
	if k == store.KeyringUnavailable && !strings.Contains(msg, store.KeyringHelp()) {
		msg += "\n\n" + store.KeyringHelp()
	}
	return msg + "\n\nNothing can be saved, tested or deleted until a keyring answers: click Check again once it runs. On a computer without one, Use an encrypted file instead… keeps the secrets in a file protected by a passphrase."
}
