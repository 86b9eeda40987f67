package cli

// zoomconn remove-sdk: delete an SDK credential and its SDK secret.

import (
	"fmt"

	"github.com/spf13/cobra"
)

// RemoveSDKOptions are remove-sdk's argument.
type RemoveSDKOptions struct {
	Env  *Env
	Name string
}

// NewCmdRemoveSDK is `zoomconn remove-sdk NAME`; runF, if not nil, is
// called instead of the command's work.
func NewCmdRemoveSDK(e *Env, runF func(*RemoveSDKOptions) error) *cobra.Command {
	opts := &RemoveSDKOptions{Env: e}
	return &cobra.Command{
		Use: "remove-sdk NAME", Short: "Delete an SDK credential and its SDK secret", GroupID: "sdk",
		Long:              "Delete an SDK credential and its stored SDK secret. JWTs it signed stay valid at Zoom until they expire.",
		Example:           "  zoomconn remove-sdk Video",
		Args:              e.exactArgs(1, sdkName),
		ValidArgsFunction: e.completeSDK,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, removeSDKRun)
		},
	}
}

func removeSDKRun(opts *RemoveSDKOptions) error {
	e := opts.Env
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	c, ok := d.SDKCredential(opts.Name)
	if !ok {
		return d.SDKNotFound(opts.Name)
	}
	name := c.Name
	if err := e.Store.DeleteSDK(name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the SDK credential %q and its stored SDK secret.\n", shown(name))
	return nil
}
