package cli

// zoomconn sdk video-token: a Video SDK token signed with a Video SDK
// credential.

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth/access"
)

// SDKVideoTokenOptions are sdk video-token's argument and flags.
type SDKVideoTokenOptions struct {
	Env                    *Env
	Name                   string
	Session                string
	Role                   int
	UserIdentity           string
	SessionKey             string
	GeoRegions             []string
	CloudRecordingOption   int
	CloudRecordingElection int
	Output                 sdkOutput
	Flags                  *pflag.FlagSet
}

// NewCmdSDKVideoToken is `zoomconn sdk video-token NAME`; runF, if not
// nil, is called instead of the command's work.
func NewCmdSDKVideoToken(e *Env, runF func(*SDKVideoTokenOptions) error) *cobra.Command {
	opts := &SDKVideoTokenOptions{Env: e}
	c := &cobra.Command{
		Use:   "video-token NAME --session TOPIC --role 0|1",
		Short: "Print a Video SDK token signed with a Video SDK credential",
		Long: "Print a Video SDK token (a JWT: app_key, role_type, tpc, version, iat, exp and the optional claims given) signed with the Video SDK credential NAME (add-sdk --type video). " +
			"--session is the session name (tpc, at most 200 characters), --role 1 the host, 0 a participant. stdout carries only the JWT (or, with --format json, the JWT, its SDK key, expiry and claims).",
		Example:           "  TOKEN=$(zoomconn sdk video-token Video --session standup --role 1)\n  zoomconn sdk video-token Video --session standup --role 0 --user-identity ada --geo-regions US,DE",
		Args:              e.exactArgs(1, sdkName),
		ValidArgsFunction: e.completeSigners(false),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, sdkVideoTokenRun)
		},
	}
	fs := c.Flags()
	opts.Flags = fs
	fs.StringVar(&opts.Session, "session", "", "the session name (tpc), at most 200 characters")
	fs.IntVar(&opts.Role, "role", 0, "1 host or 0 participant (role_type)")
	fs.StringVar(&opts.UserIdentity, "user-identity", "", "user_identity: your `ID` for the user, at most 35 characters")
	fs.StringVar(&opts.SessionKey, "session-key", "", "session_key: at most 36 characters")
	fs.StringSliceVar(&opts.GeoRegions, "geo-regions", nil, "geo_regions: data centers, of AU BR CA CN DE HK IN JP MX NL SG US (comma-separated)")
	fs.IntVar(&opts.CloudRecordingOption, "cloud-recording-option", 0, "cloud_recording_option: 0 or 1")
	fs.IntVar(&opts.CloudRecordingElection, "cloud-recording-election", 0, "cloud_recording_election: 0 or 1")
	addSDKOutputFlags(fs, &opts.Output)
	return c
}

func sdkVideoTokenRun(opts *SDKVideoTokenOptions) error {
	e := opts.Env
	set := flagsSet(opts.Flags)
	switch {
	case !set["session"]:
		return usagef("--session TOPIC is required: the session name the SDK joins.")
	case !set["role"]:
		return usagef("--role is required: 1 (host) or 0 (participant).")
	}
	lifetime, err := opts.Output.lifetime()
	if err != nil {
		return err
	}
	in := access.VideoTokenInput{Session: opts.Session, Role: opts.Role, UserIdentity: opts.UserIdentity, SessionKey: opts.SessionKey,
		GeoRegions: opts.GeoRegions, Lifetime: lifetime}
	if set["cloud-recording-option"] {
		in.CloudRecordingOption = &opts.CloudRecordingOption
	}
	if set["cloud-recording-election"] {
		in.CloudRecordingElection = &opts.CloudRecordingElection
	}
	sig, err := e.service().VideoToken(opts.Name, in)
	if err != nil {
		return err
	}
	return printSignature(e, opts.Output.Format, sig)
}
