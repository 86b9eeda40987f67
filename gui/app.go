// Package gui is the Fyne desktop app. It holds widgets and handlers only;
// every action calls package auth, the same core as the command line.
package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"zoomconn/assets"
)

// Run opens the main window and blocks until the app quits.
func Run() {
	a := app.NewWithID("io.github.zoomconn")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Zoom Connections")
	w.SetContent(widget.NewLabel("Zoom Connections"))
	w.Resize(fyne.NewSize(900, 600))
	w.ShowAndRun()
}
