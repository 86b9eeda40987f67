// Command zoomconn-gui is the Zoom Connections desktop app, the program its
// desktop entry starts (`zoomconn` with no arguments starts it too). Given
// arguments it runs the command line as zoomconn does, so a bundle holding
// only this program still serves scripts; zoomconn itself stays the faster
// choice for them, as it does not load the GUI toolkit.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2/app"

	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/cli"
	"zoomconn/gui"
	"zoomconn/internal/display"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], version))
	}
	// Fyne would print a platform error and panic with a stack trace.
	if !display.Available(os.Getenv) {
		fmt.Fprintln(os.Stderr, display.Missing)
		os.Exit(cli.ExitFailed)
	}
	dir, err := store.DefaultConfigDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		os.Exit(cli.ExitFailed)
	}
	st, err := store.Open(dir, nil) // nil: the OS keyring
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		os.Exit(cli.ExitFailed)
	}
	runGUI(st)
}

func runGUI(st *store.Store) {
	defer exitIfNoWindow()
	// The live heap is small (mostly parsed font faces, ~20 MB), but
	// parsing them leaves about as much garbage, which the default GC
	// percent lets pile up into resident memory for the whole session.
	// Half the default keeps start-up's peak RSS about 5 MB lower for a
	// few milliseconds of GC work.
	debug.SetGCPercent(50)
	dropBrokenPreferences(gui.AppID)
	a := app.NewWithID(gui.AppID) // gui.Run sets the icon and the theme
	// The browser opens through an opener the app waits for, so none is
	// left behind as a zombie process.
	svc := &access.Service{Store: st, OpenURL: gui.SystemURLOpener().Open}
	opts := gui.Options{Service: svc, KeyringErr: store.ProbeKeyring(nil), Version: version}
	trace := os.Getenv("ZOOMCONN_TRACE_STARTUP") != "" // for scripts/bench.sh
	if trace {
		opts.OnReady = func() { fmt.Fprintf(os.Stderr, "zoomconn: content ready at %d\n", time.Now().UnixMilli()) }
	}
	gui.Run(a, opts)
}

// exitIfNoWindow turns the panic of Fyne's GLFW driver when the display
// named cannot be opened (a DISPLAY left from an ended SSH session) into
// one sentence and exit status 1, after the one line GLFW printed; any
// other panic goes on.
func exitIfNoWindow() {
	r := recover()
	if r == nil {
		return
	}
	if s := fmt.Sprint(r); strings.Contains(s, "NotInitialized") || strings.Contains(s, "PlatformError") {
		fmt.Fprintln(os.Stderr, display.Unreachable(os.Getenv("DISPLAY")))
		os.Exit(cli.ExitFailed)
	}
	panic(r)
}
