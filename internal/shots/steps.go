package shots

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"zoomconn/auth"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui"
)

// driver runs on its own goroutine: every change to the window goes
// through fyne.DoAndWait, then the frame gets time to render before the
// capture.
type driver struct {
	u       *gui.UI
	keyring *flakyKeyring
	dir     string
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
		m := d.u.TopModal()
		return m != nil && strings.HasPrefix(m.Title, prefix)
	})
}

func (d *driver) closeModal() {
	d.ui(func() {
		if m := d.u.TopModal(); m != nil {
			m.Hide()
		}
	})
}

// keyringDown makes the keyring stop answering, or answer again, and waits
// until the window has checked it (its banner's Check again).
func (d *driver) keyringDown(down bool) error {
	d.keyring.down.Store(down)
	d.ui(d.u.CheckKeyring)
	return d.until("keyring check", func() bool { return d.u.Status() != "Checking the keyring…" })
}

// send calls GET path in the console c, as a user would, and waits for
// Zoom's answer.
func (d *driver) send(c *gui.Console, path string) error {
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
func typeIn(w fyne.Window, e *gui.FormEntry, s string) {
	w.Canvas().Focus(e)
	for _, r := range s {
		e.TypedRune(r)
	}
}

// shoot takes the screenshots, in order.
func shoot(d *driver) error {
	u, ui := d.u, d.ui
	var f *gui.ConnectionForm
	var cf *gui.ClientForm
	steps := []struct {
		name string
		run  func() error
	}{
		{"01-main-window.png", func() error {
			ui(func() { u.SelectConnection("Webinar exports") })
			return d.capture(u.Window(), "01-main-window.png")
		}},
		{"02-main-window-dark.png", func() error {
			ui(func() { fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark}) })
			err := d.capture(u.Window(), "02-main-window-dark.png")
			ui(func() { fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight}) })
			return err
		}},
		{"03-connection-custom-simple.png", func() error {
			ui(func() {
				f = u.NewConnection()
				typeIn(f.Window, f.Name, "Reports (production)")
				typeIn(f.Window, f.AccountID, zoomtest.DemoAccountID)
				typeIn(f.Window, f.ClientID, zoomtest.DemoS2SClientID)
				typeIn(f.Window, f.ClientSecret, "typed-secret")
			})
			return d.capture(f.Window, "03-connection-custom-simple.png")
		}},
		{"04-connection-validation.png", func() error {
			ui(func() {
				f.Name.SetText("my meetings")
				f.AccountID.SetText("demo account")
				f.ClientSecret.SetText("")
				f.SaveButton.OnTapped()
			})
			err := d.capture(f.Window, "04-connection-validation.png")
			ui(f.CancelButton.OnTapped)
			return err
		}},
		{"05-connection-custom-http.png", func() error {
			ui(func() {
				f = u.EditConnection("Reporting (S2S)")
				f.View.SetSelected("HTTP")
			})
			err := d.capture(f.Window, "05-connection-custom-http.png")
			ui(f.CancelButton.OnTapped)
			return err
		}},
		{"06-connection-oauth.png", func() error {
			ui(func() {
				f = u.NewConnection()
				typeIn(f.Window, f.Name, "Team meetings")
				f.AuthType.SetSelected("OAuth 2.0")
				f.OAuthClient.SetSelected("Team meetings app")
			})
			return d.capture(f.Window, "06-connection-oauth.png")
		}},
		{"07-connection-oauth-http.png", func() error {
			// The OAuth client's endpoints, read-only; only the API base
			// URL is the connection's own (the client's are custom).
			ui(func() { f.View.SetSelected("HTTP") })
			return d.capture(f.Window, "07-connection-oauth-http.png")
		}},
		{"08-oauth-client.png", func() error {
			ui(func() {
				f.AddClient.OnTapped()
				cf = u.ClientFormOpen()
				typeIn(cf.Window, cf.Name, "Reporting app")
				typeIn(cf.Window, cf.ClientID, "abcDEF123ghi")
				typeIn(cf.Window, cf.ClientSecret, "typed-secret")
				typeIn(cf.Window, cf.Port, "8123")
			})
			err := d.capture(cf.Window, "08-oauth-client.png")
			ui(func() { cf.CancelButton.OnTapped(); f.CancelButton.OnTapped() })
			return err
		}},
		{"09-waiting-dialog.png", func() error {
			ui(func() { u.Authorize("My meetings") })
			if err := d.waitModal("Waiting for Zoom"); err != nil {
				return err
			}
			time.Sleep(300 * time.Millisecond) // the authorize URL arrives
			err := d.capture(u.Window(), "09-waiting-dialog.png")
			ui(func() { u.TopModal().Button("Cancel").OnTapped() })
			return err
		}},
		{"10-test-result.png", func() error {
			time.Sleep(300 * time.Millisecond)
			ui(func() { u.SelectConnection("Reporting (S2S)"); u.Test("Reporting (S2S)") })
			if err := d.waitModal("Test passed"); err != nil {
				return err
			}
			err := d.capture(u.Window(), "10-test-result.png")
			d.closeModal()
			return err
		}},
		{"11-error.png", func() error {
			ui(func() { u.SelectConnection("Webinar exports"); u.Test("Webinar exports") })
			if err := d.waitModal("Test failed"); err != nil {
				return err
			}
			err := d.capture(u.Window(), "11-error.png")
			d.closeModal()
			return err
		}},
		{"12-keyring-banner.png", func() error {
			if err := d.keyringDown(true); err != nil {
				return err
			}
			err := d.capture(u.Window(), "12-keyring-banner.png")
			if upErr := d.keyringDown(false); err == nil {
				err = upErr
			}
			return err
		}},
		{"13-setup-guide.png", func() error {
			var g *gui.Guide
			ui(func() { g = u.ShowGuide(auth.AuthS2S) })
			err := d.capture(g.Window, "13-setup-guide.png")
			ui(g.Window.Close)
			return err
		}},
		{"14-search-no-match.png", func() error {
			ui(func() { u.Search("no such connection") })
			err := d.capture(u.Window(), "14-search-no-match.png")
			ui(func() { u.Search("") })
			return err
		}},
		{"15-encrypted-file-dialog.png", func() error {
			if err := d.keyringDown(true); err != nil {
				return err
			}
			var fd *gui.FileStoreDialog
			ui(func() {
				fd = u.UseFileStore()
				typeIn(u.Window(), fd.Passphrase, "a long passphrase")
				typeIn(u.Window(), fd.Repeat, "a long passphrase")
			})
			err := d.capture(u.Window(), "15-encrypted-file-dialog.png")
			ui(fd.Button("Cancel").OnTapped)
			if upErr := d.keyringDown(false); err == nil {
				err = upErr
			}
			return err
		}},
		{"16-api-console.png", func() error {
			var c *gui.Console
			ui(func() { c = u.OpenConsole("Reporting (S2S)") })
			if err := d.send(c, "/users/me"); err != nil {
				return err
			}
			return d.capture(c.Window, "16-api-console.png")
		}},
		{"17-api-console-dark.png", func() error {
			// A user-level OAuth app lacks the scope /users needs: the
			// scope doctor's sentence (Zoom error 4711).
			var c *gui.Console
			ui(func() {
				fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
				c = u.ConsoleOpen()
				c.Connection.SetSelected("My meetings")
			})
			err := d.send(c, "/users")
			if err == nil {
				err = d.capture(c.Window, "17-api-console-dark.png")
			}
			ui(func() {
				c.Window.Close()
				fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
			})
			return err
		}},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// captureX grabs the X window with this exact title, as the screen shows
// it, with xdotool and ImageMagick's import.
func captureX(title, path string) error {
	// Match on the ASCII start of the title: xdotool's regex may not take
	// the em dash in a non-UTF-8 locale.
	pattern := "^" + regexp.QuoteMeta(title) + "$"
	if i := strings.IndexFunc(title, func(r rune) bool { return r > 0x7e }); i >= 0 {
		pattern = "^" + regexp.QuoteMeta(title[:i])
	}
	out, err := exec.Command("xdotool", "search", "--name", pattern).Output()
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
