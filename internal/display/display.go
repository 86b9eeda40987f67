// Package display says whether the desktop app can open its window here,
// the one check both programs make before Fyne starts: the launcher
// (`zoomconn` with no arguments) before it starts zoomconn-gui, and
// zoomconn-gui before it creates its app. Without a display Fyne's GLFW
// driver prints a platform error and panics with a 30-line stack trace;
// the user should read one sentence instead, which also says that the
// command line works where the app does not (over SSH, on a headless
// box). It links nothing of Fyne.
package display

// Missing is what both programs print, alone, when there is no display.
const Missing = "No display to open the app on; the command line works here: `zoomconn --help`"

// Unreachable is what the app prints when the display it was given could
// not be opened (a DISPLAY left over from an ended SSH session, say).
func Unreachable(name string) string {
	if name == "" {
		return "The app could not open its window on this display; the command line works here: `zoomconn --help`"
	}
	return "The app could not open its window on the display " + name + "; the command line works here: `zoomconn --help`"
}

// Available reports whether getenv (os.Getenv) names a display a window
// can be opened on. Only the X11 and Wayland systems need one named in
// the environment (DISPLAY or WAYLAND_DISPLAY); Windows and macOS always
// have their desktop.
func Available(getenv func(string) string) bool { return available(getenv) }
