package cli

// zoomconn export: connections and OAuth clients as JSON, never secrets.

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"zoomconn/auth/store"
)

// ExportOptions are export's arguments and flags.
type ExportOptions struct {
	Env   *Env
	Names []string // connections and OAuth clients; none: everything
	File  string   // "": stdout
}

// NewCmdExport is `zoomconn export [NAME...]`; runF, if not nil, is called
// instead of the command's work.
func NewCmdExport(e *Env, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Env: e}
	c := &cobra.Command{
		Use: "export [NAME...]", Short: "Export connections, OAuth clients and SDK credentials as JSON (never secrets)", GroupID: "store",
		Long: "Export connections, OAuth clients and SDK credentials as JSON, to stdout or --file. A NAME may be a connection's (its OAuth client comes along), " +
			"an OAuth client's or an SDK credential's; no names means everything. Secrets and tokens are never included.",
		Example:           "  zoomconn export > zoomconn.json\n  zoomconn export Reports Me --file some.json",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: e.completeExportNames,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Names = args
			return runOrTest(e, c, noSecrets, opts, runF, exportRun)
		},
	}
	c.Flags().StringVar(&opts.File, "file", "", "write to this `FILE` instead of stdout")
	return c
}

// exportRun writes connections and OAuth clients (never secrets or tokens)
// as JSON to stdout or --file.
func exportRun(opts *ExportOptions) error {
	e := opts.Env
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	raw, err := store.Export(d, opts.Names)
	if err != nil {
		return asUsage(err)
	}
	if opts.File == "" {
		_, err = e.Stdout.Write(raw)
		return err
	}
	if err := os.WriteFile(opts.File, raw, 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", opts.File, err)
	}
	fmt.Fprintf(e.Stderr, "Exported to %s (no secrets or tokens; they are asked for on import).\n", opts.File)
	return nil
}
