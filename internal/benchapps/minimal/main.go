// Command minimal is the floor for start-up benchmarks: the smallest Fyne
// window, built with the same toolkit version and flags as zoomconn.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.zoomconn.minimal")
	w := a.NewWindow("Minimal Fyne")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(900, 600))
	w.ShowAndRun()
}
