package cli

import "os"

// fromTerminal: see exec_tty.go. On Windows there are no signals to pass
// on: a console's Ctrl+C or Ctrl+Break, and its closing, reach every
// process attached to it, the program `exec` runs included, and
// os.Process.Signal cannot send them. So nothing is forwarded; zoomconn
// only stays alive until the program ends, and exits with its status.
func fromTerminal(os.Signal) bool { return true }
