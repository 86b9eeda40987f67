// Command shots writes PNG screenshots of the desktop app into OUTDIR:
//
//	go run ./internal/shots/cmd OUTDIR FAKE_ZOOM_URL
//
// scripts/screenshots.sh (make screenshots) builds and runs it under Xvfb
// against the fake Zoom (cmd/fakezoom). It is a program of its own so that
// the shipped zoomconn-gui holds no screenshot code.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"zoomconn/gui"
	"zoomconn/internal/shots"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: shots OUTDIR FAKE_ZOOM_URL")
		os.Exit(2)
	}
	a := app.NewWithID(gui.AppID)
	if err := shots.Run(a, shots.Options{OutDir: os.Args[1], ZoomURL: os.Args[2], Version: version}); err != nil {
		fmt.Fprintln(os.Stderr, "shots:", err)
		os.Exit(1)
	}
}
