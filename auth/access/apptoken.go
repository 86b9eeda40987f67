package access

// What events listen connects as: a connection (its token, as Token takes
// it) or an OAuth client named itself, a General app, whose app-level
// token comes from client_credentials, fetched fresh for each connect and
// kept only in memory for as long as that socket is open.

import (
	"context"
	"fmt"

	"zoomconn/auth"
)

// PublicClientError: an OAuth client with no client secret cannot get an
// app-level token (client_credentials is HTTP Basic), so it cannot listen
// on its own; its OAuth 2.0 connections can, with their tokens.
type PublicClientError struct{ Client string }

func (e *PublicClientError) Error() string {
	return fmt.Sprintf("The OAuth client %q is public (it keeps no client secret), so it cannot get an app-level token for events: Zoom gives one only for the client_credentials grant with the client secret.", e.Client)
}

// listenTarget is what Listen connects for: the subscription, the events
// socket of the app's own deployment, and how a token is taken.
type listenTarget struct {
	name      string            // the connection's or OAuth client's name
	client    *auth.OAuthClient // the app's client, if a General app
	direct    bool              // the name was the client's own: app-level tokens
	sub       string
	endpoints auth.Endpoints
	// token returns a token to connect with; rejected is one the socket
	// refused, not to be handed out again.
	token func(ctx context.Context, rejected string) (*Token, error)
}

// listenTarget finds what name is: a connection first (as [auth.Data.EventsApp]
// does), then an OAuth client, whose tokens are app-level.
func (sv *Service) listenTarget(name, subscription string) (*listenTarget, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	app, err := d.EventsApp(name)
	if err != nil {
		return nil, err
	}
	var t *listenTarget
	if app.Client != nil && app.Via == "" {
		cl := *app.Client
		t = &listenTarget{name: cl.Name, client: &cl, direct: true, sub: cl.EventsSubscription, endpoints: cl.Endpoints,
			token: func(ctx context.Context, _ string) (*Token, error) { return sv.appToken(ctx, &cl) }}
	} else {
		r, err := sv.resolve(name)
		if err != nil {
			return nil, err
		}
		t = &listenTarget{name: r.conn.Name, client: r.client, sub: r.conn.EventsSubscription, endpoints: r.conn.Endpoints,
			token: func(ctx context.Context, rejected string) (*Token, error) { return sv.token(ctx, r, rejected) }}
		if r.client != nil {
			t.sub = r.client.EventsSubscription
		}
	}
	if subscription != "" {
		t.sub = subscription
	}
	return t, nil
}

// appToken fetches an app-level token of the General app cl with
// client_credentials: its secret goes only to its own token URL, and the
// token is not stored (each connect fetches one; it lives as long as the
// socket it opened).
func (sv *Service) appToken(ctx context.Context, cl *auth.OAuthClient) (*Token, error) {
	if cl.Kind != auth.Confidential {
		return nil, &PublicClientError{Client: cl.Name}
	}
	r := &resolved{conn: auth.Connection{Name: cl.Name, Type: auth.AuthOAuth, Endpoints: cl.Endpoints}, client: cl}
	app, err := sv.app(r) // the secret, read for its own client's endpoints only
	if err != nil {
		return nil, err
	}
	tok, err := sv.zoom().ClientCredentials(ctx, cl.Endpoints.TokenURL, app)
	if err != nil {
		return nil, credentialsError(r, err)
	}
	return tok, nil
}
