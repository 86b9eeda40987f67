package cli

// zoomconn test: get a token and call the Zoom API, and say who it
// belongs to.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
)

// TestOptions are test's argument.
type TestOptions struct {
	Env  *Env
	Name string

	ctx context.Context
}

// NewCmdTest is `zoomconn test NAME`; runF, if not nil, is called instead
// of the command's work.
func NewCmdTest(e *Env, runF func(*TestOptions) error) *cobra.Command {
	opts := &TestOptions{Env: e}
	return &cobra.Command{
		Use: "test NAME", Short: "Test a connection: get a token and call the Zoom API", GroupID: "use",
		Long:              "Test a connection: get a token and call the Zoom API. It prints who the token belongs to, its scopes, its expiry and the API base in use.",
		Example:           "  zoomconn test Reports",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, testRun)
		},
	}
}

func testRun(opts *TestOptions) error {
	e := opts.Env
	rep, err := e.service().Test(opts.ctx, opts.Name)
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

// printIdentity prints who a token belongs to and what it grants (test
// and login).
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
