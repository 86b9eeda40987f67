// Package cli is zoomconn's command line: its commands, flags, secrets read
// from stdin, messages and exit codes. It calls the same core (package auth
// and its workflows) as the desktop app and phrases the core's typed errors
// in its own terms. Where secrets live (the keyring or the encrypted file)
// is store.Secrets' to decide, as for the desktop app: the command line asks
// for the passphrase and says what happened, and never imports auth/secret
// or its stores. It never imports Fyne or package gui, so `zoomconn
// token` starts fast, nor auth/zoomtest outside tests.
//
// Everything it depends on comes in an [Env] (stdin/stdout/stderr, the
// configuration directory, the keyring, the browser opener, the HTTP client,
// the clock), so tests run every command in-process on memory secrets.
//
// The commands are a cobra tree ([Command]): it also gives `zoomconn help`,
// the shell completions and, through internal/mangen, the man pages.
package cli

// This file holds Env, Main with its exit codes and messages for errors,
// and Run, the real program's wiring. Each command has its own file and
// constructor (NewCmdToken in token.go, …); root.go puts them in one tree
// on cobra, and usage.go phrases bad usage.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/internal/safetext"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1 // the operation failed
	ExitUsage  = 2 // bad usage or invalid input; nothing changed
)

// Env carries the command line's dependencies: everything it reads,
// writes, opens or calls. [Run] fills it for the real program; tests fill
// it to run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StdinIsTerminal says whether secrets can be prompted for without echo.
	StdinIsTerminal bool
	// StdoutIsTerminal says whether output is for a person: `api`
	// pretty-prints JSON then.
	StdoutIsTerminal bool
	// ReadPassword reads one line from the terminal without echo.
	ReadPassword func() (string, error)
	// ConfigDir is the configuration directory; "" means
	// [store.DefaultConfigDir].
	ConfigDir string
	// Keyring is the system keyring: where secrets live unless the user
	// chose the encrypted file. nil means the OS keyring.
	Keyring store.SecretStore
	// Store, if set, is the metadata store to use (its secrets being the
	// keyring) instead of opening ConfigDir with Keyring.
	Store *store.Store
	// OpenURL opens a URL in the browser.
	OpenURL    func(string) error
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Sleep waits between retries (a 429's Retry-After); nil means a timer.
	Sleep   func(ctx context.Context, d time.Duration) error
	Version string

	stdin   *bufio.Reader
	secrets *store.Secrets // where secrets live; Store's at opening
	// ran is set once a command's own run begins: an error before it is
	// bad usage.
	ran bool
}

// usageError is bad usage: exit code 2. It says msg, or, if msg is "",
// what the core's err says (report phrases it).
type usageError struct {
	msg string
	err error
}

func (e *usageError) Error() string {
	if e.msg == "" && e.err != nil {
		return e.err.Error()
	}
	return e.msg
}

func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

// errHelp ends a command after printing its help.
var errHelp = errors.New("help shown")

// Main runs the command line and returns the exit code.
func Main(args []string, e *Env) int {
	e.stdin = bufio.NewReader(e.Stdin)
	root := Command(e)
	args = goFlagSpellings(root, args)
	if err := unknownCommand(root, args); err != nil {
		return report(e, nil, err)
	}
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		e.completeFlags(root)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root.SetArgs(append([]string{}, args...)) // never nil: nil means os.Args
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && !e.ran {
		// Cobra's own checks (its completion commands' arguments) come
		// before any work: bad usage.
		var ue *usageError
		if !errors.As(err, &ue) {
			err = usagef("%v", err)
		}
	}
	return report(e, cmd, err)
}

// openStore opens the metadata store of the configuration directory, its
// secrets in the keyring until openSecrets says otherwise.
func (e *Env) openStore() error {
	if e.Store == nil {
		dir := e.ConfigDir
		if dir == "" {
			var err error
			if dir, err = store.DefaultConfigDir(); err != nil {
				return err
			}
		}
		s, err := store.Open(dir, e.Keyring) // nil: the OS keyring
		if err != nil {
			return err
		}
		e.Store = s
	}
	if e.Now != nil {
		e.Store.Now = e.Now
	}
	e.secrets = store.NewSecrets(e.Store.Dir(), e.Store.Secrets())
	return nil
}

// forTerminal is a message for stderr. The core cleans the server text it
// quotes (safetext.Clean), and such a message is printed as it is; one that
// still holds what a terminal acts on (a jq error(.message)) is made
// visible with safetext.Terminal, wherever stderr goes.
func forTerminal(msg string) string {
	if safetext.Shown(msg) {
		return msg
	}
	return safetext.Terminal(msg)
}

func (e *Env) service() *access.Service {
	return &access.Service{Store: e.Store, HTTPClient: e.HTTPClient, OpenURL: e.OpenURL, Now: e.Now, Sleep: e.Sleep}
}

func printNotices(e *Env, notices []string) {
	for _, n := range notices {
		fmt.Fprintln(e.Stderr, "Note:", forTerminal(n))
	}
}

// Run is the command line of the real program: stdin/stdout/stderr, the
// configuration directory and the OS keyring.
func Run(args []string, version string) int {
	e := fileEnv(os.Stdin, os.Stdout, os.Stderr)
	e.OpenURL, e.Version = OpenBrowser, version
	return Main(args, e)
}

// fileEnv is the Env of a program on these files: it prompts without echo
// and shows server text for a person when they are terminals.
func fileEnv(stdin, stdout, stderr *os.File) *Env {
	in := int(stdin.Fd())
	return &Env{
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		StdinIsTerminal:  term.IsTerminal(in),
		StdoutIsTerminal: term.IsTerminal(int(stdout.Fd())),
		ReadPassword: func() (string, error) {
			b, err := term.ReadPassword(in)
			return string(b), err
		},
	}
}
