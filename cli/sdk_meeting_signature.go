package cli

// zoomconn sdk meeting-signature: a Meeting SDK signature signed with an
// OAuth client or a Meeting SDK credential.

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth/access"
)

// SDKMeetingSignatureOptions are sdk meeting-signature's argument and flags.
type SDKMeetingSignatureOptions struct {
	Env     *Env
	Name    string
	Meeting string // the meeting number, as Zoom shows it
	Role    int
	Output  sdkOutput
	Flags   *pflag.FlagSet
}

// NewCmdSDKMeetingSignature is `zoomconn sdk meeting-signature NAME`; runF,
// if not nil, is called instead of the command's work.
func NewCmdSDKMeetingSignature(e *Env, runF func(*SDKMeetingSignatureOptions) error) *cobra.Command {
	opts := &SDKMeetingSignatureOptions{Env: e}
	c := &cobra.Command{
		Use:   "meeting-signature NAME [--meeting N --role 0|1]",
		Short: "Print a Meeting SDK signature signed with an OAuth client or Meeting SDK credential",
		Long: "Print a Meeting SDK signature (a JWT: appKey, sdkKey, mn, role, iat, exp, tokenExp) signed with NAME's secret: an OAuth client's Client ID and Client secret (Meeting SDK apps made after 11 Feb 2023), " +
			"or a legacy Meeting SDK credential's SDK key and secret (add-sdk --type meeting). " +
			"The web SDK needs --meeting and --role (0 attendee, 1 host) together; the native SDKs take neither. stdout carries only the JWT (or, with --format json, the JWT, its SDK key, expiry and claims).",
		Example:           "  SIGNATURE=$(zoomconn sdk meeting-signature Team --meeting 98765432101 --role 0)\n  zoomconn sdk meeting-signature Legacy --expires 24h --format json",
		Args:              e.exactArgs(1, signerName),
		ValidArgsFunction: e.completeSigners(true),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, sdkMeetingSignatureRun)
		},
	}
	fs := c.Flags()
	opts.Flags = fs
	fs.StringVar(&opts.Meeting, "meeting", "", "the meeting or webinar `NUMBER` (spaces allowed, as Zoom shows it)")
	fs.IntVar(&opts.Role, "role", 0, "0 attendee or 1 host (with --meeting)")
	addSDKOutputFlags(fs, &opts.Output)
	return c
}

func sdkMeetingSignatureRun(opts *SDKMeetingSignatureOptions) error {
	e := opts.Env
	set := flagsSet(opts.Flags)
	lifetime, err := opts.Output.lifetime()
	if err != nil {
		return err
	}
	in := access.MeetingSignatureInput{Lifetime: lifetime}
	switch {
	case set["meeting"] && !set["role"]:
		return usagef("--meeting needs --role 0 (attendee) or 1 (host): the web SDK reads them together.")
	case set["role"] && !set["meeting"]:
		return usagef("--role needs --meeting N: the web SDK reads them together, and the native SDKs take neither.")
	case set["meeting"]:
		if in.MeetingNumber, err = access.ParseMeetingNumber(opts.Meeting); err != nil {
			return err
		}
		role := opts.Role
		in.Role = &role
	}
	sig, err := e.service().MeetingSignature(opts.Name, in)
	if err != nil {
		return err
	}
	return printSignature(e, opts.Output.Format, sig)
}
