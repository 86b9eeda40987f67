package cli

// Commands that change OAuth clients (Zoom General apps): add-client,
// edit-client and remove-client.

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"zoomconn/auth"
	"zoomconn/auth/access"
)

// addClientFlags are add-client's flags.
type addClientFlags struct {
	clientID string
	public   bool
	port     int
	ep       endpointFlags
}

func (f *addClientFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.clientID, "client-id", "", "the General app's Client `ID`")
	fs.BoolVar(&f.public, "public", false, "a public client: PKCE and no client secret")
	fs.IntVar(&f.port, "port", 0, "fixed loopback `PORT` for the redirect (default: a free port each time)")
	f.ep = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment, for all its connections (the client secret is sent only to these)")
}

func runAddClient(_ context.Context, e *Env, args []string, f *addClientFlags) error {
	name := args[0]
	endpoints, err := f.ep.endpoints()
	if err != nil {
		return err
	}
	in := auth.ClientInput{Name: name, ClientID: f.clientID, Public: f.public, Port: f.port, Endpoints: endpoints}
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

// editClientFlags are edit-client's flags; fs says which were given.
type editClientFlags struct {
	rename, clientID   string
	public, typeSecret bool
	port               int
	ep                 endpointFlags
	fs                 *pflag.FlagSet
}

func (f *editClientFlags) define(fs *pflag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.rename, "name", "", "a new name")
	fs.StringVar(&f.clientID, "client-id", "", "a new Client `ID` (a new client secret is then read from stdin)")
	fs.BoolVar(&f.public, "public", false, "true: a public client (PKCE, no secret); false: confidential")
	fs.IntVar(&f.port, "port", 0, "fixed loopback `PORT` for the redirect (0: a free port each time)")
	fs.BoolVar(&f.typeSecret, "secret", false, "read a new client secret from stdin")
	f.ep = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment (changing it needs the client secret again)")
}

func runEditClient(_ context.Context, e *Env, pos []string, f *editClientFlags) error {
	set := flagsSet(f.fs)
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
		in.Name = f.rename
	}
	if set["client-id"] {
		in.ClientID = f.clientID
	}
	if set["public"] {
		in.Public = f.public
	}
	if set["port"] {
		in.Port = f.port
	}
	if in.Endpoints, err = f.ep.changed(set, in.Endpoints); err != nil {
		return err
	}
	if in.ClientSecret, err = e.secretForChange(d.ValidateClient(in), f.typeSecret, !in.Public); err != nil {
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
	name := args[0]
	if err := e.Store.DeleteClient(name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the OAuth client %q and its stored secret.\n", name)
	return nil
}
