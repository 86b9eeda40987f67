//go:build !shots

package shots

import (
	"errors"

	"fyne.io/fyne/v2"
)

// Run needs the screenshot driver's way into the window (gui.Driver),
// which only a build with -tags shots has.
func Run(fyne.App, Options) error {
	return errors.New("the screenshot driver is built with -tags shots (scripts/screenshots.sh does)")
}
