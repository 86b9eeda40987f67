//go:build !(linux || darwin)

package cli

import "os"

// fromTerminal: see exec_tty.go. Elsewhere every signal is forwarded (on
// Windows a console's Ctrl+C reaches every process attached to it, and
// os.Process.Signal cannot send it).
func fromTerminal(os.Signal) bool { return false }
