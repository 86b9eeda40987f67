// Command clionly is zoomconn's command line without the GUI linked in,
// used by `make bench` to show what linking Fyne costs the CLI path.
package main

import (
	"os"

	"zoomconn/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], "bench")) }
