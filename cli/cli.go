// Package cli is zoomconn's command line. It calls the same core (package
// auth) as the desktop app and never imports Fyne, so `zoomconn token`
// starts fast.
package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"

	"golang.org/x/term"

	"zoomconn/auth"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1 // the operation failed
	ExitUsage  = 2 // bad usage or invalid input; nothing changed
)

// Env carries the command line's dependencies.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StdinIsTerminal says whether secrets can be prompted for without echo.
	StdinIsTerminal bool
	// ReadPassword reads one line from the terminal without echo.
	ReadPassword func() (string, error)
	Store        *auth.Store
	// OpenURL opens a URL in the browser.
	OpenURL    func(string) error
	HTTPClient *http.Client
	Version    string

	stdin *bufio.Reader
}

type command struct {
	name, args, help string
	run              func(ctx context.Context, e *Env, args []string) error
	// noSecrets commands never touch a secret, so they never ask for the
	// encrypted file's passphrase.
	noSecrets bool
}

var commands []command

func init() {
	commands = []command{
		{"list", "[--json]", "List connections and OAuth clients.", runList, true},
		{"token", "NAME", "Print a valid access token for NAME (cached; refreshed when needed).", runToken, false},
		{"test", "NAME", "Test a connection: get a token and call the Zoom API.", runTest, false},
		{"login", "NAME [--no-browser]", "Authorize an OAuth 2.0 connection in the browser.", runLogin, false},
		{"revoke", "NAME", "Disconnect: revoke the connection's authorization at Zoom (the connection is kept).", runRevoke, false},
		{"remove", "NAME", "Delete a connection and its stored secrets locally (does not revoke at Zoom).", runRemove, false},
		{"add-s2s", "NAME --account-id ID --client-id ID [ENDPOINT FLAGS]", "Add a Server-to-Server (Custom) connection; the client secret is read from stdin.", runAddS2S, false},
		{"add-client", "NAME --client-id ID [--public] [--port N] [ENDPOINT FLAGS]", "Add an OAuth 2.0 client (Zoom General app); the client secret is read from stdin unless --public.", runAddClient, false},
		{"edit-client", "NAME [--name NEW] [--client-id ID] [--public=BOOL] [--port N] [--secret] [ENDPOINT FLAGS]", "Change an OAuth client; a new client secret is read from stdin when the change needs one, or with --secret.", runEditClient, false},
		{"edit-s2s", "NAME [--name NEW] [--account-id ID] [--client-id ID] [--secret] [ENDPOINT FLAGS]", "Change a Server-to-Server (Custom) connection; a new client secret is read from stdin when the change needs one, or with --secret.", runEditS2S, false},
		{"add-oauth", "NAME --client CLIENT_NAME [ENDPOINT FLAGS]", "Add an OAuth 2.0 connection that uses an OAuth client.", runAddOAuth, false},
		{"remove-client", "NAME", "Delete an OAuth client no connection uses.", runRemoveClient, false},
		{"export", "[--file F] [NAME...]", "Export connections and OAuth clients as JSON (never secrets).", runExport, true},
		{"import", "FILE", "Import connections and OAuth clients; missing secrets are read from stdin, one per line.", runImport, false},
		{"use-file-store", "", "Keep secrets in a passphrase-encrypted file instead of the system keyring (for machines without one); moves existing secrets.", runUseFileStore, true},
		{"move-to-keyring", "", "Move secrets from the encrypted file back into the system keyring.", runMoveToKeyring, true},
		{"version", "", "Print the version.", runVersion, true},
	}
}

// usageError is bad usage: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errHelp ends a command after printing its help.
var errHelp = errors.New("help shown")

// Main runs the command line and returns the exit code.
func Main(args []string, e *Env) int {
	e.stdin = bufio.NewReader(e.Stdin)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(e.Stdout)
		return ExitOK
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(e.Stderr, "zoomconn: unknown command %q. Run `zoomconn help` for the list.\n", args[0])
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if e.Store != nil && e.Store.OnWait == nil {
		e.Store.OnWait = func(name string) {
			fmt.Fprintf(e.Stderr, "zoomconn %s: waiting for another zoomconn process refreshing %q…\n", cmd.name, name)
		}
	}
	err := e.openSecrets(cmd, args[1:])
	if err == nil {
		err = cmd.run(ctx, e, args[1:])
	}
	return report(e, cmd, err)
}

