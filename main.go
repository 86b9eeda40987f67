// Command zoomconn sets up, keeps and checks Zoom API credentials: with no
// arguments it opens the desktop app, otherwise it runs a command.
package main

import (
	"os"

	"zoomconn/gui"
)

func main() {
	if len(os.Args) == 1 {
		gui.Run()
		return
	}
}
