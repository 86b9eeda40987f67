package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
)

// banner is the strip above the toolbar that says why the window is
// read-only (the file cannot be read, the keyring does not answer, the
// encrypted file is locked), or that a keyring is available again, with
// the buttons that fix it.
type banner struct {
	box       *fyne.Container
	text      *widget.Label
	icon      *widget.Icon
	Retry     *widget.Button // Check again (keyring or file problems)
	Unlock    *widget.Button // Unlock… (the encrypted file)
	UseFile   *widget.Button // Use an encrypted file instead…
	ToKeyring *widget.Button // Move secrets to the system keyring
}

func newBanner(retry, unlock, useFile, toKeyring func()) *banner {
	b := &banner{
		text:      widget.NewLabel(""),
		icon:      widget.NewIcon(theme.WarningIcon()),
		Retry:     widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), retry),
		Unlock:    widget.NewButtonWithIcon("Unlock…", lockIcon, unlock),
		UseFile:   widget.NewButton("Use an encrypted file instead…", useFile),
		ToKeyring: widget.NewButton("Move secrets to the system keyring", toKeyring),
	}
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.WarningImportance
	b.Unlock.Importance = widget.HighImportance
	// Stacked, so the banner's text keeps most of the width.
	buttons := container.NewVBox(b.Unlock, b.ToKeyring, b.UseFile, b.Retry)
	b.box = container.NewBorder(nil, widget.NewSeparator(), b.icon, container.NewCenter(buttons), b.text)
	b.box.Hide()
	return b
}

// update shows what fits the session, or hides the banner.
func (b *banner) update(s *session) {
	for _, btn := range []*widget.Button{b.Retry, b.Unlock, b.UseFile, b.ToKeyring} {
		btn.Hide()
	}
	show := func(icon fyne.Resource, importance widget.Importance, text string, buttons ...*widget.Button) {
		b.icon.SetResource(icon)
		b.text.Importance = importance
		b.text.SetText(text)
		for _, btn := range buttons {
			btn.Show()
		}
		b.box.Show()
	}
	switch {
	case s.loadErr != nil:
		show(theme.WarningIcon(), widget.WarningImportance, s.loadErr.Error(), b.Retry)
	case s.locked():
		show(theme.WarningIcon(), widget.WarningImportance, fmt.Sprintf("Secrets are kept in the encrypted file %s, which is locked: connections are shown read-only until you enter its passphrase.", s.secretsPath()), b.Unlock)
	case s.data.Backend() == auth.BackendKeyring && s.keyErr != nil:
		msg := s.keyErr.Error()
		if needsKeyringHelp(s.keyErr) && !strings.Contains(msg, keyring.Help()) {
			msg += " " + keyring.Help()
		}
		show(theme.WarningIcon(), widget.WarningImportance, "The system keyring is not available, so connections are shown read-only: nothing can be saved, tested or deleted until it answers. "+msg, b.UseFile, b.Retry)
	case s.onFile() && s.keyErr == nil:
		show(theme.InfoIcon(), widget.MediumImportance, fmt.Sprintf("Secrets are kept in the encrypted file %s. A system keyring is available: move them there to stop typing a passphrase at each start.", s.secretsPath()), b.ToKeyring)
	default:
		b.box.Hide()
	}
	b.box.Refresh()
}

// needsKeyringHelp: err says no keyring answered (not that it is locked,
// too slow, or has no such item), so the banner says how to get one.
func needsKeyringHelp(err error) bool {
	var se *secret.Error
	if !errors.As(err, &se) {
		return true
	}
	return se.Kind == secret.ErrUnavailable && !secret.IsLocked(se.Err)
}
