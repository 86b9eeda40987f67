// Package assets embeds the application's static files: its icons and the
// SVG drawings the window's widgets and theme use.
package assets

import _ "embed"

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

// WindowIcon is the icon at 128×128 for windows at run time: a window icon
// is sent to the X server pixel by pixel, and 512×512 costs start-up time.
//
//go:embed icon-128.png
var WindowIcon []byte

// LockSVG is Material Design's "lock" (Apache 2.0, like Fyne's own icons),
// drawn in black for Fyne to recolour with the theme: the secret entries'
// action item and the banner's Unlock… button.
//
//go:embed lock.svg
var LockSVG []byte

// CheckBoxSVG is an unticked check box, 24 units with an 18-unit box and a
// frame two units wide (Fyne's is one unit, which anti-aliases to a grey so
// light the box looks disabled).
//
//go:embed check-box.svg
var CheckBoxSVG []byte
