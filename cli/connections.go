package cli

// Commands that change connections: add-s2s, add-oauth, edit-s2s and
// remove.

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"zoomconn/auth"
	"zoomconn/internal/shell"
)

// addS2SFlags are add-s2s's flags.
type addS2SFlags struct {
	accountID, clientID string
	ep                  endpointFlags
}

func (f *addS2SFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.accountID, "account-id", "", "the Server-to-Server app's Account `ID`")
	fs.StringVar(&f.clientID, "client-id", "", "the Server-to-Server app's Client `ID`")
	f.ep = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (the client secret is sent only to these)")
}

func runAddS2S(_ context.Context, e *Env, args []string, f *addS2SFlags) error {
	name := args[0]
	endpoints, err := f.ep.endpoints()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: f.accountID, ClientID: f.clientID, Endpoints: endpoints}
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
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Check it with `zoomconn test %s`.\n", res.Connection.Name, shell.Quote(res.Connection.Name))
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

// oauthFlags are add-oauth's flags.
type oauthFlags struct {
	client string
	ep     endpointFlags
}

func (f *oauthFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.client, "client", "", "the OAuth client to use, by its `NAME` (see zoomconn list)")
	f.ep = addEndpointFlags(fs, "", "leave out: the endpoints are the OAuth client's (only --api-url may differ, on a client with custom endpoints)")
}

func runAddOAuth(_ context.Context, e *Env, args []string, f *oauthFlags) error {
	name := args[0]
	endpoints, err := f.ep.endpoints()
	if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: name, Type: auth.AuthOAuth, Endpoints: endpoints}
	if f.client != "" {
		cl, ok := d.Client(f.client)
		if !ok {
			return &auth.NotFoundError{What: "OAuth client", Name: f.client}
		}
		in.OAuthClientID = cl.ID
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Authorize it with `zoomconn login %s`.\n", res.Connection.Name, shell.Quote(res.Connection.Name))
	return nil
}

// editS2SFlags are edit-s2s's flags; fs says which were given.
type editS2SFlags struct {
	rename, accountID, clientID string
	typeSecret                  bool
	ep                          endpointFlags
	fs                          *pflag.FlagSet
}

func (f *editS2SFlags) define(fs *pflag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.rename, "name", "", "a new name")
	fs.StringVar(&f.accountID, "account-id", "", "a new Account `ID` (a new client secret is then read from stdin)")
	fs.StringVar(&f.clientID, "client-id", "", "a new Client `ID` (a new client secret is then read from stdin)")
	fs.BoolVar(&f.typeSecret, "secret", false, "read a new client secret from stdin")
	f.ep = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (changing where the secret goes needs it again)")
}

func runEditS2S(_ context.Context, e *Env, pos []string, f *editS2SFlags) error {
	set := flagsSet(f.fs)
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
		in.Name = f.rename
	}
	if set["account-id"] {
		in.AccountID = f.accountID
	}
	if set["client-id"] {
		in.ClientID = f.clientID
	}
	if in.Endpoints, err = f.ep.changed(set, in.Endpoints); err != nil {
		return err
	}
	if in.ClientSecret, err = e.secretForChange(d.ValidateConnection(in), f.typeSecret, true); err != nil {
		return err
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the connection %q.\n", res.Connection.Name)
	return nil
}

func runRemove(_ context.Context, e *Env, args []string) error {
	name := args[0]
	if err := e.Store.DeleteConnection(name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the connection %q, its stored secrets and its API console history from this computer. Its authorization at Zoom was not revoked (use `zoomconn revoke` before removing to do that).\n", name)
	return nil
}
