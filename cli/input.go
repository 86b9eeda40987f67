package cli

// How commands read their input: flags and positional arguments, and
// secrets, which come only from stdin (without echo on a terminal), never
// from flags or the environment.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// parse parses flags that may come before or after positional arguments
// (`add-s2s NAME --account-id X`), and checks the positional count.
func parse(fs *flag.FlagSet, e *Env, cmd string, args []string, minPos, maxPos int) ([]string, error) {
	fs.SetOutput(io.Discard)
	c := lookup(cmd)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(e.Stdout, "Usage: zoomconn %s %s\n  %s\n", c.name, c.args, c.help)
				fs.SetOutput(e.Stdout)
				fs.PrintDefaults()
				return nil, errHelp
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			pos = append(pos, rest[1:]...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	switch {
	case len(pos) < minPos:
		return nil, usagef("missing argument")
	case maxPos >= 0 && len(pos) > maxPos:
		return nil, usagef("too many arguments: %s", strings.Join(pos[maxPos:], " "))
	}
	return pos, nil
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return &command{name: name}
}

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

func oneName(e *Env, cmd string, args []string) (string, error) {
	pos, err := parse(flag.NewFlagSet(cmd, flag.ContinueOnError), e, cmd, args, 1, 1)
	if err != nil {
		return "", err
	}
	return pos[0], nil
}
