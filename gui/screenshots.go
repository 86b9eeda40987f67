package gui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"zoomconn/auth"
)

// ScreenshotOptions drive [Screenshots].
type ScreenshotOptions struct {
	// OutDir receives the PNG files.
	OutDir string
	// ZoomURL is the base URL of a running fake Zoom (cmd/fakezoom), e.g.
	// http://127.0.0.1:8765. Never a real Zoom: connections are seeded and
	// tested against it.
	ZoomURL string
	// Credentials the fake knows; empty means cmd/fakezoom's defaults.
	AccountID, S2SClientID, S2SSecret, GeneralClientID, GeneralSecret, PublicClientID string
}

func (o *ScreenshotOptions) defaults() {
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&o.AccountID, "demo-account")
	def(&o.S2SClientID, "demoS2SClientID")
	def(&o.S2SSecret, envOr("FAKEZOOM_S2S_SECRET", "demo-s2s-secret"))
	def(&o.GeneralClientID, "demoGeneralClientID")
	def(&o.GeneralSecret, envOr("FAKEZOOM_GENERAL_SECRET", "demo-general-secret"))
	def(&o.PublicClientID, "demoPublicClientID")
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Screenshots seeds opts.Store (which must be empty) with demo connections
// against the fake Zoom at so.ZoomURL, opens the real window in each state
// worth showing, writes a PNG of each into so.OutDir, then quits. It runs
// the app's event loop, so call it from main instead of Run.
func Screenshots(a fyne.App, opts Options, so ScreenshotOptions) error {
	so.defaults()
	if so.ZoomURL == "" || so.OutDir == "" {
		return errors.New("screenshots need an output directory and the fake Zoom's URL")
	}
	if err := os.MkdirAll(so.OutDir, 0o755); err != nil {
		return err
	}
	d, err := opts.Store.Load()
	if err != nil {
		return err
	}
	if len(d.Connections)+len(d.Clients) > 0 {
		return fmt.Errorf("screenshots need an empty configuration directory, and %s is not; set ZOOMCONN_CONFIG_DIR to a new directory", opts.Store.Dir())
	}
	svc := opts.Service
	svc.OpenURL = func(u string) error { go func() { _ = playBrowser(u) }(); return nil }
	if err := seedDemo(opts.Store, svc, so); err != nil {
		return fmt.Errorf("seeding the demo connections: %w", err)
	}
	svc.OpenURL = func(string) error { return nil } // the waiting dialog waits

	// The theme before any widget exists, so every widget starts in it.
	a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	u := New(a, opts)
	u.win.Resize(fyne.NewSize(1040, 680))
	var runErr error
	go func() {
		defer fyne.Do(a.Quit)
		runErr = u.shoot(so.OutDir)
	}()
	u.win.ShowAndRun()
	return runErr
}

// playBrowser is a browser that approves: GET the authorize URL, then
// follow Zoom's 302 to the loopback redirect, which must answer 200.
func playBrowser(authURL string) error {
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(authURL)
	if err != nil {
		return err
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || loc == "" {
		return fmt.Errorf("authorize answered %d without a redirect", resp.StatusCode)
	}
	resp, err = c.Get(loc)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("loopback answered %d", resp.StatusCode)
	}
	return nil
}

