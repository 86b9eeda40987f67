package cli

// The list command: connections and OAuth clients as a table or as JSON,
// read from the metadata file only (listing never asks the keyring).

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/internal/safetext"
	"zoomconn/internal/shell"
)

type listedConnection struct {
	Name        string           `json:"name"`
	Type        auth.AuthType    `json:"type"`
	Endpoints   string           `json:"endpoints"`
	OAuthClient string           `json:"oauth_client,omitempty"`
	Status      string           `json:"status"`
	Secrets     string           `json:"secrets"`
	LastTest    *auth.TestResult `json:"last_test,omitempty"`
	TokenExpiry *time.Time       `json:"token_expiry,omitempty"`
	// APIBase is where its API calls go: for Zoom's own API, the regional
	// api_url of its last token (from the metadata file, not the keyring).
	APIBase string `json:"api_base"`
}

type listedClient struct {
	Name        string          `json:"name"`
	ClientID    string          `json:"client_id"`
	Kind        auth.ClientKind `json:"kind"`
	RedirectURL string          `json:"redirect_url"`
	UsedBy      int             `json:"used_by"`
	// Endpoints is the preset; TokenURL is where its secret goes.
	Endpoints    string `json:"endpoints"`
	TokenURL     string `json:"token_url"`
	SecretNeeded bool   `json:"secret_needed,omitempty"`
}

type listedSDK struct {
	Name   string       `json:"name"`
	Type   auth.SDKType `json:"type"`
	SDKKey string       `json:"sdk_key"`
}

// ListOptions are list's flags.
type ListOptions struct {
	Env  *Env
	JSON bool
}

// NewCmdList is `zoomconn list`; runF, if not nil, is called instead of
// the command's work (tests check what was parsed).
func NewCmdList(e *Env, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{Env: e}
	c := &cobra.Command{
		Use: "list", Short: "List connections, OAuth clients and SDK credentials", GroupID: "connections",
		Long: "List connections, OAuth clients and SDK credentials: type, endpoints, where the secrets live, token expiry and status. " +
			"It reads the metadata file only and never asks the keyring.",
		Example:           "  zoomconn list\n  zoomconn list --json | jq -r '.connections[].name'",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, _ []string) error {
			return runOrTest(e, c, noSecrets, opts, runF, listRun)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return c
}

// listRun reads only the metadata file: listing never asks the keyring.
func listRun(opts *ListOptions) error {
	e := opts.Env
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	conns := []listedConnection{}
	for _, c := range sortedNames(d.Connections, func(c auth.Connection) string { return c.Name }) {
		lc := listedConnection{Name: shown(c.Name), Type: auth.AuthType(shown(string(c.Type))), Endpoints: shown(string(c.Endpoints.Preset)), Status: c.Status(), Secrets: d.Backend().Describe(), TokenExpiry: c.TokenExpiry,
			APIBase: shown(d.APIBaseURL(&c, c.TokenAPIURL))}
		if c.LastTest != nil {
			t := *c.LastTest
			t.Message = shown(t.Message)
			lc.LastTest = &t
		}
		if cl, ok := d.ClientByID(c.OAuthClientID); ok {
			lc.OAuthClient = shown(cl.Name)
		}
		conns = append(conns, lc)
	}
	clients := []listedClient{}
	for _, c := range sortedNames(d.Clients, func(c auth.OAuthClient) string { return c.Name }) {
		clients = append(clients, listedClient{Name: shown(c.Name), ClientID: shown(c.ClientID), Kind: auth.ClientKind(shown(string(c.Kind))), RedirectURL: access.RedirectURLFor(c.Port), UsedBy: len(d.ConnectionsUsing(c.ID)),
			Endpoints: shown(string(c.Endpoints.Preset)), TokenURL: shown(c.Endpoints.TokenURL), SecretNeeded: c.SecretNeeded})
	}
	sdks := []listedSDK{}
	for _, c := range sortedNames(d.SDKCredentials, func(c auth.SDKCredential) string { return c.Name }) {
		sdks = append(sdks, listedSDK{Name: shown(c.Name), Type: auth.SDKType(shown(string(c.Type))), SDKKey: shown(c.SDKKey)})
	}
	if opts.JSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Connections []listedConnection `json:"connections"`
			Clients     []listedClient     `json:"oauth_clients"`
			SDK         []listedSDK        `json:"sdk_credentials"`
		}{conns, clients, sdks})
	}
	if len(conns) == 0 && len(clients) == 0 && len(sdks) == 0 {
		fmt.Fprintln(e.Stderr, "No connections yet. Add one with `zoomconn add-s2s` or `zoomconn add-client` + `zoomconn add-oauth`, or open the app.")
		return nil
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CONNECTION\tAUTH TYPE\tENDPOINTS\tSECRETS IN\tTOKEN EXPIRES\tSTATUS")
	for _, c := range conns {
		status := c.Status
		if c.LastTest != nil && !c.LastTest.OK && status == "failing" {
			status += ": " + c.LastTest.Message
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Name, c.Type.Label(), c.Endpoints, c.Secrets, formatExpiry(c.TokenExpiry), status)
	}
	if len(clients) > 0 {
		fmt.Fprintln(tw, "\nOAUTH CLIENT\tKIND\tUSED BY\tENDPOINTS\tREDIRECT URL\t")
		for _, c := range clients {
			ep := auth.EndpointPreset(c.Endpoints).Label()
			if c.Endpoints == string(auth.PresetCustom) {
				ep += " (" + c.TokenURL + ")"
			}
			if c.SecretNeeded {
				ep += "; enter the client secret again: zoomconn edit-client " + shell.Quote(c.Name) + " --secret"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t\n", c.Name, c.Kind, c.UsedBy, ep, c.RedirectURL)
		}
	}
	if len(sdks) > 0 {
		fmt.Fprintln(tw, "\nSDK CREDENTIAL\tTYPE\tSDK KEY\t")
		for _, c := range sdks {
			fmt.Fprintf(tw, "%s\t%s\t%s\t\n", c.Name, c.Type.Label(), c.SDKKey)
		}
	}
	return tw.Flush()
}

// shown makes text read back from the metadata file safe to print: an
// older version stored server text and names as they came.
func shown(s string) string { return safetext.Clean(s, safetext.MaxShown) }

func formatExpiry(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func sortedNames[T any](items []T, name func(T) string) []T {
	out := append([]T(nil), items...)
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(name(out[i])) < strings.ToLower(name(out[j])) })
	return out
}
