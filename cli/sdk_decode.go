package cli

// zoomconn sdk decode: why Zoom calls a signature invalid. A JWT on stdin,
// shown claim by claim, each claim Zoom would refuse named with its range,
// and, for one signed with a stored credential, whether it verifies.

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
	"zoomconn/internal/shell"
)

// SDKDecodeOptions are sdk decode's options (the JWT comes on stdin).
type SDKDecodeOptions struct {
	Env *Env
}

// NewCmdSDKDecode is `zoomconn sdk decode`; runF, if not nil, is called
// instead of the command's work.
func NewCmdSDKDecode(e *Env, runF func(*SDKDecodeOptions) error) *cobra.Command {
	opts := &SDKDecodeOptions{Env: e}
	return &cobra.Command{
		Use:   "decode",
		Short: "Show a Meeting SDK signature or Video SDK token and what Zoom would refuse in it",
		Long: "Read a JWT on stdin and show its header and claims, name every claim Zoom would refuse with the range it accepts (\"exp − iat is 1,799 s; Zoom needs 1,800 to 172,800\"), " +
			"when it expires, and, when a stored SDK credential or OAuth client has its key, whether that secret signed it. " +
			"It exits 0 when Zoom would accept it, 1 when not. The JWT is read from stdin only, never from an argument.",
		Example:           "  zoomconn sdk decode < signature.txt\n  pbpaste | zoomconn sdk decode",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, _ []string) error {
			return runOrTest(e, c, withSecrets, opts, runF, sdkDecodeRun)
		},
	}
}

func sdkDecodeRun(opts *SDKDecodeOptions) error {
	e := opts.Env
	raw, err := io.ReadAll(io.LimitReader(e.stdin, 64<<10))
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(raw)) == "" {
		return usagef("expected a JWT on stdin, but stdin was empty.")
	}
	d, err := e.service().DecodeJWT(string(raw))
	if err != nil {
		return err
	}
	at := time.Now()
	if e.Now != nil {
		at = e.Now()
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HEADER\t")
	for _, f := range d.Header {
		fmt.Fprintf(tw, "  %s\t%s\n", shown(f.Name), shown(string(f.Value)))
	}
	kind := map[access.SDKKind]string{access.SDKKindMeeting: " (Meeting SDK signature)", access.SDKKindVideo: " (Video SDK token)"}[d.Kind]
	fmt.Fprintf(tw, "CLAIMS%s\t\n", kind)
	for _, f := range d.Claims {
		v := shown(string(f.Value))
		if (f.Name == "iat" || f.Name == "exp" || f.Name == "tokenExp") && !d.IssuedAt.IsZero() && !d.Expires.IsZero() {
			var secs int64
			if _, err := fmt.Sscan(string(f.Value), &secs); err == nil {
				v += "  (" + time.Unix(secs, 0).UTC().Format("2006-01-02 15:04:05 UTC") + ")"
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\n", shown(f.Name), v)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout)
	switch {
	case d.Verified:
		fmt.Fprintf(e.Stdout, "Signature: verifies with the secret of %q.\n", shown(d.VerifiedBy))
	case len(d.Signers) > 0 && d.VerifyErr != nil:
		fmt.Fprintf(e.Stdout, "Signature: not checked: %s\n", forTerminal(message(d.VerifyErr)))
	case len(d.Signers) > 0:
		fmt.Fprintf(e.Stdout, "Signature: does NOT verify with the secret of %s, which has this key: it was signed with another secret (Zoom says the signature is invalid).\n", quotedNames(d.Signers))
	case d.Key != "":
		fmt.Fprintf(e.Stdout, "Signature: not checked: no stored SDK credential or OAuth client has the key %s.\n", shown(d.Key))
	}
	switch {
	case d.Expires.IsZero():
	case at.Before(d.Expires):
		fmt.Fprintf(e.Stdout, "Expires: %s, in %s.\n", d.Expires.Local().Format("2006-01-02 15:04:05 MST"), d.Expires.Sub(at).Round(time.Second))
	default:
		fmt.Fprintf(e.Stdout, "Expired: %s, %s ago.\n", d.Expires.Local().Format("2006-01-02 15:04:05 MST"), at.Sub(d.Expires).Round(time.Second))
	}
	bad := len(d.Problems) > 0 || (len(d.Signers) > 0 && !d.Verified && d.VerifyErr == nil)
	if len(d.Problems) == 0 {
		if !bad {
			fmt.Fprintln(e.Stdout, "Zoom would accept these claims.")
		}
		if bad {
			return exitCode(ExitFailed)
		}
		return nil
	}
	fmt.Fprintln(e.Stdout, "Zoom would refuse it:")
	for _, p := range d.Problems {
		fmt.Fprintf(e.Stdout, "  - %s\n", forTerminal(p.Error()))
	}
	return exitCode(ExitFailed)
}

// quotedNames is `"a" or "b"`.
func quotedNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = shell.Quote(shown(n))
	}
	return strings.Join(q, " or ")
}
