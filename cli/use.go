package cli

// Commands that hand a connection to other programs: scopes (what its token
// may do, and a one-line CI check) and exec (run a program with a fresh
// token in its environment, never on its command line).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/internal/shell"
)

// execMinLifetime is how long the token `exec` hands over must still be
// valid, so the program has time to use it.
const execMinLifetime = 10 * time.Minute

// exitCode ends a command with this code and no message: the program `exec`
// ran already said what it had to.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// missingScopesError is `scopes --need` finding scopes the token lacks.
type missingScopesError struct {
	Connection string
	S2S        bool
	Missing    []string
}

func (e *missingScopesError) Error() string {
	then := "then authorize it again: `zoomconn login " + shell.Quote(e.Connection) + "`."
	if e.S2S {
		then = "then run this again (a fresh token carries them)."
	}
	return fmt.Sprintf("the token of %q lacks %s. Add them in the Zoom App Marketplace under the app's Scopes, %s",
		e.Connection, strings.Join(e.Missing, " "), then)
}

// scopesFlags are scopes's flags.
type scopesFlags struct{ need string }

func (f *scopesFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.need, "need", "", "comma-separated `SCOPES` the token must grant: print the missing ones and exit 1 if any")
}

// runScopes prints the scopes the connection's token grants, one per line;
// with --need, the needed ones it lacks, failing when there are any. A
// Server-to-Server connection whose cached token lacks some asks for a
// fresh token first: scopes are fixed when a token is issued, and the user
// may just have added them.
func runScopes(ctx context.Context, e *Env, pos []string, f *scopesFlags) error {
	sv := e.service()
	t, err := sv.Token(ctx, pos[0])
	var unsaved *access.RefreshTokenNotSavedError
	if err != nil && !(errors.As(err, &unsaved) && t != nil) {
		return err
	}
	if f.need == "" {
		for _, s := range t.Scopes() {
			fmt.Fprintln(e.Stdout, s)
		}
		return err
	}
	needed := strings.FieldsFunc(f.need, func(r rune) bool { return r == ',' || r == ' ' })
	missing := missingScopes(t.Scopes(), needed)
	if len(missing) == 0 {
		return err
	}
	d, lerr := e.Store.Load()
	if lerr != nil {
		return errors.Join(lerr, err)
	}
	c, ok := d.Connection(pos[0])
	if !ok {
		return &auth.NotFoundError{What: "connection", Name: pos[0]}
	}
	if c.Type == auth.AuthS2S {
		sv.MinTokenLifetime = access.MaxTokenLifetime + time.Hour // a fresh token
		if t, err = sv.Token(ctx, pos[0]); err != nil {
			return err
		}
		missing = missingScopes(t.Scopes(), needed)
	}
	for _, s := range missing {
		fmt.Fprintln(e.Stdout, s)
	}
	if len(missing) > 0 {
		return errors.Join(&missingScopesError{Connection: c.Name, S2S: c.Type == auth.AuthS2S, Missing: missing}, err)
	}
	return err
}

// missingScopes is the needed scopes not granted, once each, in order.
func missingScopes(granted, needed []string) []string {
	var missing []string
	for _, s := range needed {
		if !slices.Contains(granted, s) && !slices.Contains(missing, s) {
			missing = append(missing, s)
		}
	}
	return missing
}

// runExec runs a program with the connection's token, API base URL, name
// and (Server-to-Server) account ID in its environment, and exits with its
// status. The token is never on a command line.
func runExec(ctx context.Context, e *Env, args []string) error {
	// Flags end at NAME (see the command table), so "--" is still here.
	dash := slices.Index(args, "--")
	if dash < 0 {
		if wantsHelp(args) {
			return errHelp
		}
		return usagef("put the command after --: zoomconn exec NAME -- CMD [ARGS...]")
	}
	pos := args[:dash]
	if len(pos) != 1 {
		return usagef("too many arguments: %s", strings.Join(pos[1:], " "))
	}
	argv := args[dash+1:]
	if len(argv) == 0 {
		return usagef("missing the command to run after --")
	}
	sv := e.service()
	sv.MinTokenLifetime = execMinLifetime
	t, err := sv.Token(ctx, pos[0])
	var unsaved *access.RefreshTokenNotSavedError
	if errors.As(err, &unsaved) && t != nil {
		// Valid for this run; say that the next one needs a login.
		fmt.Fprintf(e.Stderr, "zoomconn exec: %s\n%s\n", err, nextStep(err))
	} else if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	c, ok := d.Connection(pos[0])
	if !ok {
		return &auth.NotFoundError{What: "connection", Name: pos[0]}
	}
	env := append(os.Environ(),
		"ZOOM_ACCESS_TOKEN="+t.AccessToken,
		"ZOOM_API_URL="+d.APIBaseURL(c, t.APIURL),
		"ZOOM_CONNECTION="+c.Name,
	)
	if c.Type == auth.AuthS2S {
		env = append(env, "ZOOM_ACCOUNT_ID="+c.AccountID)
	}
	return runChild(e, argv, env)
}

// runChild runs argv with env, passing stdin, stdout, stderr and SIGINT and
// SIGTERM through, and returns its exit status as an exitCode (128 + the
// signal's number when a signal ended it, as shells say). A program that
// cannot be started ends with 127 (not found) or 126, as env(1) does.
func runChild(e *Env, argv, env []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdin = childInput(e)
	cmd.Stdout, cmd.Stderr = e.Stdout, e.Stderr
	// Signals arrive here from now on, rather than ending zoomconn, and are
	// forwarded, except a terminal's Ctrl+C, which reaches the program
	// directly (see fromTerminal).
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(e.Stderr, "zoomconn exec: %v\n", err)
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return exitCode(127)
		}
		return exitCode(126)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if !fromTerminal(s) {
					_ = cmd.Process.Signal(s)
				}
			case <-done:
				return
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return exitCode(128 + int(ws.Signal()))
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintf(e.Stderr, "zoomconn exec: %v\n", err)
		return exitCode(ExitFailed)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		return exitCode(code)
	}
	return nil
}

// childInput is the program's stdin: the terminal or file itself when
// nothing of it was read yet, so the program sees a terminal as one.
func childInput(e *Env) io.Reader {
	if f, ok := e.Stdin.(*os.File); ok && e.stdin.Buffered() == 0 {
		return f
	}
	return e.stdin
}
