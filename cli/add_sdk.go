package cli

// zoomconn add-sdk: add an SDK credential (a Video SDK or legacy Meeting
// SDK key); its SDK secret comes on stdin.

import (
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
)

// AddSDKOptions are add-sdk's argument and flags.
type AddSDKOptions struct {
	Env    *Env
	Name   string
	Type   string // video or meeting
	SDKKey string
}

// NewCmdAddSDK is `zoomconn add-sdk NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdAddSDK(e *Env, runF func(*AddSDKOptions) error) *cobra.Command {
	opts := &AddSDKOptions{Env: e}
	c := &cobra.Command{
		Use: "add-sdk NAME --type video|meeting --sdk-key KEY", Short: "Add an SDK credential (Video SDK or legacy Meeting SDK key)", GroupID: "sdk",
		Long: "Add an SDK credential: the SDK key and SDK secret that sign Video SDK tokens (--type video: a Video SDK account's, under Developer > SDK credentials in the Zoom Video SDK account) " +
			"or Meeting SDK signatures (--type meeting: a Meeting SDK app made before 11 Feb 2023, whose App credentials page shows an SDK key and secret; newer apps sign with their Client ID and secret, so add them with add-client). " +
			"The SDK secret is read from stdin (without echo on a terminal) and kept in the keyring or the encrypted file; it only signs on this machine.",
		Example:           "  zoomconn add-sdk Video --type video --sdk-key AbC123 < sdk-secret.txt\n  zoomconn add-sdk Legacy --type meeting --sdk-key XyZ789",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, addSDKRun)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.Type, "type", "", "video (a Video SDK account) or meeting (a legacy Meeting SDK app)")
	fs.StringVar(&opts.SDKKey, "sdk-key", "", "the SDK `KEY` (public; the secret comes on stdin)")
	return c
}

func addSDKRun(opts *AddSDKOptions) error {
	e := opts.Env
	in := auth.SDKInput{Name: opts.Name, Type: auth.SDKType(opts.Type), SDKKey: opts.SDKKey}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	// Everything but the secret first: a bad name asks for nothing.
	probe := in
	probe.Secret = "placeholder"
	if _, err := d.PlanSDK(probe); err != nil {
		return err
	}
	if in.Secret, err = e.readSecret(auth.FieldSDKSecret); err != nil {
		return err
	}
	res, err := e.Store.SaveSDK(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the %s credential %q; its SDK secret is in the %s.\n", res.Credential.Type.Label(), shown(res.Credential.Name), d.Backend().Describe())
	return nil
}
