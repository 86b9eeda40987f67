package cli

// zoomconn scopes: what a connection's token may do, and a one-line CI
// check of what it must.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/internal/shell"
)

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

// ScopesOptions are scopes's argument and flags.
type ScopesOptions struct {
	Env  *Env
	Name string
	Need string // comma-separated scopes the token must grant

	ctx context.Context
}

// NewCmdScopes is `zoomconn scopes NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdScopes(e *Env, runF func(*ScopesOptions) error) *cobra.Command {
	opts := &ScopesOptions{Env: e}
	c := &cobra.Command{
		Use: "scopes NAME", Short: "Print the scopes NAME's token grants", GroupID: "use",
		Long: "Print the scopes NAME's token grants, one a line. With --need, print only the missing ones and exit 1 if there are any: " +
			"a one-line CI check. A Server-to-Server token lacking one is fetched afresh first, as scopes are fixed when a token is issued.",
		Example:           "  zoomconn scopes Reports\n  zoomconn scopes Reports --need meeting:read:admin,user:read:admin",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, scopesRun)
		},
	}
	c.Flags().StringVar(&opts.Need, "need", "", "comma-separated `SCOPES` the token must grant: print the missing ones and exit 1 if any")
	return c
}

// scopesRun prints the scopes the connection's token grants, one per line;
// with --need, the needed ones it lacks, failing when there are any. A
// Server-to-Server connection whose cached token lacks some asks for a
// fresh token first: scopes are fixed when a token is issued, and the user
// may just have added them.
func scopesRun(opts *ScopesOptions) error {
	e, ctx, name := opts.Env, opts.ctx, opts.Name
	sv := e.service()
	t, err := sv.Token(ctx, name)
	var unsaved *access.RefreshTokenNotSavedError
	if err != nil && !(errors.As(err, &unsaved) && t != nil) {
		return err
	}
	if opts.Need == "" {
		for _, s := range t.Scopes() {
			fmt.Fprintln(e.Stdout, s)
		}
		return err
	}
	needed := strings.FieldsFunc(opts.Need, func(r rune) bool { return r == ',' || r == ' ' })
	missing := missingScopes(t.Scopes(), needed)
	if len(missing) == 0 {
		return err
	}
	d, lerr := e.Store.Load()
	if lerr != nil {
		return errors.Join(lerr, err)
	}
	c, ok := d.Connection(name)
	if !ok {
		return d.ConnectionNotFound(name)
	}
	if c.Type == auth.AuthS2S {
		sv.MinTokenLifetime = access.MaxTokenLifetime + time.Hour // a fresh token
		if t, err = sv.Token(ctx, name); err != nil {
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
