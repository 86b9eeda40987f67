package cli

// zoomconn import: add what an export file holds; the secrets it needs
// come on stdin, and hosts outside Zoom need a yes first.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"zoomconn/auth/store"
)

// ImportOptions are import's argument and flags.
type ImportOptions struct {
	Env  *Env
	File string
	Yes  bool // allow the hosts outside Zoom the file names without asking
}

// NewCmdImport is `zoomconn import FILE`; runF, if not nil, is called
// instead of the command's work.
func NewCmdImport(e *Env, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Env: e}
	c := &cobra.Command{
		Use: "import FILE", Short: "Import connections, OAuth clients and SDK credentials; secrets come on stdin", GroupID: "store",
		Long: "Import connections, OAuth clients and SDK credentials from an export file. It prints what it adds, every host outside Zoom its secrets and tokens would go to, " +
			"and the secrets it needs in order. A file naming hosts outside Zoom needs a yes first: asked on a terminal, --yes when stdin is not one. " +
			"Then it reads the secrets from stdin, one per line. A malformed or hostile file, a duplicate name or a no changes nothing.",
		Example:           "  zoomconn import zoomconn.json\n  printf '%s\\n' \"$SECRET1\" \"$SECRET2\" | zoomconn import zoomconn.json --yes",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: e.completeFiles,
		RunE: func(c *cobra.Command, args []string) error {
			opts.File = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, importRun)
		},
	}
	c.Flags().BoolVar(&opts.Yes, "yes", false, "allow the hosts outside Zoom the file names without asking (needed for such a file when stdin is not a terminal)")
	return c
}

// importRun adds what an export file holds. It prints what it will add,
// every host outside Zoom it names and the secrets it needs, in order. A
// file naming hosts outside Zoom needs a yes first: asked on a terminal,
// --yes otherwise. Then it reads the secrets from stdin, one per line. A
// malformed or hostile file, a duplicate name or a no changes nothing.
func importRun(opts *ImportOptions) error {
	e := opts.Env
	raw, err := readLimited(opts.File)
	if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	plan, err := store.PlanImport(d, raw)
	if err != nil {
		return asUsage(err)
	}
	fmt.Fprintln(e.Stderr, "This import adds:")
	for _, line := range plan.Summary() {
		fmt.Fprintln(e.Stderr, "  -", line)
	}
	if plan.NeedsHostConsent() {
		fmt.Fprintln(e.Stderr, "Warning: these items send their secrets and tokens to hosts outside Zoom. Import only if you trust every one:")
		for _, line := range plan.CustomHosts {
			fmt.Fprintln(e.Stderr, "  !", line)
		}
		if err := e.allowHosts(opts.Yes); err != nil {
			return err
		}
	}
	secrets := make([]string, len(plan.Needed))
	if len(plan.Needed) > 0 {
		fmt.Fprintf(e.Stderr, "It needs %d secrets, read in this order (one per line on stdin):\n", len(plan.Needed))
		for i, p := range plan.Needed {
			fmt.Fprintf(e.Stderr, "  %d. %s\n", i+1, p.Label)
		}
		for i, p := range plan.Needed {
			if secrets[i], err = e.readSecret(p.Label); err != nil {
				return err
			}
		}
	}
	if err := e.Store.Import(plan, secrets); err != nil {
		return asUsage(err)
	}
	sdk := ""
	if len(plan.SDK) > 0 {
		sdk = fmt.Sprintf(" and %d SDK credentials", len(plan.SDK))
	}
	fmt.Fprintf(e.Stderr, "Imported %d connections and %d OAuth clients%s. OAuth 2.0 connections need authorization: `zoomconn login NAME`.\n", len(plan.Connections), len(plan.Clients), sdk)
	return nil
}

// allowHosts asks whether to import and allow the hosts just listed: yes
// (--yes) says so beforehand; a terminal is asked; anything else is a no.
// A no is exit code 2 with nothing changed.
func (e *Env) allowHosts(yes bool) error {
	switch {
	case yes:
		return nil
	case !e.StdinIsTerminal:
		return usagef("This file names hosts outside Zoom (listed above), and stdin is not a terminal to ask whether you trust them; nothing was imported. Review the hosts and, if you trust every one, run the import again with --yes.")
	}
	fmt.Fprint(e.Stderr, "Import and allow these hosts? [y/N] ")
	answer, err := e.stdin.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return nil
	}
	if !strings.HasSuffix(answer, "\n") { // end the prompt's line
		fmt.Fprintln(e.Stderr)
	}
	return usagef("You did not allow the hosts outside Zoom; nothing was imported.")
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("cannot read %s: %v", path, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, store.MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return raw, nil
}

// asUsage reports a bad import/export request (malformed file, unknown or
// duplicate name) as invalid input: exit code 2, nothing changed.
func asUsage(err error) error {
	var ie *store.ImportError
	if errors.As(err, &ie) {
		return usagef("%s", ie.Error())
	}
	return err
}
