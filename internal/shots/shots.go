// Package shots is the screenshot driver behind `make screenshots`
// (scripts/screenshots.sh, which runs internal/shots/cmd under Xvfb): it
// seeds a throwaway configuration with demo connections against the fake
// Zoom (cmd/fakezoom), opens the real window in each state worth showing
// and grabs each from the X server with xdotool and ImageMagick.
//
// It is never part of the shipped app: zoomconn-gui links no package of it
// (launch_test.go checks). It builds its own window with gui.New and drives
// it only through gui's exported actions, as a user's clicks would.
package shots

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui"
)

// Options drive [Run].
type Options struct {
	// OutDir receives the PNG files.
	OutDir string
	// ZoomURL is the base URL of a running fake Zoom (cmd/fakezoom), e.g.
	// http://127.0.0.1:8765. Never a real Zoom: connections are seeded and
	// tested against it.
	ZoomURL string
	// Version is shown in About.
	Version string
}

// Run seeds a new, empty configuration directory (removed afterwards; the
// user's own is never touched) with the demo connections, opens the
// window, writes a PNG of each state into o.OutDir and quits. It runs the
// app's event loop, so call it from main.
func Run(a fyne.App, o Options) error {
	if o.ZoomURL == "" || o.OutDir == "" {
		return errors.New("screenshots need an output directory and the fake Zoom's URL")
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "zoomconn-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	kr := &flakyKeyring{Store: &keyring.Store{}}
	store, err := store.Open(dir, kr)
	if err != nil {
		return err
	}
	svc := &access.Service{Store: store, OpenURL: zoomtest.NewBrowser().Open}
	if err := seed(store, svc, o.ZoomURL); err != nil {
		return fmt.Errorf("seeding the demo connections: %w", err)
	}
	svc.OpenURL = func(string) error { return nil } // the waiting dialog waits

	// The theme before any widget exists, so every widget starts in it.
	a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	u := gui.New(a, gui.Options{Service: svc, Keyring: kr, Version: o.Version})
	u.Window().Resize(fyne.NewSize(1040, 680))
	var runErr error
	go func() {
		defer fyne.Do(a.Quit)
		runErr = shoot(&driver{u: u, keyring: kr, dir: o.OutDir})
	}()
	u.Window().ShowAndRun()
	return runErr
}

// seed saves the demo clients and connections, then authorizes and tests
// some (which records their token expiry in the metadata).
func seed(s *store.Store, svc *access.Service, zoomURL string) error {
	base := strings.TrimRight(zoomURL, "/")
	fake := auth.CustomEndpoints(base+"/oauth/authorize", base+"/oauth/token", base+"/oauth/revoke", base+"/v2")
	gov, _ := auth.PresetEndpoints(auth.PresetZoomGov)
	s2sSecret, generalSecret := zoomtest.DemoSecrets()
	team, err := s.SaveClient(auth.ClientInput{Name: "Team meetings app", ClientID: zoomtest.DemoGeneralClientID, ClientSecret: generalSecret, Endpoints: fake})
	if err != nil {
		return err
	}
	pub, err := s.SaveClient(auth.ClientInput{Name: "Desktop (PKCE)", ClientID: zoomtest.DemoPublicClientID, Public: true, Port: 8123, Endpoints: gov})
	if err != nil {
		return err
	}
	if _, err := s.SaveClient(auth.ClientInput{Name: "Spare app", ClientID: "spareClientID", ClientSecret: "spare-secret"}); err != nil {
		return err
	}
	conns := []auth.ConnectionInput{
		{Name: "Reporting (S2S)", Type: auth.AuthS2S, AccountID: zoomtest.DemoAccountID, ClientID: zoomtest.DemoS2SClientID, ClientSecret: s2sSecret, Endpoints: fake},
		{Name: "Webinar exports", Type: auth.AuthS2S, AccountID: zoomtest.DemoAccountID, ClientID: zoomtest.DemoS2SClientID, ClientSecret: "an-old-rotated-secret", Endpoints: fake},
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
	if _, err := svc.Login(ctx, "My meetings", access.LoginOptions{Timeout: 20 * time.Second}); err != nil {
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

// flakyKeyring is the system keyring, which stops answering while down:
// the window then shows what it shows on a machine without one.
type flakyKeyring struct {
	secret.Store
	down atomic.Bool
}

func (k *flakyKeyring) fail(op, key string) error {
	if !k.down.Load() {
		return nil
	}
	return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable,
		Err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}
}

func (k *flakyKeyring) Get(key string) (string, error) {
	if err := k.fail("read", key); err != nil {
		return "", err
	}
	return k.Store.Get(key)
}

func (k *flakyKeyring) Set(key, value string) error {
	if err := k.fail("save", key); err != nil {
		return err
	}
	return k.Store.Set(key, value)
}

func (k *flakyKeyring) Delete(key string) error {
	if err := k.fail("delete", key); err != nil {
		return err
	}
	return k.Store.Delete(key)
}

// variantTheme forces a light or dark variant of the default theme.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}
