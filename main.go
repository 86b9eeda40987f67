// Command zoomconn sets up, keeps and checks Zoom API credentials: with no
// arguments it opens the desktop app, otherwise it runs a command.
package main

import (
	"fmt"
	"net/url"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"zoomconn/assets"
	"zoomconn/auth"
	"zoomconn/cli"
	"zoomconn/gui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const appID = "io.github.zoomconn"

func main() {
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

func runGUI(store *auth.Store, secrets auth.SecretStore) {
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	svc := &auth.Service{Store: store, OpenURL: func(u string) error {
		parsed, err := url.Parse(u)
		if err != nil {
			return err
		}
		return a.OpenURL(parsed)
	}}
	gui.Run(a, gui.Options{Store: store, Service: svc, KeyringErr: auth.ProbeKeyring(secrets), Version: version})
}
