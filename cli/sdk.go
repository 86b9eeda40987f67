package cli

// zoomconn sdk: JWTs and join tokens for Zoom's SDKs, signed here with a
// stored secret (the parent of sdk meeting-signature, video-token, zak,
// obf and decode), and what they share: the expiry and format flags and
// the printing of a signature.

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth/access"
)

// NewCmdSDK is `zoomconn sdk COMMAND`.
func NewCmdSDK(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "sdk COMMAND",
		Short: "Sign Meeting SDK and Video SDK JWTs; fetch ZAK and on-behalf tokens",
		Long: "Make what Zoom's SDKs join with, so the SDK secret never leaves the keyring: a Meeting SDK signature (sdk meeting-signature), signed with an OAuth client's Client ID and secret or a legacy Meeting SDK credential's; " +
			"a Video SDK token (sdk video-token), signed with a Video SDK credential's; a user's ZAK (sdk zak) or an on-behalf token for one meeting (sdk obf), fetched with an OAuth 2.0 connection; " +
			"and the check of a JWT that Zoom calls invalid (sdk decode), which names the wrong claim.\n\n" +
			"Every limit is checked before signing: the lifetime (exp − iat) is 30 minutes to 48 hours (default 2h), roles are 0 or 1, a session name at most 200 characters. " +
			"A JWT or token is a bearer credential: it goes to stdout only, is never logged, and is for the app that joins.",
		Example: "  zoomconn sdk meeting-signature Team --meeting 98765432101 --role 0\n  zoomconn sdk video-token Video --session standup --role 1\n  zoomconn sdk zak Me\n  zoomconn sdk decode < signature.txt",
		GroupID: "sdk",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return usagef("missing command: meeting-signature, video-token, zak, obf or decode")
		},
	}
	c.AddCommand(NewCmdSDKMeetingSignature(e, nil), NewCmdSDKVideoToken(e, nil), NewCmdSDKZAK(e, nil), NewCmdSDKOBF(e, nil), NewCmdSDKDecode(e, nil))
	return c
}

// sdkOutput are the flags every signing command shares.
type sdkOutput struct {
	Expires time.Duration
	Format  string // raw or json
}

func addSDKOutputFlags(fs *pflag.FlagSet, o *sdkOutput) {
	fs.DurationVar(&o.Expires, "expires", access.SDKDefaultLifetime, "the JWT's lifetime, exp − iat: 30m to 48h")
	fs.StringVar(&o.Format, "format", "raw", "raw (the JWT alone) or json (signature, sdk_key, expires_at, claims)")
}

// lifetime is --expires for the core, which reads 0 as its default: an
// explicit 0 is refused there as 0 s.
func (o sdkOutput) lifetime() (time.Duration, error) {
	switch o.Format {
	case "raw", "json":
	default:
		return 0, usagef("--format must be raw or json, not %q", o.Format)
	}
	if o.Expires == 0 {
		return time.Nanosecond, nil
	}
	return o.Expires, nil
}

// sdkDoc is a signature with --format json.
type sdkDoc struct {
	Signature string `json:"signature"`
	SDKKey    string `json:"sdk_key"`
	ExpiresAt string `json:"expires_at"`
	Claims    any    `json:"claims"`
}

// printSignature prints the JWT on stdout only: it is a bearer credential.
func printSignature(e *Env, format string, sig *access.Signature) error {
	if format == "json" {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sdkDoc{Signature: sig.JWT, SDKKey: sig.SDKKey, ExpiresAt: sig.ExpiresAt.UTC().Format(time.RFC3339), Claims: sig.Claims})
	}
	_, err := fmt.Fprintln(e.Stdout, sig.JWT)
	return err
}
