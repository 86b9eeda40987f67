// Command zoomconn sets up, keeps and checks Zoom API credentials. Given a
// command it runs it; with no arguments it starts the desktop app,
// zoomconn-gui, installed beside it.
//
// The desktop app is a separate program so that every `zoomconn token` a
// script runs starts without the GUI toolkit: linking Fyne costs each run
// its package initialisers (translations, fonts) and the dynamic loading of
// the OpenGL and X11 libraries, together more than the token lookup itself.
// It also lets Windows builds be a console program here and a windowed one
// there.
package main

import (
	"os"

	"zoomconn/cli"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], version))
	}
	os.Exit(launchApp(os.Stderr))
}
