//go:build shots

package shots

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui"
	"zoomconn/gui/guitest"
	"zoomconn/gui/kit"
)

// shootAll takes every screenshot in the light theme on first, then in
// the dark theme on a scene of its own.
func (st *studio) shootAll(first *scene) error {
	st.looping = true
	sc := first
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		dir := st.opts.OutDir
		if v == theme.VariantDark {
			fyne.DoAndWait(sc.u.Window().Hide)
			var err error
			if sc, err = st.newScene(v); err != nil {
				return err
			}
			dir = filepath.Join(dir, DarkDir)
		}
		if err := (&driver{st: st, sc: sc, dir: dir}).shoot(); err != nil {
			return err
		}
	}
	return nil
}

// driver runs on its own goroutine: every change to the windows goes
// through fyne.DoAndWait, then the frame gets time to render before the
// capture.
type driver struct {
	st    *studio
	sc    *scene
	dir   string
	empty *gui.Driver // the first-run window, kept for the import
}

func (d *driver) ui(fn func()) { fyne.DoAndWait(fn) }

// capture writes what the screen shows of w into dir/name.
func (d *driver) capture(w fyne.Window, name string) error {
	time.Sleep(900 * time.Millisecond) // the frame renders
	var title string
	d.ui(func() { title = w.Title() })
	// Fyne's Canvas.Capture reads the GL front buffer, which Mesa under
	// Xvfb leaves blank: grab what the X server shows instead.
	if err := captureX(title, filepath.Join(d.dir, name)); err != nil {
		return fmt.Errorf("%s: %w (screenshots need xdotool and ImageMagick: make deps-test)", name, err)
	}
	return nil
}

// captureInstead shows other in place of the main window (both are titled
// Zoom Connections), captures it and shows the main window again.
func (d *driver) captureInstead(other *gui.Driver, name string, before func()) error {
	d.ui(func() {
		d.sc.u.Window().Hide()
		other.Window().Show()
		if before != nil {
			before()
		}
	})
	err := d.capture(other.Window(), name)
	d.ui(func() {
		if m := other.TopModal(); m != nil {
			m.Hide()
		}
		other.Window().Hide()
		d.sc.u.Window().Show()
	})
	return err
}

// until waits up to 30 s for cond, read on the UI goroutine.
func (d *driver) until(what string, cond func() bool) error {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var ok bool
		d.ui(func() { ok = cond() })
		if ok {
			return nil
		}
	}
	return fmt.Errorf("no %s within 30s", what)
}

// waitModal waits for a dialog whose title starts with prefix.
func (d *driver) waitModal(prefix string) error {
	return d.until(fmt.Sprintf("%q dialog", prefix), func() bool {
		m := d.sc.u.TopModal()
		return m != nil && strings.HasPrefix(m.Title, prefix)
	})
}

func (d *driver) closeModal() {
	d.ui(func() {
		if m := d.sc.u.TopModal(); m != nil {
			m.Hide()
		}
	})
}

// modal captures the main window with the dialog open opens, then closes
// the dialog.
func (d *driver) modal(name, title string, open func()) error {
	d.ui(open)
	if err := d.waitModal(title); err != nil {
		return err
	}
	err := d.capture(d.sc.u.Window(), name)
	d.closeModal()
	return err
}

// keyringDown makes the keyring stop answering, or answer again, and waits
// until the window has checked it (its banner's Check again).
func (d *driver) keyringDown(down bool) error {
	d.sc.keyring.down.Store(down)
	d.ui(d.sc.u.CheckKeyring)
	return d.until("keyring check", func() bool { return d.sc.u.Status() != "Checking the keyring…" })
}

// send calls GET path in the console c, as a user would, and waits for
// Zoom's answer.
func (d *driver) send(c *guitest.Console, path string) error {
	d.ui(func() {
		c.Method.SetSelected("GET")
		c.Path.SetText(path)
		c.Send.OnTapped()
	})
	return d.until("answer to GET "+path, func() bool {
		return c.Status.Text != "" && c.Status.Text[0] >= '1' && c.Status.Text[0] <= '5'
	})
}

// typeIn types s into an entry of w, a rune at a time, as a user would.
func typeIn(w fyne.Window, e *kit.FormEntry, s string) {
	w.Canvas().Focus(e)
	for _, r := range s {
		e.TypedRune(r)
	}
}

// step is one screenshot: its file name and what shows and captures it.
type step struct {
	name string
	run  func(name string) error
}

