package cli

// zoomconn version: the version, as --version prints it.

import (
	"fmt"

	"github.com/spf13/cobra"
)

// VersionOptions are version's: it takes no argument or flag.
type VersionOptions struct {
	Env *Env
}

// NewCmdVersion is `zoomconn version`; runF, if not nil, is called
// instead of the command's work. It needs no configuration directory.
func NewCmdVersion(e *Env, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{Env: e}
	return &cobra.Command{
		Use: "version", Short: "Print the version",
		Long:              "Print the version, as `zoomconn --version` does.",
		Example:           "  zoomconn version",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			e.ran = true
			return versionRun(opts)
		},
	}
}

// versionRun prints the version, as --version does.
func versionRun(opts *VersionOptions) error {
	fmt.Fprintln(opts.Env.Stdout, "zoomconn", opts.Env.version())
	return nil
}
