package cli

// Shell completion: what each argument and flag completes to. Names come
// from the metadata file alone: completing never opens the keyring or the
// network, and never creates the configuration directory.

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
)

// metadata reads the metadata file for completion, or nil when there is
// none to read. Its store refuses every secret call.
func (e *Env) metadata() *auth.Data {
	s := e.Store
	if s == nil {
		dir := e.ConfigDir
		if dir == "" {
			var err error
			if dir, err = store.DefaultConfigDir(); err != nil {
				return nil
			}
		}
		if _, err := os.Stat(dir); err != nil {
			return nil // nothing saved yet; and completing creates nothing
		}
		var err error
		if s, err = store.Open(dir, refusedSecrets{}); err != nil {
			return nil
		}
	}
	d, err := s.Load()
	if err != nil {
		return nil
	}
	return d
}

// refusedSecrets is the secret store completion opens the metadata with:
// it answers no call, so completing can never reach a keyring.
type refusedSecrets struct{}

var errCompletionNeedsNoSecrets = errors.New("completion reads no secrets")

func (refusedSecrets) Get(string) (string, error) { return "", errCompletionNeedsNoSecrets }
func (refusedSecrets) Set(string, string) error   { return errCompletionNeedsNoSecrets }
func (refusedSecrets) Delete(string) error        { return errCompletionNeedsNoSecrets }

// connectionNames lists the names of the connections of type want ("":
// any), each with what it is; except those already given.
func (e *Env) connectionNames(want auth.AuthType, given []string) []cobra.Completion {
	d := e.metadata()
	if d == nil {
		return nil
	}
	var out []cobra.Completion
	for _, c := range sortedNames(d.Connections, func(c auth.Connection) string { return c.Name }) {
		if (want == "" || c.Type == want) && !slices.Contains(given, c.Name) {
			out = append(out, cobra.CompletionWithDesc(shown(c.Name), shown(fmt.Sprintf("%s connection, %s", c.Type.Label(), c.Status()))))
		}
	}
	return out
}

// clientNames lists the OAuth clients' names, except those already given.
func (e *Env) clientNames(given []string) []cobra.Completion {
	d := e.metadata()
	if d == nil {
		return nil
	}
	var out []cobra.Completion
	for _, c := range sortedNames(d.Clients, func(c auth.OAuthClient) string { return c.Name }) {
		if !slices.Contains(given, c.Name) {
			out = append(out, cobra.CompletionWithDesc(shown(c.Name), shown(fmt.Sprintf("OAuth client (%s), used by %d", c.Kind, len(d.ConnectionsUsing(c.ID))))))
		}
	}
	return out
}

// sdkNames lists the SDK credentials' names, of type want ("": any).
func (e *Env) sdkNames(want auth.SDKType) []cobra.Completion {
	d := e.metadata()
	if d == nil {
		return nil
	}
	var out []cobra.Completion
	for _, c := range sortedNames(d.SDKCredentials, func(c auth.SDKCredential) string { return c.Name }) {
		if want == "" || c.Type == want {
			out = append(out, cobra.CompletionWithDesc(shown(c.Name), c.Type.Label()+" credential"))
		}
	}
	return out
}

// completeSDK completes a command's one argument, an SDK credential.
func (e *Env) completeSDK(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return e.sdkNames(""), cobra.ShellCompDirectiveNoFileComp
}

// completeSigners completes what signs: for a Meeting SDK signature the
// Meeting SDK credentials and the OAuth clients, else the Video SDK ones.
func (e *Env) completeSigners(meeting bool) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if !meeting {
			return e.sdkNames(auth.SDKVideo), cobra.ShellCompDirectiveNoFileComp
		}
		return append(e.sdkNames(auth.SDKMeeting), e.clientNames(nil)...), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeConnections completes a command's one argument, a connection
// of type want ("": any).
func (e *Env) completeConnections(want auth.AuthType) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return e.connectionNames(want, nil), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeClients completes a command's one argument, an OAuth client.
func (e *Env) completeClients(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return e.clientNames(nil), cobra.ShellCompDirectiveNoFileComp
}

// completeExportNames completes export's names: connections and clients.
func (e *Env) completeExportNames(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	out := append(e.connectionNames("", args), e.clientNames(args)...)
	for _, c := range e.sdkNames("") {
		if name, _, _ := strings.Cut(c, "\t"); !slices.Contains(args, name) {
			out = append(out, c)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeAPI completes api's connection; its PATH is Zoom's to know.
func (e *Env) completeAPI(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return e.connectionNames("", nil), cobra.ShellCompDirectiveNoFileComp
}

// completeExec completes exec's connection, then "--", then the program
// and its arguments as the shell would.
func (e *Env) completeExec(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch {
	case len(args) == 0:
		return e.connectionNames("", nil), cobra.ShellCompDirectiveNoFileComp
	case !slices.Contains(args, "--"):
		return []cobra.Completion{"--\tthe program to run comes next"}, cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveDefault
}

// completeFiles completes a file name.
func (e *Env) completeFiles(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveDefault
}

// completeFlags registers what the flags' values complete to. Main calls
// it only when completing: cobra keeps these in a table of its own for the
// life of the process.
func (e *Env) completeFlags(root *cobra.Command) {
	fixed := func(choices ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp)
	}
	byName := map[string]cobra.CompletionFunc{
		"client": func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return e.clientNames(nil), cobra.ShellCompDirectiveNoFileComp
		},
		"endpoints": fixed("zoom\tZoom", "zoomgov\tZoomGov", "custom\tyour own URLs: --authorize-url, --token-url, --revoke-url, --api-url, --events-url, --mcp-url"),
		"format":    fixed("raw\tthe token alone", "json\ttoken, expiry, API URL and scopes", "header\tAuthorization: Bearer …", "env\texport ZOOM_ACCESS_TOKEN=…"),
		"method":    fixed("GET", "POST", "PATCH", "PUT", "DELETE"),
		"public":    fixed("true", "false"),
		"file":      cobra.FixedCompletions(nil, cobra.ShellCompDirectiveDefault),
		"input":     cobra.FixedCompletions(nil, cobra.ShellCompDirectiveDefault),
	}
	sdkFlags := map[string]cobra.CompletionFunc{
		"format":                   fixed("raw\tthe JWT alone", "json\tsignature, sdk_key, expires_at and claims"),
		"type":                     fixed("video\ta Video SDK account's SDK key", "meeting\ta legacy Meeting SDK app's SDK key"),
		"role":                     fixed("0\tattendee (participant)", "1\thost"),
		"cloud-recording-option":   fixed("0", "1"),
		"cloud-recording-election": fixed("0", "1"),
		"expires":                  fixed("30m", "2h", "24h", "48h"),
		"geo-regions":              fixed(access.GeoRegions()...),
	}
	commands := root.Commands()
	for _, c := range root.Commands() {
		if c.Name() == "sdk" {
			commands = append(commands, c.Commands()...)
		}
	}
	for _, c := range commands {
		sdk := c.Name() == "add-sdk" || c.HasParent() && c.Parent().Name() == "sdk"
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if complete, ok := sdkFlags[f.Name]; ok && sdk {
				_ = c.RegisterFlagCompletionFunc(f.Name, complete)
				return
			}
			complete, ok := byName[f.Name]
			if !ok && f.NoOptDefVal == "" {
				complete, ok = cobra.NoFileCompletions, true // IDs, names, URLs, fields
			}
			if ok {
				_ = c.RegisterFlagCompletionFunc(f.Name, complete)
			}
		})
	}
}
