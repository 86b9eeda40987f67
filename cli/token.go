package cli

// Commands that talk to Zoom about one connection: token, test, login
// (authorization in the browser) and revoke.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/internal/safetext"
	"zoomconn/internal/shell"
)

// tokenFlags are token's flags.
type tokenFlags struct{ format string }

func (f *tokenFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.format, "format", "raw", "raw (the token alone), json, header (Authorization: Bearer …) or env (export ZOOM_ACCESS_TOKEN=…)")
}

// runToken prints only the access token on stdout, for scripts:
// TOKEN=$(zoomconn token NAME); --format json|header|env prints it in the
// shape another tool wants.
func runToken(ctx context.Context, e *Env, pos []string, f *tokenFlags) error {
	switch f.format {
	case "raw", "json", "header", "env":
	default:
		return usagef("--format must be raw, json, header or env, not %q", f.format)
	}
	sv := e.service()
	t, err := sv.Token(ctx, pos[0])
	var unsaved *access.RefreshTokenNotSavedError
	if err != nil && !(errors.As(err, &unsaved) && t != nil) {
		return err
	}
	// With unsaved, the token is valid for this call; the exit code and
	// stderr say the connection must be authorized again.
	if perr := printToken(e, f.format, pos[0], t); perr != nil {
		return perr
	}
	return err
}

// tokenDoc is `token --format json`.
type tokenDoc struct {
	AccessToken string   `json:"access_token"`
	TokenType   string   `json:"token_type"`
	ExpiresAt   string   `json:"expires_at"`
	APIURL      string   `json:"api_url"`
	Scopes      []string `json:"scopes"`
}

func printToken(e *Env, format, name string, t *access.Token) error {
	switch format {
	case "json":
		d, err := e.Store.Load()
		if err != nil {
			return err
		}
		c, ok := d.Connection(name)
		if !ok {
			return &auth.NotFoundError{What: "connection", Name: name}
		}
		scopes := t.Scopes()
		if scopes == nil {
			scopes = []string{}
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(tokenDoc{AccessToken: t.AccessToken, TokenType: "Bearer", ExpiresAt: t.Expiry.UTC().Format(time.RFC3339),
			APIURL: d.APIBaseURL(c, t.APIURL), Scopes: scopes})
	case "header":
		fmt.Fprintln(e.Stdout, "Authorization: Bearer "+t.AccessToken)
	case "env":
		fmt.Fprintln(e.Stdout, "export ZOOM_ACCESS_TOKEN="+shell.Quote(t.AccessToken))
	default:
		fmt.Fprintln(e.Stdout, t.AccessToken)
	}
	return nil
}

func runTest(ctx context.Context, e *Env, args []string) error {
	name := args[0]
	rep, err := e.service().Test(ctx, name)
	if err != nil {
		return err
	}
	printIdentity(e, rep.Identity, rep.Scopes, rep.Expiry)
	fmt.Fprintln(e.Stdout, "API:        "+rep.APIBase)
	if rep.Note != "" {
		fmt.Fprintln(e.Stdout, "Note:       "+rep.Note)
	}
	return nil
}

func printIdentity(e *Env, id access.Identity, scopes []string, expiry time.Time) {
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

// loginFlags are login's flags.
type loginFlags struct{ noBrowser bool }

func (f *loginFlags) define(fs *pflag.FlagSet) {
	fs.BoolVar(&f.noBrowser, "no-browser", false, "do not open a browser; open the printed URL yourself")
}

func runLogin(ctx context.Context, e *Env, pos []string, f *loginFlags) error {
	if d, err := e.Store.Load(); err == nil {
		if c, ok := d.Connection(pos[0]); ok {
			if h := d.APIHostOf(c); h.Differs() {
				fmt.Fprintf(e.Stderr, "Note: calls with this connection go to %s, not to its OAuth client's API host %s; the token you authorize now is sent there.\n",
					safetext.Clean(h.Host, safetext.MaxURL), safetext.Clean(h.ClientHost, safetext.MaxURL))
			}
		}
	}
	res, err := e.service().Login(ctx, pos[0], access.LoginOptions{
		NoBrowser: f.noBrowser,
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
	name := args[0]
	msg, err := e.service().Revoke(ctx, name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stderr, msg)
	return nil
}
