// Package assets embeds the application's static files.
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
