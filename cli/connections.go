package cli

// Commands that change connections: add-s2s, add-oauth, edit-s2s and
// remove.

import (
	"context"
	"flag"
	"fmt"

	"zoomconn/auth"
	"zoomconn/internal/shell"
)

func runAddS2S(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("add-s2s", flag.ContinueOnError)
	accountID := fs.String("account-id", "", "the Server-to-Server app's Account ID")
	clientID := fs.String("client-id", "", "the Server-to-Server app's Client ID")
	ep := addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (the client secret is sent only to these)")
	name, endpoints, err := parseAdd(fs, ep, e, args)
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: *accountID, ClientID: *clientID, Endpoints: endpoints}
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

func runAddOAuth(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("add-oauth", flag.ContinueOnError)
	client := fs.String("client", "", "name of the OAuth client to use (see `zoomconn list`)")
	ep := addEndpointFlags(fs, "", "leave out: the endpoints are the OAuth client's (only --api-url may differ, on a client with custom endpoints)")
	name, endpoints, err := parseAdd(fs, ep, e, args)
	if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: name, Type: auth.AuthOAuth, Endpoints: endpoints}
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
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Authorize it with `zoomconn login %s`.\n", res.Connection.Name, shell.Quote(res.Connection.Name))
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
	if in.Endpoints, err = ep.changed(set, in.Endpoints); err != nil {
		return err
	}
	if in.ClientSecret, err = e.secretForChange(d.ValidateConnection(in), *typeSecret, true); err != nil {
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
