package cli

// zoomconn token: a valid access token for scripts, in the shape another
// tool wants.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
	"zoomconn/internal/shell"
)

// TokenOptions are token's argument and flags.
type TokenOptions struct {
	Env    *Env
	Name   string
	Format string // raw, json, header or env

	ctx context.Context
}

// NewCmdToken is `zoomconn token NAME`; runF, if not nil, is called
// instead of the command's work (tests check what was parsed).
func NewCmdToken(e *Env, runF func(*TokenOptions) error) *cobra.Command {
	opts := &TokenOptions{Env: e}
	c := &cobra.Command{
		Use: "token NAME", Short: "Print a valid access token for NAME", GroupID: "use",
		Long: "Print a valid access token for NAME (cached until a minute before expiry; refreshed when needed). " +
			"stdout carries only the token, so TOKEN=$(zoomconn token NAME) is safe; --format shapes it for another tool.",
		Example:           "  TOKEN=$(zoomconn token Reports)\n  zoomconn token Reports --format header\n  eval \"$(zoomconn token Reports --format env)\"",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, tokenRun)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "raw", "raw (the token alone), json, header (Authorization: Bearer …) or env (export ZOOM_ACCESS_TOKEN=…)")
	return c
}

// tokenRun prints only the access token on stdout, for scripts:
// TOKEN=$(zoomconn token NAME); --format json|header|env prints it in the
// shape another tool wants.
func tokenRun(opts *TokenOptions) error {
	e := opts.Env
	switch opts.Format {
	case "raw", "json", "header", "env":
	default:
		return usagef("--format must be raw, json, header or env, not %q", opts.Format)
	}
	t, err := e.service().Token(opts.ctx, opts.Name)
	var unsaved *access.RefreshTokenNotSavedError
	if err != nil && !(errors.As(err, &unsaved) && t != nil) {
		return err
	}
	// With unsaved, the token is valid for this call; the exit code and
	// stderr say the connection must be authorized again.
	if perr := printToken(e, opts.Format, opts.Name, t); perr != nil {
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
			return d.ConnectionNotFound(name)
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
