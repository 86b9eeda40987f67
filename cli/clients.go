package cli

// Commands that change OAuth clients (Zoom General apps): add-client,
// edit-client and remove-client.

import (
	"context"
	"flag"
	"fmt"

	"zoomconn/auth"
	"zoomconn/auth/access"
)

func runAddClient(_ context.Context, e *Env, args []string) error {
	fs := flag.NewFlagSet("add-client", flag.ContinueOnError)
	clientID := fs.String("client-id", "", "the General app's Client ID")
	public := fs.Bool("public", false, "a public client: PKCE and no client secret")
	port := fs.Int("port", 0, "fixed loopback port for the redirect (default: a free port each time)")
	ep := addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment, for all its connections (the client secret is sent only to these)")
	name, endpoints, err := parseAdd(fs, ep, e, args)
	if err != nil {
		return err
	}
	in := auth.ClientInput{Name: name, ClientID: *clientID, Public: *public, Port: *port, Endpoints: endpoints}
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
	fmt.Fprintf(e.Stderr, "Saved the OAuth client %q. In the Zoom app, register the Redirect URL and Allow List entry %s (127.0.0.1, not localhost: Zoom rejects localhost).\n", res.Client.Name, access.RedirectURLFor(res.Client.Port))
	return nil
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
	if in.Endpoints, err = ep.changed(set, in.Endpoints); err != nil {
		return err
	}
	if in.ClientSecret, err = e.secretForChange(d.ValidateClient(in), *typeSecret, !in.Public); err != nil {
		return err
	}
	res, err := e.Store.SaveClient(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the OAuth client %q.\n", res.Client.Name)
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