// seedDemo saves the demo clients and connections, then authorizes and
// tests some (which records their token expiry in the metadata).
func seedDemo(s *auth.Store, svc *auth.Service, so ScreenshotOptions) error {
	base := strings.TrimRight(so.ZoomURL, "/")
	fake := auth.CustomEndpoints(base+"/oauth/authorize", base+"/oauth/token", base+"/oauth/revoke", base+"/v2")
	gov, _ := auth.PresetEndpoints(auth.PresetZoomGov)
	team, err := s.SaveClient(auth.ClientInput{Name: "Team meetings app", ClientID: so.GeneralClientID, ClientSecret: so.GeneralSecret, Endpoints: fake})
	if err != nil {
		return err
	}
	pub, err := s.SaveClient(auth.ClientInput{Name: "Desktop (PKCE)", ClientID: so.PublicClientID, Public: true, Port: 8123, Endpoints: gov})
	if err != nil {
		return err
	}
	if _, err := s.SaveClient(auth.ClientInput{Name: "Spare app", ClientID: "spareClientID", ClientSecret: "spare-secret"}); err != nil {
		return err
	}
	conns := []auth.ConnectionInput{
		{Name: "Reporting (S2S)", Type: auth.AuthS2S, AccountID: so.AccountID, ClientID: so.S2SClientID, ClientSecret: so.S2SSecret, Endpoints: fake},
		{Name: "Webinar exports", Type: auth.AuthS2S, AccountID: so.AccountID, ClientID: so.S2SClientID, ClientSecret: "an-old-rotated-secret", Endpoints: fake},
		{Name: "My meetings", Type: auth.AuthOAuth, OAuthClientID: team.Client.ID, Endpoints: fake},
		{Name: "Gov tenant", Type: auth.AuthOAuth, OAuthClientID: pub.Client.ID, Endpoints: gov},
		{Name: "Staging account", Type: auth.AuthS2S, AccountID: "stagingAccount", ClientID: "stagingClientID", ClientSecret: "staging-secret", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}},
	}
	for _, in := range conns {
		if _, err := s.SaveConnection(in); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := svc.Login(ctx, "My meetings", auth.LoginOptions{Timeout: 20 * time.Second}); err != nil {
		return err
	}
	for _, n := range []string{"Reporting (S2S)", "My meetings"} {
		if _, err := svc.Test(ctx, n); err != nil {
			return fmt.Errorf("test %s: %w", n, err)
		}
	}
	if _, err := svc.Test(ctx, "Webinar exports"); err == nil {
		return errors.New("the connection with a wrong secret passed its test")
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

// variantTheme forces a light or dark variant of the default theme.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// shoot runs on its own goroutine: every UI change goes through
// fyne.DoAndWait, then the frame gets time to render before the capture.
func (u *UI) shoot(dir string) error {
	ui := func(fn func()) { fyne.DoAndWait(fn) }
	settle := func() { time.Sleep(900 * time.Millisecond) }
	capture := func(w fyne.Window, name string) error {
		settle()
		path := filepath.Join(dir, name)
		var title string
		ui(func() { title = w.Title() })
		// Fyne's Canvas.Capture reads the GL front buffer, which Mesa under
		// Xvfb leaves blank: grab what the X server shows instead.
		if err := captureX(title, path); err != nil {
			return fmt.Errorf("%s: %w (screenshots need xdotool and ImageMagick: make deps-test)", name, err)
		}
		return nil
	}
	waitModal := func(prefix string) error {
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			var title string
			ui(func() {
				if m := u.TopModal(); m != nil {
					title = m.Title
				}
			})
			if strings.HasPrefix(title, prefix) {
				return nil
			}
			time.Sleep(50 * time.Millisecond)
		}
		return fmt.Errorf("no %q dialog within 30s", prefix)
	}
	closeModal := func() {
		ui(func() {
			if m := u.TopModal(); m != nil {
				m.Hide()
			}
		})
	}
	typeIn := func(w fyne.Window, e *FormEntry, s string) {
		w.Canvas().Focus(e)
		for _, r := range s {
			e.TypedRune(r)
		}
	}
	type step struct {
		name string
		run  func() error
	}
	var f *ConnectionForm
	var cf *ClientForm
	steps := []step{
		{"01-main-window.png", func() error {
			ui(func() { u.SelectConnection("Webinar exports") })
			return capture(u.win, "01-main-window.png")
		}},
		{"02-main-window-dark.png", func() error {
			ui(func() { fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark}) })
			err := capture(u.win, "02-main-window-dark.png")
			ui(func() { fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight}) })
			return err
		}},
		{"03-connection-custom-simple.png", func() error {
			ui(func() {
				f = u.NewConnection()
				typeIn(f.Window, f.Name, "Reports (production)")
				typeIn(f.Window, f.AccountID, "demo-account")
				typeIn(f.Window, f.ClientID, "demoS2SClientID")
				typeIn(f.Window, f.ClientSecret, "typed-secret")
			})
			return capture(f.Window, "03-connection-custom-simple.png")
		}},
		{"04-connection-validation.png", func() error {
			ui(func() {
				f.Name.SetText("my meetings")
				f.AccountID.SetText("demo account")
				f.ClientSecret.SetText("")
				f.save("")
			})
			err := capture(f.Window, "04-connection-validation.png")
			ui(func() { f.cancel() })
			return err
		}},
		{"05-connection-custom-http.png", func() error {
			ui(func() {
				f = u.EditConnection("Reporting (S2S)")
				f.View.SetSelected(viewHTTP)
			})
			err := capture(f.Window, "05-connection-custom-http.png")
			ui(func() { f.cancel() })
			return err
		}},
		{"06-connection-oauth.png", func() error {
			ui(func() {
				f = u.NewConnection()
				typeIn(f.Window, f.Name, "Team meetings")
				f.AuthType.SetSelected(labelOAuth)
				f.OAuthClient.SetSelected("Team meetings app")
			})
			return capture(f.Window, "06-connection-oauth.png")
		}},
		{"07-connection-oauth-http.png", func() error {
			// The OAuth client's endpoints, read-only; only the API base
			// URL is the connection's own (the client's are custom).
			ui(func() { f.View.SetSelected(viewHTTP) })
			err := capture(f.Window, "07-connection-oauth-http.png")
			return err
		}},
		{"08-oauth-client.png", func() error {
			ui(func() {
				f.addClient()
				cf = u.ClientFormOpen()
				typeIn(cf.Window, cf.Name, "Reporting app")
				typeIn(cf.Window, cf.ClientID, "abcDEF123ghi")
				typeIn(cf.Window, cf.ClientSecret, "typed-secret")
				typeIn(cf.Window, cf.Port, "8123")
			})
			err := capture(cf.Window, "08-oauth-client.png")
			ui(func() { cf.cancel(); f.cancel() })
			return err
		}},
		{"09-waiting-dialog.png", func() error {
			ui(func() { u.Authorize("My meetings") })
			if err := waitModal("Waiting for Zoom"); err != nil {
				return err
			}
			time.Sleep(300 * time.Millisecond) // the authorize URL arrives
			err := capture(u.win, "09-waiting-dialog.png")
			ui(func() { u.TopModal().Button("Cancel").OnTapped() })
			return err
		}},
		{"10-test-result.png", func() error {
			time.Sleep(300 * time.Millisecond)
			ui(func() { u.SelectConnection("Reporting (S2S)"); u.Test("Reporting (S2S)") })
			if err := waitModal("Test passed"); err != nil {
				return err
			}
			err := capture(u.win, "10-test-result.png")
			closeModal()
			return err
		}},
		{"11-error.png", func() error {
			ui(func() { u.SelectConnection("Webinar exports"); u.Test("Webinar exports") })
			if err := waitModal("Test failed"); err != nil {
				return err
			}
			err := capture(u.win, "11-error.png")
			closeModal()
			return err
		}},
		{"12-keyring-banner.png", func() error {
			ui(func() {
				u.keyErr = &auth.SecretError{Op: "read", Key: "probe", Kind: auth.ErrKeyringUnavailable,
					Err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}
				u.reload()
			})
			err := capture(u.win, "12-keyring-banner.png")
			ui(func() { u.keyErr = nil; u.reload() })
			return err
		}},
		{"13-setup-guide.png", func() error {
			var g *Guide
			ui(func() { g = u.ShowGuide(auth.AuthS2S) })
			err := capture(g.Window, "13-setup-guide.png")
			ui(func() { g.Window.Close() })
			return err
		}},
		{"14-search-no-match.png", func() error {
			ui(func() { u.Search.SetText("no such connection") })
			err := capture(u.win, "14-search-no-match.png")
			ui(func() { u.Search.SetText("") })
			return err
		}},
		{"15-encrypted-file-dialog.png", func() error {
			var fd *FileStoreDialog
			ui(func() {
				u.keyErr = &auth.SecretError{Op: "read", Key: "probe", Kind: auth.ErrKeyringUnavailable,
					Err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}
				u.reload()
				fd = u.UseFileStore()
				typeIn(u.win, fd.Passphrase, "a long passphrase")
				typeIn(u.win, fd.Repeat, "a long passphrase")
			})
			err := capture(u.win, "15-encrypted-file-dialog.png")
			ui(func() { fd.Button("Cancel").OnTapped(); u.keyErr = nil; u.reload() })
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
