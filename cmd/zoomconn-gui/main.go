// Command zoomconn-gui is the Zoom Connections desktop app, the program its
// desktop entry starts (`zoomconn` with no arguments starts it too). Given
// arguments it runs the command line as zoomconn does, so a bundle holding
// only this program still serves scripts; zoomconn itself stays the faster
// choice for them, as it does not load the GUI toolkit.
package main

import (
	"fmt"
	"net/url"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"zoomconn/auth"
	"zoomconn/cli"
	"zoomconn/gui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const appID = "io.github.zoomconn"

func main() {
	if len(os.Args) == 4 && os.Args[1] == "screenshots" {
		os.Exit(screenshots(os.Args[2], os.Args[3]))
	}
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], version))
	}
	dir, err := auth.DefaultConfigDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		os.Exit(cli.ExitFailed)
	}
	secrets := &auth.KeyringStore{}
	store, err := auth.NewStore(dir, secrets)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		os.Exit(cli.ExitFailed)
	}
	runGUI(store, secrets)
}

func newApp() fyne.App {
	a := app.NewWithID(appID)
	a.SetIcon(gui.AppIcon)
	return a
}

// screenshots is the hidden command behind `make screenshots`
// (scripts/screenshots.sh): the real app, seeded against the fake Zoom at
// zoomURL, in a throwaway config dir; never the user's own configuration.
func screenshots(outDir, zoomURL string) int {
	dir, err := os.MkdirTemp("", "zoomconn-screenshots-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		return cli.ExitFailed
	}
	defer os.RemoveAll(dir)
	store, err := auth.NewStore(dir, &auth.KeyringStore{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		return cli.ExitFailed
	}
	err = gui.Screenshots(newApp(), gui.Options{Store: store, Service: &auth.Service{Store: store}, Version: version},
		gui.ScreenshotOptions{OutDir: outDir, ZoomURL: zoomURL})
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn screenshots:", err)
		return cli.ExitFailed
	}
	return cli.ExitOK
}

func runGUI(store *auth.Store, secrets auth.SecretStore) {
	// The live heap is small (mostly parsed font faces, ~20 MB), but
	// parsing them leaves about as much garbage, which the default GC
	// percent lets pile up into resident memory for the whole session.
	// Half the default keeps start-up's peak RSS about 5 MB lower for a
	// few milliseconds of GC work.
	debug.SetGCPercent(50)
	a := newApp()
	svc := &auth.Service{Store: store, OpenURL: func(u string) error {
		parsed, err := url.Parse(u)
		if err != nil {
			return err
		}
		return a.OpenURL(parsed)
	}}
	opts := gui.Options{Store: store, Service: svc, Keyring: secrets, KeyringErr: auth.ProbeKeyring(secrets), Version: version}
	trace := os.Getenv("ZOOMCONN_TRACE_STARTUP") != "" // for scripts/bench.sh
	if trace {
		opts.OnReady = func() { fmt.Fprintf(os.Stderr, "zoomconn: content ready at %d\n", time.Now().UnixMilli()) }
	}
	gui.Run(a, opts)
}
