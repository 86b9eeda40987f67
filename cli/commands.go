package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"zoomconn/auth"
)

func runVersion(_ context.Context, e *Env, args []string) error {
	if _, err := parse(flag.NewFlagSet("version", flag.ContinueOnError), e, "version", args, 0, 0); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "zoomconn", e.Version)
	return nil
}

type listedConnection struct {
	Name        string           `json:"name"`
	Type        auth.AuthType    `json:"type"`
	Endpoints   string           `json:"endpoints"`
	OAuthClient string           `json:"oauth_client,omitempty"`
	Status      string           `json:"status"`
	Secrets     string           `json:"secrets"`
	LastTest    *auth.TestResult `json:"last_test,omitempty"`
	TokenExpiry *time.Time       `json:"token_expiry,omitempty"`
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

// runList reads only the metadata file: listing never asks the keyring.
func runList(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, e, "list", args, 0, 0); err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	conns := []listedConnection{}
	for _, c := range sortedNames(d.Connections, func(c auth.Connection) string { return c.Name }) {
		lc := listedConnection{Name: shown(c.Name), Type: auth.AuthType(shown(string(c.Type))), Endpoints: shown(string(c.Endpoints.Preset)), Status: c.Status(), Secrets: d.Backend().Describe(), TokenExpiry: c.TokenExpiry}
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
		clients = append(clients, listedClient{Name: shown(c.Name), ClientID: shown(c.ClientID), Kind: auth.ClientKind(shown(string(c.Kind))), RedirectURL: auth.RedirectURLFor(c.Port), UsedBy: len(d.ConnectionsUsing(c.ID)),
			Endpoints: shown(string(c.Endpoints.Preset)), TokenURL: shown(c.Endpoints.TokenURL), SecretNeeded: c.SecretNeeded})
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Connections []listedConnection `json:"connections"`
			Clients     []listedClient     `json:"oauth_clients"`
		}{conns, clients})
	}
	if len(conns) == 0 && len(clients) == 0 {
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
				ep += "; enter the client secret again: zoomconn edit-client " + auth.ShellQuote(c.Name) + " --secret"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t\n", c.Name, c.Kind, c.UsedBy, ep, c.RedirectURL)
		}
	}
	return tw.Flush()
}

// shown makes text read back from the metadata file safe to print: an
// older version stored server text and names as they came.
func shown(s string) string { return auth.SafeText(s, auth.MaxShownText) }

