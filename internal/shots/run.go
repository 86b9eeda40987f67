//go:build shots

package shots

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
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
	apptheme "zoomconn/gui/theme"
)

// Run seeds new, empty configuration directories (removed afterwards; the
// user's own is never touched) with the demo connections, opens the
// window, writes a PNG of each state in each theme and quits. It runs the
// app's event loop, so call it from main.
func Run(a fyne.App, o Options) error {
	if o.ZoomURL == "" || o.OutDir == "" {
		return errors.New("screenshots need an output directory and the fake Zoom's URL")
	}
	for _, dir := range []string{o.OutDir, filepath.Join(o.OutDir, DarkDir)} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	root, err := os.MkdirTemp("", "zoomconn-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	st := &studio{app: a, opts: o, root: root}
	// The first scene is built before the event loop runs, the others by
	// the driver on it.
	first, err := st.newScene(theme.VariantLight)
	if err != nil {
		return err
	}
	var runErr error
	go func() {
		defer fyne.Do(a.Quit)
		runErr = st.shootAll(first)
	}()
	a.Run()
	return runErr
}

// studio makes the scenes: each a seeded configuration and a window on it.
type studio struct {
	app  fyne.App
	opts Options
	root string
	n    int // configurations made, for their directories
	// looping: the event loop runs, so windows are built through it.
	looping bool
}

// scene is one configuration, its window and what drives it.
type scene struct {
	u       *gui.Driver
	svc     *access.Service
	keyring *flakyKeyring
	variant fyne.ThemeVariant
}

// dir is a new configuration directory under the studio's root.
func (st *studio) dir() string {
	st.n++
	return filepath.Join(st.root, fmt.Sprintf("config-%d", st.n))
}

// setTheme makes the app draw in variant of the app's theme. Call it on
// the UI goroutine, or before the event loop runs.
func (st *studio) setTheme(v fyne.ThemeVariant) {
	st.app.Settings().SetTheme(variantTheme{apptheme.App(), v})
}

// newScene seeds the demo connections and opens the main window on them,
// in variant. Before the event loop runs it builds on the caller's
// goroutine, later through fyne.DoAndWait.
func (st *studio) newScene(v fyne.ThemeVariant) (*scene, error) {
	kr := &flakyKeyring{Store: &keyring.Store{}}
	meta, err := store.Open(st.dir(), kr)
	if err != nil {
		return nil, err
	}
	svc := &access.Service{Store: meta, OpenURL: zoomtest.NewBrowser().Open}
	if err := seed(meta, svc, st.opts.ZoomURL); err != nil {
		return nil, fmt.Errorf("seeding the demo connections: %w", err)
	}
	svc.OpenURL = func(string) error { return nil } // the waiting dialog waits
	sc := &scene{svc: svc, keyring: kr, variant: v}
	sc.u = st.window(v, gui.Options{Service: svc, Version: st.opts.Version})
	return sc, nil
}

// window builds and shows a main window in variant (the theme first, so
// every widget starts in it).
func (st *studio) window(v fyne.ThemeVariant, o gui.Options) *gui.Driver {
	var u *gui.Driver
	build := func() {
		st.setTheme(v)
		u = gui.NewDriver(st.app, o)
		u.Window().Show()
	}
	if st.looping {
		fyne.DoAndWait(build)
	} else {
		build()
	}
	return u
}

// emptyWindow is the window of a first start: no connections yet.
func (st *studio) emptyWindow(v fyne.ThemeVariant) (*gui.Driver, error) {
	meta, err := store.Open(st.dir(), &keyring.Store{})
	if err != nil {
		return nil, err
	}
	return st.window(v, gui.Options{Service: &access.Service{Store: meta}, Version: st.opts.Version}), nil
}

// lockedWindow is the window of a start whose secrets are in the
// encrypted file: read-only, asking for the passphrase.
func (st *studio) lockedWindow(v fyne.ThemeVariant) (*gui.Driver, error) {
	dir := st.dir()
	kr := &keyring.Store{}
	meta, err := store.Open(dir, kr)
	if err != nil {
		return nil, err
	}
	if _, err := meta.SaveConnection(auth.ConnectionInput{Name: "Reporting (S2S)", Type: auth.AuthS2S, AccountID: zoomtest.DemoAccountID,
		ClientID: zoomtest.DemoS2SClientID, ClientSecret: "a-secret", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}); err != nil {
		return nil, err
	}
	if _, _, err := store.SwitchToFileStore(meta, []byte("a long passphrase")); err != nil {
		return nil, err
	}
	again, err := store.Open(dir, kr)
	if err != nil {
		return nil, err
	}
	return st.window(v, gui.Options{Service: &access.Service{Store: again}, Version: st.opts.Version}), nil
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
	spare, err := s.SaveClient(auth.ClientInput{Name: "Spare app", ClientID: "spareClientID", ClientSecret: "spare-secret"})
	if err != nil {
		return err
	}
	zoom := auth.Endpoints{Preset: auth.PresetZoom}
	conns := []auth.ConnectionInput{
		{Name: "Reporting (S2S)", Type: auth.AuthS2S, AccountID: zoomtest.DemoAccountID, ClientID: zoomtest.DemoS2SClientID, ClientSecret: s2sSecret, Endpoints: fake},
		{Name: "Webinar exports", Type: auth.AuthS2S, AccountID: zoomtest.DemoAccountID, ClientID: zoomtest.DemoS2SClientID, ClientSecret: "an-old-rotated-secret", Endpoints: fake},
		{Name: "My meetings", Type: auth.AuthOAuth, OAuthClientID: team.Client.ID, Endpoints: fake},
		{Name: "Gov tenant", Type: auth.AuthOAuth, OAuthClientID: pub.Client.ID, Endpoints: gov},
		{Name: "Staging account", Type: auth.AuthS2S, AccountID: "stagingAccount", ClientID: "stagingClientID", ClientSecret: "staging-secret", Endpoints: zoom},
		{Name: "Billing reports", Type: auth.AuthS2S, AccountID: "billingAccount", ClientID: "billingClientID", ClientSecret: "billing-secret", Endpoints: zoom},
		{Name: "Recordings archive", Type: auth.AuthOAuth, OAuthClientID: spare.Client.ID, Endpoints: zoom},
		{Name: "Room bookings", Type: auth.AuthS2S, AccountID: "roomsAccount", ClientID: "roomsClientID", ClientSecret: "rooms-secret", Endpoints: zoom},
		{Name: "Support desk", Type: auth.AuthS2S, AccountID: "supportAccount", ClientID: "supportClientID", ClientSecret: "support-secret", Endpoints: zoom},
	}
	// The Events window listens on the demo subscription of the first.
	events, sub := fake, zoomtest.DemoSubscriptionID
	events.EventsURL = "ws" + strings.TrimPrefix(base, "http") + zoomtest.EventsPath
	conns[0].Endpoints, conns[0].EventsSubscription = events, &sub
	for _, in := range conns {
		if _, err := s.SaveConnection(in); err != nil {
			return err
		}
	}
	if _, err := s.SetSecretToken(conns[0].Name, "demo-secret-token"); err != nil {
		return err
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

// variantTheme forces a light or dark variant of the app's theme.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}
