package cli

// zoomconn edit-sdk: rename an SDK credential or change its key or
// secret; a new SDK secret comes on stdin.

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth"
)

// EditSDKOptions are edit-sdk's argument and flags; Flags says which were
// given.
type EditSDKOptions struct {
	Env    *Env
	Name   string
	Rename string // --name
	SDKKey string
	Secret bool // --secret: read a new SDK secret
	Flags  *pflag.FlagSet
}

// NewCmdEditSDK is `zoomconn edit-sdk NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdEditSDK(e *Env, runF func(*EditSDKOptions) error) *cobra.Command {
	opts := &EditSDKOptions{Env: e}
	c := &cobra.Command{
		Use: "edit-sdk NAME", Short: "Change an SDK credential", GroupID: "sdk",
		Long: "Change an SDK credential's name, SDK key or SDK secret. A new SDK key needs its secret: it is read from stdin then, or with --secret. " +
			"The type (video or meeting) stays; to change it, remove the credential and add it again.",
		Example:           "  zoomconn edit-sdk Video --name \"Video prod\"\n  zoomconn edit-sdk Video --secret < new-secret.txt",
		Args:              e.exactArgs(1, sdkName),
		ValidArgsFunction: e.completeSDK,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, editSDKRun)
		},
	}
	fs := c.Flags()
	opts.Flags = fs
	fs.StringVar(&opts.Rename, "name", "", "a new name")
	fs.StringVar(&opts.SDKKey, "sdk-key", "", "a new SDK `KEY` (its SDK secret is then read from stdin)")
	fs.BoolVar(&opts.Secret, "secret", false, "read a new SDK secret from stdin")
	return c
}

func editSDKRun(opts *EditSDKOptions) error {
	e := opts.Env
	set := flagsSet(opts.Flags)
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	c, ok := d.SDKCredential(opts.Name)
	if !ok {
		return d.SDKNotFound(opts.Name)
	}
	in := auth.SDKInput{ID: c.ID, Name: c.Name, SDKKey: c.SDKKey}
	if set["name"] {
		in.Name = opts.Rename
	}
	if set["sdk-key"] {
		in.SDKKey = opts.SDKKey
	}
	needs := set["sdk-key"] && in.SDKKey != c.SDKKey
	if !needs && !opts.Secret {
		if _, err := d.PlanSDK(in); err != nil {
			return err
		}
	} else {
		probe := in
		probe.Secret = "placeholder"
		if _, err := d.PlanSDK(probe); err != nil {
			return err
		}
		if needs && !opts.Secret {
			fmt.Fprintln(e.Stderr, "A new SDK key needs its SDK secret: a secret signs for its own key.")
		}
		if in.Secret, err = e.readSecret(auth.FieldSDKSecret); err != nil {
			return err
		}
	}
	res, err := e.Store.SaveSDK(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the %s credential %q.\n", res.Credential.Type.Label(), shown(res.Credential.Name))
	renamed(e, c.Name, res.Credential.Name)
	return nil
}
