// Package shots is the screenshot driver behind `make screenshots`
// (scripts/screenshots.sh, which runs internal/shots/cmd under Xvfb): it
// seeds throwaway configurations with demo connections against the fake
// Zoom (cmd/fakezoom), opens the real window in each state worth showing
// (every window and dialog, the first-run window, both tabs of the guide)
// and grabs each from the X server with xdotool and ImageMagick: the light
// theme into OutDir, the dark one into OutDir/dark.
//
// It is never part of the shipped app: zoomconn-gui links no package of it
// (arch_test.go checks), and it is built with -tags shots, which gives it
// gui.Driver (gui/shots.go): it builds its own windows with gui.NewDriver,
// drives them through the driver's actions, as a user's clicks would, and
// finds the widgets of what they open by their labels (gui/guitest).
// Built without the tag, Run says so.
package shots

// Options drive [Run].
type Options struct {
	// OutDir receives the PNG files of the light theme, and its
	// subdirectory dark those of the dark theme.
	OutDir string
	// ZoomURL is the base URL of a running fake Zoom (cmd/fakezoom), e.g.
	// http://127.0.0.1:8765. Never a real Zoom: connections are seeded and
	// tested against it.
	ZoomURL string
	// Version is shown in About.
	Version string
}

// DarkDir is the subdirectory of OutDir for the dark theme's screenshots.
const DarkDir = "dark"
