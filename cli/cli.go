// Package cli is zoomconn's command line: its commands, flags, secrets read
// from stdin, messages and exit codes. It calls the same core (package auth
// and its workflows) as the desktop app and phrases the core's typed errors
// in its own terms. It never imports Fyne or package gui, so `zoomconn
// token` starts fast, nor auth/zoomtest outside tests.
//
// Everything it depends on comes in an [Env] (stdin/stdout/stderr, the
// configuration directory, the keyring, the browser opener, the HTTP client,
// the clock), so tests run every command in-process on memory secrets.
package cli

// This file holds Env, the command table, Main with its exit codes and
// messages for errors, and Run, the real program's wiring.

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
	"time"

	"golang.org/x/term"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/store"
	"zoomconn/internal/shell"
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
	Keyring secret.Store
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
	keyring secret.Store // the keyring, also once Store uses the file
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
		{"token", "NAME [--format raw|json|header|env]", "Print a valid access token for NAME (cached; refreshed when needed).", runToken, false},
		{"scopes", "NAME [--need SCOPE,...]", "Print the scopes NAME's token grants; with --need, print the missing ones and exit 1 if any.", runScopes, false},
		{"exec", "NAME -- CMD [ARGS...]", "Run CMD with ZOOM_ACCESS_TOKEN (valid for 10+ minutes), ZOOM_API_URL, ZOOM_CONNECTION and ZOOM_ACCOUNT_ID in its environment; exit with its status.", runExec, false},
		{"api", "NAME PATH [-X METHOD] [-f k=v] [-F k=v] [--input FILE] [-H 'N: v'] [-i] [--paginate] [--jq EXPR]", "Call the Zoom API with NAME's token (PATH like /users/me); the body goes to stdout.", runAPI, false},
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
	if err := e.openStore(); err != nil {
		fmt.Fprintln(e.Stderr, "zoomconn:", err)
		return ExitFailed
	}
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
	if e.Store.OnWait == nil {
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
		secrets := e.Keyring
		if secrets == nil {
			secrets = &keyring.Store{}
		}
		s, err := store.Open(dir, secrets)
		if err != nil {
			return err
		}
		e.Store = s
	}
	if e.Now != nil {
		e.Store.Now = e.Now
	}
	e.keyring = e.Store.Secrets()
	return nil
}

func report(e *Env, cmd *command, err error) int {
	var ue *usageError
	var ve *auth.ValidationError
	var nf *auth.NotFoundError
	var inUse *store.InUseError
	var code exitCode
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &code):
		return int(code)
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
		if step := nextStep(err); step != "" {
			fmt.Fprintln(e.Stderr, step)
		}
		return ExitUsage
	}
	fmt.Fprintf(e.Stderr, "zoomconn %s: %s\n", cmd.name, err)
	if step := nextStep(err); step != "" {
		fmt.Fprintln(e.Stderr, step)
	}
	var keyringErr *secret.Error
	if errors.As(err, &keyringErr) && errors.Is(err, secret.ErrUnavailable) {
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

func (e *Env) service() *access.Service {
	return &access.Service{Store: e.Store, HTTPClient: e.HTTPClient, OpenURL: e.OpenURL, Now: e.Now, Sleep: e.Sleep}
}

func printNotices(e *Env, notices []string) {
	for _, n := range notices {
		fmt.Fprintln(e.Stderr, "Note:", n)
	}
}

// Run is the command line of the real program: stdin/stdout/stderr, the
// configuration directory and the OS keyring.
func Run(args []string, version string) int {
	stdin := int(os.Stdin.Fd())
	return Main(args, &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		StdinIsTerminal:  term.IsTerminal(stdin),
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		ReadPassword: func() (string, error) {
			b, err := term.ReadPassword(stdin)
			return string(b), err
		},
		OpenURL: OpenBrowser,
		Version: version,
	})
}

func runVersion(_ context.Context, e *Env, args []string) error {
	if _, err := parse(flag.NewFlagSet("version", flag.ContinueOnError), e, "version", args, 0, 0); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "zoomconn", e.Version)
	return nil
}

// nextStep says, in the command line's terms, what to do about a core
// error that carries the facts but not the command to run.
func nextStep(err error) string {
	var needsAuth *access.NeedsAuthError
	var secretNeeded *access.SecretNeededError
	var notSaved *access.RefreshTokenNotSavedError
	var notFound *auth.NotFoundError
	var notOAuth *access.NotOAuthError
	var scopes *access.ScopeError
	switch {
	case errors.As(err, &scopes) && scopes.ConnType == auth.AuthOAuth:
		return fmt.Sprintf("Then run `zoomconn login %s`.", shell.Quote(scopes.Connection))
	case errors.As(err, &notSaved):
		return fmt.Sprintf("Then run `zoomconn login %s`.", shell.Quote(notSaved.Connection))
	case errors.As(err, &needsAuth):
		return fmt.Sprintf("Run `zoomconn login %s`.", shell.Quote(needsAuth.Connection))
	case errors.As(err, &secretNeeded):
		return fmt.Sprintf("Run `zoomconn edit-client %s --secret` and enter it.", shell.Quote(secretNeeded.Client))
	case errors.As(err, &notFound):
		return "Run `zoomconn list` to see the names."
	case errors.As(err, &notOAuth):
		return fmt.Sprintf("Use `zoomconn test %s` instead.", shell.Quote(notOAuth.Connection))
	}
	return ""
}