// shoot takes the screenshots of one theme, in order.
func (d *driver) shoot() error {
	u, ui, v := d.sc.u, d.ui, d.sc.variant
	var f *guitest.ConnectionForm
	var cf *guitest.ClientForm
	steps := []step{
		{"01-main-window.png", func(name string) error {
			ui(func() { u.SelectConnection("Webinar exports") })
			return d.capture(u.Window(), name)
		}},
		{"02-first-run.png", func(name string) error {
			var err error
			if d.empty, err = d.st.emptyWindow(v); err != nil {
				return err
			}
			d.ui(d.empty.Window().Hide)
			return d.captureInstead(d.empty, name, nil)
		}},
		{"03-connection-custom-simple.png", func(name string) error {
			ui(func() {
				f = guitest.ConnectionFormOf(u.NewConnection())
				typeIn(f.Window, f.Name, "Reports-production")
				typeIn(f.Window, f.AccountID, zoomtest.DemoAccountID)
				typeIn(f.Window, f.ClientID, zoomtest.DemoS2SClientID)
				typeIn(f.Window, f.ClientSecret, "typed-secret")
			})
			return d.capture(f.Window, name)
		}},
		{"04-connection-validation.png", func(name string) error {
			ui(func() {
				f.Name.SetText("my meetings")
				f.AccountID.SetText("demo account")
				f.ClientSecret.SetText("")
				f.SaveButton.OnTapped()
			})
			err := d.capture(f.Window, name)
			ui(f.Window.Close) // typed in: Cancel would ask "Discard changes?"
			return err
		}},
		{"05-connection-custom-http.png", func(name string) error {
			ui(func() {
				f = guitest.ConnectionFormOf(u.EditConnection("Reporting (S2S)"))
				f.View.SetSelected("HTTP")
			})
			err := d.capture(f.Window, name)
			ui(f.CancelButton.OnTapped)
			return err
		}},
		{"06-connection-oauth.png", func(name string) error {
			ui(func() {
				f = guitest.ConnectionFormOf(u.NewConnection())
				typeIn(f.Window, f.Name, "Team meetings")
				f.AuthType.SetSelected("OAuth 2.0")
				f.OAuthClient.SetSelected("Team meetings app")
			})
			return d.capture(f.Window, name)
		}},
		{"07-connection-oauth-http.png", func(name string) error {
			// The OAuth client's endpoints, read-only; only the API base
			// URL is the connection's own (the client's are custom).
			ui(func() { f.View.SetSelected("HTTP") })
			return d.capture(f.Window, name)
		}},
		{"08-oauth-client.png", func(name string) error {
			ui(func() {
				f.AddClient.OnTapped()
				cf = guitest.ClientFormOf(guitest.Window(d.st.app, guitest.ClientFormTitles...))
				typeIn(cf.Window, cf.Name, "Reporting app")
				typeIn(cf.Window, cf.ClientID, "abcDEF123ghi")
				typeIn(cf.Window, cf.ClientSecret, "typed-secret")
				typeIn(cf.Window, cf.Port, "8123")
			})
			err := d.capture(cf.Window, name)
			ui(func() { cf.Window.Close(); f.Window.Close() }) // typed in: Cancel would ask
			return err
		}},
		{"09-waiting-dialog.png", func(name string) error {
			var wd *kit.Modal
			var copyURL *widget.Button
			ui(func() {
				wd = u.Authorize("My meetings")
				copyURL = guitest.Text[*widget.Button](wd.Extra, "Copy")
			})
			if err := d.until("the authorize URL", func() bool { return !copyURL.Disabled() }); err != nil {
				return err
			}
			err := d.capture(u.Window(), name)
			ui(wd.Button("Cancel").OnTapped)
			return err
		}},
		{"10-authorized.png", func(name string) error {
			// This time the fake browser allows the app.
			err := d.modal(name, "Authorized", func() {
				d.sc.svc.OpenURL = zoomtest.NewBrowser().Open
				u.SelectConnection("My meetings")
				u.Authorize("My meetings")
			})
			ui(func() { d.sc.svc.OpenURL = func(string) error { return nil } })
			return err
		}},
		{"11-test-result.png", func(name string) error {
			return d.modal(name, "Test passed", func() { u.SelectConnection("Reporting (S2S)"); u.Test("Reporting (S2S)") })
		}},
		{"12-error.png", func(name string) error {
			return d.modal(name, "Test failed", func() { u.SelectConnection("Webinar exports"); u.Test("Webinar exports") })
		}},
		{"13-revoke-token.png", func(name string) error {
			return d.modal(name, "Revoke token", func() { u.SelectConnection("Reporting (S2S)"); u.Disconnect("Reporting (S2S)") })
		}},
		{"14-delete.png", func(name string) error {
			return d.modal(name, "Delete", func() { u.SelectConnection("My meetings"); u.Delete("My meetings") })
		}},
		{"15-search-no-match.png", func(name string) error {
			ui(func() { u.Search("no such thing") })
			err := d.capture(u.Window(), name)
			ui(func() { u.Search("") })
			return err
		}},
		{"16-keyring-banner.png", func(name string) error {
			if err := d.keyringDown(true); err != nil {
				return err
			}
			return d.capture(u.Window(), name)
		}},
		{"17-keyring-details.png", func(name string) error {
			err := d.modal(name, "Details", func() { u.ShowBannerDetails() })
			if upErr := d.keyringDown(false); err == nil {
				err = upErr
			}
			return err
		}},
		{"18-encrypted-file-dialog.png", func(name string) error {
			if err := d.keyringDown(true); err != nil {
				return err
			}
			var fd *kit.Modal
			ui(func() {
				fd = u.UseFileStore()
				typeIn(u.Window(), guitest.Labelled[*kit.FormEntry](fd.Extra, "New passphrase"), "a long passphrase")
				typeIn(u.Window(), guitest.Labelled[*kit.FormEntry](fd.Extra, "Repeat it"), "a long passphrase")
			})
			err := d.capture(u.Window(), name)
			ui(fd.Button("Cancel").OnTapped)
			if upErr := d.keyringDown(false); err == nil {
				err = upErr
			}
			return err
		}},
		{"19-unlock-dialog.png", func(name string) error {
			locked, err := d.st.lockedWindow(v)
			if err != nil {
				return err
			}
			d.ui(locked.Window().Hide)
			return d.captureInstead(locked, name, nil)
		}},
		{"20-setup-guide-s2s.png", func(name string) error {
			var g fyne.Window
			ui(func() { g = u.ShowGuide(auth.AuthS2S) })
			err := d.capture(g, name)
			ui(g.Close)
			return err
		}},
		{"21-setup-guide-oauth.png", func(name string) error {
			var g fyne.Window
			ui(func() { g = u.ShowGuide(auth.AuthOAuth) })
			err := d.capture(g, name)
			ui(g.Close)
			return err
		}},
		{"22-api-console.png", func(name string) error {
			var c *guitest.Console
			ui(func() { c = guitest.ConsoleOf(u.OpenConsole("Reporting (S2S)")) })
			if err := d.send(c, "/users/me"); err != nil {
				return err
			}
			return d.capture(c.Window, name)
		}},
		{"23-api-console-scope.png", func(name string) error {
			// A user-level OAuth app lacks the scope /users needs: the
			// scope doctor's sentence (Zoom error 4711).
			var c *guitest.Console
			ui(func() {
				c = guitest.ConsoleOf(guitest.Window(d.st.app, guitest.ConsoleTitle))
				c.Connection.SetSelected("My meetings")
			})
			err := d.send(c, "/users")
			if err == nil {
				err = d.capture(c.Window, name)
			}
			ui(c.Window.Close)
			return err
		}},
		{"24-import-review.png", func(name string) error {
			// The demo's export, into the first-run window: what it adds,
			// the hosts outside Zoom, a secret entry for each.
			var buf bytes.Buffer
			var err error
			ui(func() { err = u.ExportTo(&buf, []string{"Reporting (S2S)", "My meetings", "Gov tenant"}) })
			if err != nil {
				return err
			}
			return d.captureInstead(d.empty, name, func() { d.empty.ImportData(buf.Bytes()) })
		}},
		{"25-export.png", func(name string) error {
			return d.modal(name, "Export", u.ExportDialog)
		}},
		{"26-keyboard-shortcuts.png", func(name string) error {
			return d.modal(name, "Keyboard shortcuts", func() { u.ShowShortcuts() })
		}},
		{"27-about.png", func(name string) error {
			return d.modal(name, "About", func() { u.ShowAbout() })
		}},
	}
	steps = append(steps, d.eventsShots(u)...)
	steps = append(steps, d.agentShots(u)...)
	steps = append(steps, d.sdkShots(u)...)
	for _, s := range steps {
		if err := s.run(s.name); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(d.dir, s.name), err)
		}
	}
	return nil
}

// captureX grabs the visible X window with this exact title, as the screen
// shows it, with xdotool and ImageMagick's import.
func captureX(title, path string) error {
	// Match on the ASCII start of the title: xdotool's regex may not take
	// the em dash in a non-UTF-8 locale.
	pattern := "^" + regexp.QuoteMeta(title) + "$"
	if i := strings.IndexFunc(title, func(r rune) bool { return r > 0x7e }); i >= 0 {
		pattern = "^" + regexp.QuoteMeta(title[:i])
	}
	out, err := exec.Command("xdotool", "search", "--onlyvisible", "--name", pattern).Output()
	if err != nil {
		return fmt.Errorf("xdotool search: %w", err)
	}
	ids := strings.Fields(string(out))
	if len(ids) == 0 {
		return fmt.Errorf("no X window titled %q", title)
	}
	if out, err := exec.Command("import", "-window", ids[len(ids)-1], path).CombinedOutput(); err != nil {
		return fmt.Errorf("import: %v: %s", err, out)
	}
	return nil
}
