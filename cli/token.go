package cli

// Commands that talk to Zoom about one connection: token, test, login
// (authorization in the browser) and revoke.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"zoomconn/auth"
)

// runToken prints only the access token on stdout, for scripts:
// TOKEN=$(zoomconn token NAME).
func runToken(ctx context.Context, e *Env, args []string) error {
	name, err := oneName(e, "token", args)
	if err != nil {
		return err
	}
	t, err := e.service().Token(ctx, name)
	var unsaved *auth.RefreshTokenNotSavedError
	if errors.As(err, &unsaved) && t != nil {
		// The token is valid for this call; the exit code and stderr say
		// the connection must be authorized again.
		fmt.Fprintln(e.Stdout, t.AccessToken)
		return err
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, t.AccessToken)
	return nil
}

func runTest(ctx context.Context, e *Env, args []string) error {
	name, err := oneName(e, "test", args)
	if err != nil {
		return err
	}
	rep, err := e.service().Test(ctx, name)
	if err != nil {
		return err
	}
	printIdentity(e, rep.Identity, rep.Scopes, rep.Expiry)
	if rep.Note != "" {
		fmt.Fprintln(e.Stdout, "Note:       "+rep.Note)
	}
	return nil
}

func printIdentity(e *Env, id auth.Identity, scopes []string, expiry time.Time) {
	fmt.Fprintln(e.Stdout, "OK")
	if who := id.String(); who != "" {
		fmt.Fprintln(e.Stdout, "User:       "+who)
	}
	if id.AccountID != "" {
		fmt.Fprintln(e.Stdout, "Account:    "+id.AccountID)
	}
	fmt.Fprintln(e.Stdout, "Scopes:     "+strings.Join(scopes, " "))
	fmt.Fprintln(e.Stdout, "Expires:    "+expiry.Local().Format(time.RFC1123))
}

func runLogin(ctx context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	noBrowser := fs.Bool("no-browser", false, "do not open a browser; open the printed URL yourself")
	pos, err := parse(fs, e, "login", args, 1, 1)
	if err != nil {
		return err
	}
	res, err := e.service().Login(ctx, pos[0], auth.LoginOptions{
		NoBrowser: *noBrowser,
		Ready: func(u string) {
			fmt.Fprintf(e.Stderr, "Open this URL to authorize (waiting up to 5 minutes):\n\n  %s\n\n", u)
			fmt.Fprintln(e.Stderr, "If Zoom says \"Invalid redirect\" (4700), register http://127.0.0.1/oauth/callback as the app's Redirect URL and Allow List entry.")
		},
		BrowserError: func(err error) {
			fmt.Fprintf(e.Stderr, "Could not open a browser (%v); open the URL above yourself.\n", err)
		},
	})
	if err != nil {
		return err
	}
	printIdentity(e, res.Identity, res.Scopes, res.Expiry)
	return nil
}

func runRevoke(ctx context.Context, e *Env, args []string) error {
	name, err := oneName(e, "revoke", args)
	if err != nil {
		return err
	}
	msg, err := e.service().Revoke(ctx, name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stderr, msg)
	return nil
}
