package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"zoomconn/auth"
)

var (
	ctrlN = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	ctrlF = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

func (u *UI) menu() *fyne.MainMenu {
	newConn := fyne.NewMenuItem("New connection", func() { u.NewConnection() })
	newConn.Shortcut = ctrlN
	newClient := fyne.NewMenuItem("New OAuth client", func() { u.NewClient(nil) })
	apiConsole := fyne.NewMenuItem("API console…", u.openConsoleSelected)
	apiConsole.Shortcut = ctrlK
	imp := fyne.NewMenuItem("Import…", u.ImportDialog)
	exp := fyne.NewMenuItem("Export…", u.ExportDialog)
	quit := fyne.NewMenuItem("Quit", func() { u.saveSize(); u.acts.clip.clearNow(); u.app.Quit() })
	quit.IsQuit = true
	file := fyne.NewMenu("File", newConn, newClient, apiConsole, fyne.NewMenuItemSeparator(), imp, exp, fyne.NewMenuItemSeparator())
	file.Items = append(file.Items, u.secretsMenuItems()...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Set-up guide", func() { u.ShowGuide(auth.AuthS2S) }),
		fyne.NewMenuItem("Open Zoom App Marketplace", func() { u.openURL(MarketplaceURL) }),
		fyne.NewMenuItem("About", u.showAbout))
	return fyne.NewMainMenu(file, help)
}

// secretsMenuItems are the File menu's entries for where secrets live.
func (u *UI) secretsMenuItems() []*fyne.MenuItem {
	toKeyring := fyne.NewMenuItem(toKeyringTitle+"…", func() { u.MoveToKeyring() })
	switch u.sess.menuState() {
	case "keyring":
		return []*fyne.MenuItem{fyne.NewMenuItem(useFileTitle+"…", func() { u.UseFileStore() })}
	case "file-locked":
		return []*fyne.MenuItem{fyne.NewMenuItem(unlockTitle+"…", func() { u.ShowUnlock(nil) }), toKeyring}
	}
	return []*fyne.MenuItem{toKeyring}
}

func (u *UI) addShortcuts(c fyne.Canvas) {
	c.AddShortcut(ctrlN, func(fyne.Shortcut) { u.NewConnection() })
	c.AddShortcut(ctrlF, func(fyne.Shortcut) { u.win.Canvas().Focus(u.conns.Search) })
	c.AddShortcut(ctrlK, func(fyne.Shortcut) { u.openConsoleSelected() })
}

func (u *UI) showAbout() {
	v := u.opts.Version
	if v == "" {
		v = "development build"
	}
	where := "in the system keyring"
	if u.sess.onFile() {
		where = "in the encrypted file " + u.sess.secretsPath()
	}
	u.dlg.info("About "+AppName, fmt.Sprintf("%s %s\n\nSet up, keep and check Zoom API credentials on this computer. Client secrets and tokens stay %s; the connections file %s holds no secret.", AppName, v, where, u.sess.store.Path()))
}