func report(e *Env, cmd *command, err error) int {
	var ue *usageError
	var ve *auth.ValidationError
	var nf *auth.NotFoundError
	var inUse *auth.InUseError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.Stderr, "zoomconn %s: %s\nUsage: zoomconn %s %s\n", cmd.name, ue.msg, cmd.name, cmd.args)
		return ExitUsage
	case errors.As(err, &ve):
		fmt.Fprintf(e.Stderr, "zoomconn %s: nothing was saved:\n", cmd.name)
		for _, f := range ve.Fields {
			fmt.Fprintf(e.Stderr, "  - %s\n", f.Message)
		}
		return ExitUsage
	case errors.As(err, &nf), errors.As(err, &inUse):
		fmt.Fprintf(e.Stderr, "zoomconn %s: %s\n", cmd.name, err)
		return ExitUsage
	}
	fmt.Fprintf(e.Stderr, "zoomconn %s: %s\n", cmd.name, err)
	var keyringErr *auth.SecretError
	if errors.As(err, &keyringErr) && errors.Is(err, auth.ErrKeyringUnavailable) {
		fmt.Fprintln(e.Stderr, "No keyring on this machine? `zoomconn use-file-store` keeps secrets in a passphrase-encrypted file instead.")
	}
	return ExitFailed
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "zoomconn — set up, keep and check Zoom API credentials.")
	fmt.Fprintln(w, "\nWith no arguments it opens the desktop app. Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-13s %s\n      %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "\nENDPOINT FLAGS: --endpoints zoom|zoomgov|custom, and for custom: --authorize-url U --token-url U --revoke-url U --api-url U")
	fmt.Fprintln(w, "Secrets are read only from stdin (without echo on a terminal), never from flags or the environment.")
	fmt.Fprintln(w, "Exit codes: 0 success, 1 the operation failed, 2 bad usage or invalid input (nothing changed).")
	fmt.Fprintln(w, "Configuration directory: $ZOOMCONN_CONFIG_DIR, else the user config dir + /zoomconn. Run `zoomconn COMMAND --help` for details.")
}

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

// openSecrets switches the store to the encrypted file when the user chose
// it, asking for its passphrase first (before any other secret on stdin).
func (e *Env) openSecrets(cmd *command, args []string) error {
	if cmd.noSecrets || wantsHelp(args) {
		return nil
	}
	d, err := e.Store.Load()
	if err != nil {
		return nil // the command reports a load error itself
	}
	if d.Backend() != auth.BackendFile {
		// Connect to the keyring while the command gets going; not before
		// the backend is known: where secrets live in the file there may be
		// no session bus, and looking for one can start programs.
		auth.WarmUp(e.Store.Secrets())
		return nil
	}
	fs, err := e.openFileStore()
	if err != nil {
		return err
	}
	e.Store = e.Store.WithSecrets(fs)
	return nil
}

func (e *Env) openFileStore() (*auth.FileStore, error) {
	pass, err := e.readSecret("Passphrase of the secrets file")
	if err != nil {
		return nil, err
	}
	return auth.OpenFileStore(auth.SecretsFilePath(e.Store.Dir()), []byte(pass))
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

func (e *Env) service() *auth.Service {
	return &auth.Service{Store: e.Store, HTTPClient: e.HTTPClient, OpenURL: e.OpenURL}
}

func printNotices(e *Env, notices []string) {
	for _, n := range notices {
		fmt.Fprintln(e.Stderr, "Note:", n)
	}
}

func sortedNames[T any](items []T, name func(T) string) []T {
	out := append([]T(nil), items...)
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(name(out[i])) < strings.ToLower(name(out[j])) })
	return out
}

// Run is the command line of the real program: stdin/stdout/stderr, the
// configuration directory and the OS keyring.
func Run(args []string, version string) int {
	dir, err := auth.DefaultConfigDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		return ExitFailed
	}
	store, err := auth.NewStore(dir, &auth.KeyringStore{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "zoomconn:", err)
		return ExitFailed
	}
	stdin := int(os.Stdin.Fd())
	return Main(args, &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		StdinIsTerminal: term.IsTerminal(stdin),
		ReadPassword: func() (string, error) {
			b, err := term.ReadPassword(stdin)
			return string(b), err
		},
		Store:   store,
		OpenURL: OpenBrowser,
		Version: version,
	})
}
