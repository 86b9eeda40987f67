//go:build !(linux || darwin || windows)

package cli

import "os"

// fromTerminal: see exec_tty.go (and exec_windows.go). Elsewhere every
// signal is forwarded.
func fromTerminal(os.Signal) bool { return false }
