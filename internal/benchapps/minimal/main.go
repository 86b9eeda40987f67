// Command minimal is the floor for start-up benchmarks: the smallest Fyne
// window, built with the same toolkit version and flags as zoomconn. Like
// zoomconn, it reports when its content is shown if ZOOMCONN_TRACE_STARTUP
// is set, so both are timed the same way.
package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.zoomconn.minimal")
	w := a.NewWindow("Minimal Fyne")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1040, 700)) // zoomconn's default size: same framebuffers to fill
	if os.Getenv("ZOOMCONN_TRACE_STARTUP") != "" {
		a.Lifecycle().SetOnStarted(func() {
			go fyne.Do(func() { fmt.Fprintf(os.Stderr, "minimal: content ready at %d\n", time.Now().UnixMilli()) })
		})
	}
	w.ShowAndRun()
}
