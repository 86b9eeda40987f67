package cli

// zoomconn exec: run a program with a fresh token in its environment,
// never on its command line, and exit with its status.

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

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
)

// execMinLifetime is how long the token `exec` hands over must still be
// valid, so the program has time to use it.
const execMinLifetime = 10 * time.Minute

// exitCode ends a command with this code and no message: the program `exec`
// ran already said what it had to.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// ExecOptions are exec's arguments: the connection, then "--" and the
// program with its arguments (flags end at NAME: the rest is the
// program's).
type ExecOptions struct {
	Env  *Env
	Args []string // NAME -- CMD [ARGS...], as given

	ctx context.Context
}

// NewCmdExec is `zoomconn exec NAME -- CMD [ARGS...]`; runF, if not nil,
// is called instead of the command's work.
func NewCmdExec(e *Env, runF func(*ExecOptions) error) *cobra.Command {
	opts := &ExecOptions{Env: e}
	c := &cobra.Command{
		Use: "exec NAME -- CMD [ARGS...]", Short: "Run a program with NAME's token in its environment", GroupID: "use",
		Long: "Run CMD with ZOOM_ACCESS_TOKEN (valid for 10+ minutes), ZOOM_API_URL, ZOOM_CONNECTION and, for Server-to-Server, " +
			"ZOOM_ACCOUNT_ID in its environment, never on its command line. stdin, stdout and stderr are its own; " +
			"zoomconn exits with its status (128 + N when signal N ended it; 127 when it is not found).",
		Example: "  zoomconn exec Reports -- python3 report.py\n" +
			"  zoomconn exec Reports -- sh -c 'printf \"Authorization: Bearer %s\" \"$ZOOM_ACCESS_TOKEN\" | curl -sH @- \"$ZOOM_API_URL/users/me\"'",
		// The arguments after "--" are another program's: only NAME is
		// counted here; execRun checks the rest.
		Args: func(c *cobra.Command, args []string) error {
			if at := c.ArgsLenAtDash(); at >= 0 {
				args = args[:at]
			} else if i := slices.Index(args, "--"); i >= 0 {
				args = args[:i]
			}
			if len(args) < 1 {
				return usagef("missing argument")
			}
			return nil
		},
		ValidArgsFunction:     e.completeExec,
		Annotations:           map[string]string{flagsEndAtArgs: "true"},
		DisableFlagsInUseLine: true, // its only flag is --help
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args, opts.ctx = args, c.Context()
			if runF != nil {
				return runF(opts)
			}
			if err := e.prepare(c, withSecrets); err != nil {
				return err
			}
			err := execRun(c, opts)
			if errors.Is(err, errHelp) {
				return c.Help()
			}
			return err
		},
	}
	c.Flags().SetInterspersed(false)
	return c
}

// execRun runs a program with the connection's token, API base URL, name
// and (Server-to-Server) account ID in its environment, and exits with its
// status. The token is never on a command line.
func execRun(c *cobra.Command, opts *ExecOptions) error {
	e, ctx, args := opts.Env, opts.ctx, opts.Args
	// Flags end at NAME, so "--" is still here.
	dash := slices.Index(args, "--")
	if dash < 0 {
		if wantsHelp(args) {
			return errHelp
		}
		return usagef("put the command after --: zoomconn exec NAME -- CMD [ARGS...]")
	}
	pos := args[:dash]
	if len(pos) != 1 {
		if err := e.unquotedName(c, args, len(pos)-1, connectionName); err != nil {
			return err
		}
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
	conn, ok := d.Connection(pos[0])
	if !ok {
		return d.ConnectionNotFound(pos[0])
	}
	env := append(os.Environ(),
		"ZOOM_ACCESS_TOKEN="+t.AccessToken,
		"ZOOM_API_URL="+d.APIBaseURL(conn, t.APIURL),
		"ZOOM_CONNECTION="+conn.Name,
	)
	if conn.Type == auth.AuthS2S {
		env = append(env, "ZOOM_ACCOUNT_ID="+conn.AccountID)
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
