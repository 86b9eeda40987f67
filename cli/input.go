package cli

// How commands read secrets: only from stdin (without echo on a
// terminal), never from flags or the environment.

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// wantsHelp reports whether args ask for help; exec sees its arguments
// unparsed, as they may be another program's.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return true
		}
	}
	return false
}

// readSecret reads one secret: without echo from a terminal, else one line
// of stdin. It never comes from flags or the environment.
func (e *Env) readSecret(prompt string) (string, error) {
	if e.StdinIsTerminal && e.ReadPassword != nil {
		fmt.Fprintf(e.Stderr, "%s (input hidden): ", prompt)
		s, err := e.ReadPassword()
		fmt.Fprintln(e.Stderr)
		return s, err
	}
	line, err := e.stdin.ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		if errors.Is(err, io.EOF) {
			return "", usagef("%s: expected it on stdin, one per line, but stdin ended", prompt)
		}
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