func formatExpiry(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func oneName(e *Env, cmd string, args []string) (string, error) {
	pos, err := parse(flag.NewFlagSet(cmd, flag.ContinueOnError), e, cmd, args, 1, 1)
	if err != nil {
		return "", err
	}
	return pos[0], nil
}

// runToken prints only the access token on stdout, for scripts:
// TOKEN=$(zoomconn token NAME).
func runToken(ctx context.Context, e *Env, args []string) error {
	name, err := oneName(e, "token", args)
	if err != nil {
		return err
	}
	t, err := e.service().Token(ctx, name)
	var unsaved *auth.RefreshTokenNotSavedError
	if errors.As(err, &unsaved) && t != nil {
		// The token is valid for this call; the exit code and stderr say
		// the connection must be authorized again.
		fmt.Fprintln(e.Stdout, t.AccessToken)
		return err
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, t.AccessToken)
	return nil
}

func runTest(ctx context.Context, e *Env, args []string) error {
	name, err := oneName(e, "test", args)
	if err != nil {
		return err
	}
	rep, err := e.service().Test(ctx, name)
	if err != nil {
		return err
	}
	printIdentity(e, rep.Identity, rep.Scopes, rep.Expiry)
	if rep.Note != "" {
		fmt.Fprintln(e.Stdout, "Note:       "+rep.Note)
	}
	return nil
}

func printIdentity(e *Env, id auth.Identity, scopes []string, expiry time.Time) {
	fmt.Fprintln(e.Stdout, "OK")
	if who := id.String(); who != "" {
		fmt.Fprintln(e.Stdout, "User:       "+who)
	}
	if id.AccountID != "" {
		fmt.Fprintln(e.Stdout, "Account:    "+id.AccountID)
	}
	fmt.Fprintln(e.Stdout, "Scopes:     "+strings.Join(scopes, " "))
	fmt.Fprintln(e.Stdout, "Expires:    "+expiry.Local().Format(time.RFC1123))
}

func runLogin(ctx context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	noBrowser := fs.Bool("no-browser", false, "do not open a browser; open the printed URL yourself")
	pos, err := parse(fs, e, "login", args, 1, 1)
	if err != nil {
		return err
	}
	res, err := e.service().Login(ctx, pos[0], auth.LoginOptions{
		NoBrowser: *noBrowser,
		Ready: func(u string) {
			fmt.Fprintf(e.Stderr, "Open this URL to authorize (waiting up to 5 minutes):\n\n  %s\n\n", u)
			fmt.Fprintln(e.Stderr, "If Zoom says \"Invalid redirect\" (4700), register http://127.0.0.1/oauth/callback as the app's Redirect URL and Allow List entry.")
		},
		BrowserError: func(err error) {
			fmt.Fprintf(e.Stderr, "Could not open a browser (%v); open the URL above yourself.\n", err)
		},
	})
	if err != nil {
		return err
	}
	printIdentity(e, res.Identity, res.Scopes, res.Expiry)
	return nil
}

func runRevoke(ctx context.Context, e *Env, args []string) error {
	name, err := oneName(e, "revoke", args)
	if err != nil {
		return err
	}
	msg, err := e.service().Revoke(ctx, name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stderr, msg)
	return nil
}

func runRemove(_ context.Context, e *Env, args []string) error {
	name, err := oneName(e, "remove", args)
	if err != nil {
		return err
	}
	if err := e.Store.DeleteConnection(name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the connection %q and its stored secrets from this computer. Its authorization at Zoom was not revoked (use `zoomconn revoke` before removing to do that).\n", name)
	return nil
}

func runRemoveClient(_ context.Context, e *Env, args []string) error {
	name, err := oneName(e, "remove-client", args)
	if err != nil {
		return err
	}
	if err := e.Store.DeleteClient(name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the OAuth client %q and its stored secret.\n", name)
	return nil
}

// endpointFlags are shared by add-s2s, add-client and add-oauth.
type endpointFlags struct {
	preset, authorize, token, revoke, api *string
}

// addEndpointFlags defines the endpoint flags; preset is the default of
// --endpoints ("" for add-oauth, whose endpoints come from its client).
func addEndpointFlags(fs *flag.FlagSet, preset, presetHelp string) endpointFlags {
	return endpointFlags{
		preset:    fs.String("endpoints", preset, presetHelp),
		authorize: fs.String("authorize-url", "", "custom authorize URL"),
		token:     fs.String("token-url", "", "custom token URL"),
		revoke:    fs.String("revoke-url", "", "custom revoke URL"),
		api:       fs.String("api-url", "", "custom API base URL"),
	}
}

func (f endpointFlags) endpoints() (auth.Endpoints, error) {
	p := auth.EndpointPreset(*f.preset)
	if p == "" && *f.api != "" {
		return auth.Endpoints{APIBaseURL: *f.api}, nil
	}
	if p != auth.PresetCustom {
		if *f.authorize+*f.token+*f.revoke+*f.api != "" {
			return auth.Endpoints{}, usagef("--authorize-url, --token-url, --revoke-url and --api-url need --endpoints custom")
		}
		return auth.Endpoints{Preset: p}, nil
	}
	return auth.CustomEndpoints(*f.authorize, *f.token, *f.revoke, *f.api), nil
}

func runAddS2S(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("add-s2s", flag.ContinueOnError)
	accountID := fs.String("account-id", "", "the Server-to-Server app's Account ID")
	clientID := fs.String("client-id", "", "the Server-to-Server app's Client ID")
	ep := addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (the client secret is sent only to these)")
	pos, err := parse(fs, e, "add-s2s", args, 1, 1)
	if err != nil {
		return err
	}
	endpoints, err := ep.endpoints()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: pos[0], Type: auth.AuthS2S, AccountID: *accountID, ClientID: *clientID, Endpoints: endpoints}
	// Check everything else before asking for the secret.
	if err := validateConn(e, in, true); err != nil {
		return err
	}
	if in.ClientSecret, err = e.readSecret("Client secret"); err != nil {
		return err
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Check it with `zoomconn test %s`.\n", res.Connection.Name, auth.ShellQuote(res.Connection.Name))
	return nil
}

// validateConn checks input before a secret is asked for; ignoreSecret
// skips the secret-required rule since the secret is not read yet.
func validateConn(e *Env, in auth.ConnectionInput, ignoreSecret bool) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if ignoreSecret {
		in.ClientSecret = "placeholder"
	}
	return d.ValidateConnection(in)
}

func runAddClient(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("add-client", flag.ContinueOnError)
	clientID := fs.String("client-id", "", "the General app's Client ID")
	public := fs.Bool("public", false, "a public client: PKCE and no client secret")
	port := fs.Int("port", 0, "fixed loopback port for the redirect (default: a free port each time)")
	ep := addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment, for all its connections (the client secret is sent only to these)")
	pos, err := parse(fs, e, "add-client", args, 1, 1)
	if err != nil {
		return err
	}
	endpoints, err := ep.endpoints()
	if err != nil {
		return err
	}
	in := auth.ClientInput{Name: pos[0], ClientID: *clientID, Public: *public, Port: *port, Endpoints: endpoints}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	probe := in
	probe.ClientSecret = "placeholder"
	if err := d.ValidateClient(probe); err != nil {
		return err
	}
	if !in.Public {
		if in.ClientSecret, err = e.readSecret("Client secret"); err != nil {
			return err
		}
	}
	res, err := e.Store.SaveClient(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the OAuth client %q. In the Zoom app, register the Redirect URL and Allow List entry %s (127.0.0.1, not localhost: Zoom rejects localhost).\n", res.Client.Name, auth.RedirectURLFor(res.Client.Port))
	return nil
}

func runAddOAuth(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("add-oauth", flag.ContinueOnError)
	client := fs.String("client", "", "name of the OAuth client to use (see `zoomconn list`)")
	ep := addEndpointFlags(fs, "", "leave out: the endpoints are the OAuth client's (only --api-url may differ, on a client with custom endpoints)")
	pos, err := parse(fs, e, "add-oauth", args, 1, 1)
	if err != nil {
		return err
	}
	endpoints, err := ep.endpoints()
	if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: pos[0], Type: auth.AuthOAuth, Endpoints: endpoints}
	if *client != "" {
		cl, ok := d.Client(*client)
		if !ok {
			return &auth.NotFoundError{What: "OAuth client", Name: *client}
		}
		in.OAuthClientID = cl.ID
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Authorize it with `zoomconn login %s`.\n", res.Connection.Name, auth.ShellQuote(res.Connection.Name))
	return nil
}

// flagsSet returns the names of the flags given on the command line.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// changesEndpoints reports whether any endpoint flag was given.
func changesEndpoints(set map[string]bool) bool {
	return set["endpoints"] || set["authorize-url"] || set["token-url"] || set["revoke-url"] || set["api-url"]
}

// secretNeeded validates a change with no secret typed. It returns why a
// secret is needed ("" when it is not), or the validation error of
// anything else wrong, so the secret is asked for only for a valid change.
func secretNeeded(err error) (string, error) {
	var ve *auth.ValidationError
	if !errors.As(err, &ve) {
		return "", err
	}
	why := ve.For(auth.FieldClientSecret)
	if why == "" || len(ve.Fields) > 1 {
		return "", err
	}
	return why, nil
}

func runEditClient(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("edit-client", flag.ContinueOnError)
	rename := fs.String("name", "", "a new name")
	clientID := fs.String("client-id", "", "a new Client ID (a new client secret is then read from stdin)")
	public := fs.Bool("public", false, "true: a public client (PKCE, no secret); false: confidential")
	port := fs.Int("port", 0, "fixed loopback port for the redirect (0: a free port each time)")
	typeSecret := fs.Bool("secret", false, "read a new client secret from stdin")
	ep := addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment (changing it needs the client secret again)")
	pos, err := parse(fs, e, "edit-client", args, 1, 1)
	if err != nil {
		return err
	}
	set := flagsSet(fs)
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	cl, ok := d.Client(pos[0])
	if !ok {
		return &auth.NotFoundError{What: "OAuth client", Name: pos[0]}
	}
	in := auth.ClientInput{ID: cl.ID, Name: cl.Name, ClientID: cl.ClientID, Public: cl.Kind == auth.Public, Port: cl.Port, Endpoints: cl.Endpoints}
	if set["name"] {
		in.Name = *rename
	}
	if set["client-id"] {
		in.ClientID = *clientID
	}
	if set["public"] {
		in.Public = *public
	}
	if set["port"] {
		in.Port = *port
	}
	if changesEndpoints(set) {
		if in.Endpoints, err = ep.endpoints(); err != nil {
			return err
		}
	}
	why, err := secretNeeded(d.ValidateClient(in))
	if err != nil {
		return err
	}
	if (why != "" || *typeSecret) && !in.Public {
		if why != "" {
			fmt.Fprintln(e.Stderr, why)
		}
		if in.ClientSecret, err = e.readSecret("Client secret"); err != nil {
			return err
		}
	}
	res, err := e.Store.SaveClient(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the OAuth client %q.\n", res.Client.Name)
	return nil
}

func runEditS2S(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("edit-s2s", flag.ContinueOnError)
	rename := fs.String("name", "", "a new name")
	accountID := fs.String("account-id", "", "a new Account ID (a new client secret is then read from stdin)")
	clientID := fs.String("client-id", "", "a new Client ID (a new client secret is then read from stdin)")
	typeSecret := fs.Bool("secret", false, "read a new client secret from stdin")
	ep := addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (changing where the secret goes needs it again)")
	pos, err := parse(fs, e, "edit-s2s", args, 1, 1)
	if err != nil {
		return err
	}
	set := flagsSet(fs)
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	c, ok := d.Connection(pos[0])
	if !ok {
		return &auth.NotFoundError{What: "connection", Name: pos[0]}
	}
	if c.Type != auth.AuthS2S {
		return usagef("The connection %q is an OAuth 2.0 connection; its endpoints belong to its OAuth client (`zoomconn edit-client`).", c.Name)
	}
	in := auth.ConnectionInput{ID: c.ID, Name: c.Name, Type: auth.AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID, Endpoints: c.Endpoints}
	if set["name"] {
		in.Name = *rename
	}
	if set["account-id"] {
		in.AccountID = *accountID
	}
	if set["client-id"] {
		in.ClientID = *clientID
	}
	if changesEndpoints(set) {
		if in.Endpoints, err = ep.endpoints(); err != nil {
			return err
		}
	}
	why, err := secretNeeded(d.ValidateConnection(in))
	if err != nil {
		return err
	}
	if why != "" || *typeSecret {
		if why != "" {
			fmt.Fprintln(e.Stderr, why)
		}
		if in.ClientSecret, err = e.readSecret("Client secret"); err != nil {
			return err
		}
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the connection %q.\n", res.Connection.Name)
	return nil
}
