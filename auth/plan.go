package auth

import (
	"fmt"
	"strings"
)

// What a form or the command line submits, checked against the data:
// the plans say what a save would change, and auth/store applies them with
// the secrets. A client owns its endpoints; its connections inherit them.

// ConnectionInput is what a form or the command line submits to create
// (ID empty) or edit a connection.
type ConnectionInput struct {
	ID        string
	Name      string
	Type      AuthType
	AccountID string // s2s
	ClientID  string // s2s
	// ClientSecret (s2s) is required for a new connection and whenever the
	// Account ID, the Client ID or a URL the secret is sent to (authorize,
	// token, revoke) changes; otherwise empty keeps the stored one.
	ClientSecret  string
	OAuthClientID string // oauth
	// Endpoints of a Server-to-Server connection. An OAuth 2.0 connection
	// takes its authorize, token and revoke URLs from its OAuth client:
	// here they may only be empty or equal to the client's, and its API base
	// URL is read only when the client's endpoints are custom ("" means
	// the client's).
	Endpoints Endpoints
	// EventsSubscription (s2s), if not nil, sets the WebSocket
	// subscription ID of the connection's app ("" clears it); nil keeps
	// the stored one. An OAuth 2.0 connection's app is its client's.
	EventsSubscription *string
}

// ConnectionPlan is a checked change to a connection, for the store to
// apply: the connection as it will be saved (a new one has its ID), the
// stored one it replaces, and the secret typed with it.
type ConnectionPlan struct {
	Connection Connection
	Old        *Connection // nil when new
	Secret     string      // "" keeps the stored secret
	Notices    []string    // e.g. that spaces were trimmed from the secret
}

// ValidateConnection checks in against d without changing anything. The
// error, if any, is a [*ValidationError].
func (d *Data) ValidateConnection(in ConnectionInput) error {
	_, err := d.PlanConnection(in)
	return err
}

// PlanConnection checks in against d, as [Data.ValidateConnection] does,
// and returns the change it asks for. Old points into d. It changes
// nothing; the error, if any, is a [*ValidationError] or a
// [*NotFoundError] for an edit of a connection that is gone.
func (d *Data) PlanConnection(in ConnectionInput) (*ConnectionPlan, error) {
	p := &ConnectionPlan{}
	var fe fieldErrors
	if in.ID != "" {
		old, ok := d.ConnectionByID(in.ID)
		if !ok {
			return nil, &NotFoundError{What: "connection", Name: in.Name}
		}
		p.Old = old
		p.Connection = *old
	} else {
		p.Connection = Connection{ID: newID()}
	}
	c := &p.Connection
	c.Name = fe.checkName(FieldConnName, strings.TrimSpace(in.Name), func(n string) (string, bool) {
		if other, ok := d.connectionLike(n, in.ID); ok {
			return other, ok
		}
		return d.sdkLike(n, "")
	})
	c.Type = in.Type
	switch in.Type {
	case AuthS2S:
		c.AccountID = strings.TrimSpace(in.AccountID)
		c.ClientID = strings.TrimSpace(in.ClientID)
		c.OAuthClientID = ""
		fe.checkID(FieldAccountID, c.AccountID)
		fe.checkID(FieldClientID, c.ClientID)
		ep, epErrs := in.Endpoints.NormalizeS2S()
		fe = append(fe, epErrs...)
		c.Endpoints = ep
		// Its secret and tokens go to the token and revoke URLs only: a
		// Server-to-Server connection never opens an authorize URL.
		now := withoutAuthorize(ep)
		why := ""
		switch {
		case p.Old == nil:
		case p.Old.Type != AuthS2S:
			why = " because the auth type changed"
		case p.Old.AccountID != c.AccountID || p.Old.ClientID != c.ClientID:
			why = " again because the Account ID or Client ID changed"
		case !withoutAuthorize(normalized(p.Old.Endpoints)).SameSecretURLs(now):
			why = fmt.Sprintf(" again because the %s changed: a secret is sent only to the endpoints it was entered for", secretURLRoles(withoutAuthorize(normalized(p.Old.Endpoints)), now))
		}
		required := p.Old == nil || why != ""
		p.Secret = fe.checkSecret(in.ClientSecret, required, why, &p.Notices)
		if in.EventsSubscription != nil {
			c.EventsSubscription = strings.TrimSpace(*in.EventsSubscription)
			if c.EventsSubscription != "" {
				fe.checkID(FieldEventsSubscription, c.EventsSubscription)
			}
		}
	case AuthOAuth:
		if in.EventsSubscription != nil {
			fe.add(FieldEventsSubscription, "%s belongs to the app: an OAuth 2.0 connection's is its OAuth client's.", FieldEventsSubscription)
		}
		c.AccountID, c.ClientID = "", ""
		c.OAuthClientID = in.OAuthClientID
		if in.OAuthClientID == "" {
			fe.add(FieldOAuthClient, "%s is required: pick one, or add one first.", FieldOAuthClient)
		} else if cl, ok := d.ClientByID(in.OAuthClientID); !ok {
			fe.add(FieldOAuthClient, "%s: the selected OAuth client no longer exists; pick another.", FieldOAuthClient)
		} else {
			ep, epErrs := oauthConnectionEndpoints(cl, in.Endpoints)
			fe = append(fe, epErrs...)
			c.Endpoints = ep
		}
	case "":
		fe.add(FieldAuthType, "%s is required: choose Custom or OAuth 2.0.", FieldAuthType)
	default:
		fe.add(FieldAuthType, "%s must be Custom (s2s) or OAuth 2.0 (oauth), not %q.", FieldAuthType, in.Type)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// oauthConnectionEndpoints checks what an OAuth 2.0 connection's input says
// about endpoints against its client's, and returns the connection's
// endpoint set. The client owns the URLs its secret and the connection's
// refresh token go to; the connection may only choose its API base URL, and
// only on a client with custom endpoints.
func oauthConnectionEndpoints(cl *OAuthClient, in Endpoints) (Endpoints, []*FieldError) {
	ce := cl.Endpoints
	if in.Preset != "" && in.Preset != ce.Preset {
		return ce, []*FieldError{{Field: FieldEndpoints, Message: fmt.Sprintf(
			"%s come from the OAuth client %q (%s); to use other endpoints, change that client or pick another.", FieldEndpoints, cl.Name, ce.Preset.Label())}}
	}
	var errs []*FieldError
	for _, f := range []struct{ field, got, want string }{
		{FieldAuthorizeURL, in.AuthorizeURL, ce.AuthorizeURL},
		{FieldTokenURL, in.TokenURL, ce.TokenURL},
		{FieldRevokeURL, in.RevokeURL, ce.RevokeURL},
		{FieldEventsURL, in.EventsURL, ce.EventsURL},
		{FieldMCPURL, in.MCPURL, ce.MCPURL},
	} {
		if got := strings.TrimRight(strings.TrimSpace(f.got), "/"); got != "" && got != f.want {
			errs = append(errs, &FieldError{Field: f.field, Message: fmt.Sprintf(
				"%s belongs to the OAuth client %q (%s); change it there, where its secret is kept.", f.field, cl.Name, f.want)})
		}
	}
	api := strings.TrimRight(strings.TrimSpace(in.APIBaseURL), "/")
	switch {
	case api == "" || api == ce.APIBaseURL:
		api = ""
	case ce.Preset != PresetCustom:
		errs = append(errs, &FieldError{Field: FieldAPIURL, Message: fmt.Sprintf(
			"%s comes from the OAuth client %q (%s); a custom API URL needs a client with custom endpoints.", FieldAPIURL, cl.Name, ce.Preset.Label())})
	default:
		if msg := checkEndpointURL(api); msg != "" {
			errs = append(errs, &FieldError{Field: FieldAPIURL, Message: FieldAPIURL + " " + msg})
		}
	}
	return ce.ForConnection(api), errs
}

// ClientInput is what a form or the command line submits to create (ID
// empty) or edit an OAuth client.
type ClientInput struct {
	ID       string
	Name     string
	ClientID string
	Public   bool
	Port     int
	// ClientSecret is required for a new confidential client and whenever
	// the Client ID or a URL the secret is sent to (authorize, token,
	// revoke) changes, or the client stops being public; otherwise empty
	// keeps the stored one. Ignored for public clients.
	ClientSecret string
	// Endpoints are the Zoom deployment of the app, for all its connections.
	Endpoints Endpoints
	// EventsSubscription, if not nil, sets the app's WebSocket subscription
	// ID ("" clears it); nil keeps the stored one.
	EventsSubscription *string
}

// ValidateClient checks in against d without changing anything.
func (d *Data) ValidateClient(in ClientInput) error {
	_, err := d.PlanClient(in)
	return err
}

// ClientPlan is a checked change to an OAuth client, for the store to
// apply (see [ConnectionPlan]).
type ClientPlan struct {
	Client  OAuthClient
	Old     *OAuthClient // nil when new
	Secret  string       // "" keeps the stored secret
	Notices []string     // e.g. that spaces were trimmed from the secret
}

// PlanClient is [Data.PlanConnection] for OAuth clients.
func (d *Data) PlanClient(in ClientInput) (*ClientPlan, error) {
	var fe fieldErrors
	p := &ClientPlan{}
	if in.ID != "" {
		old, ok := d.ClientByID(in.ID)
		if !ok {
			return nil, &NotFoundError{What: "OAuth client", Name: in.Name}
		}
		p.Old, p.Client = old, *old
	} else {
		p.Client = OAuthClient{ID: newID()}
	}
	c, old := &p.Client, p.Old
	c.Name = fe.checkName(FieldClientName, strings.TrimSpace(in.Name), func(n string) (string, bool) {
		if other, ok := d.clientLike(n, in.ID); ok {
			return other, ok
		}
		return d.sdkLike(n, "")
	})
	c.ClientID = strings.TrimSpace(in.ClientID)
	fe.checkID(FieldClientID, c.ClientID)
	c.Kind = Confidential
	if in.Public {
		c.Kind = Public
	}
	ep, epErrs := in.Endpoints.Normalize()
	fe = append(fe, epErrs...)
	c.Endpoints = ep
	if in.Port != 0 && (in.Port < minFixedPort || in.Port > maxFixedPort) {
		fe.add(FieldPort, "%s must be between %d and %d, or empty to pick a free port each time.", FieldPort, minFixedPort, maxFixedPort)
	}
	c.Port = in.Port
	if in.EventsSubscription != nil {
		c.EventsSubscription = strings.TrimSpace(*in.EventsSubscription)
		if c.EventsSubscription != "" {
			fe.checkID(FieldEventsSubscription, c.EventsSubscription)
		}
	}
	if c.Kind == Confidential {
		why := ""
		switch {
		case old == nil:
		case old.Kind != Confidential:
			why = " because the client is no longer public"
		case old.ClientID != c.ClientID:
			why = " again because the Client ID changed"
		case !normalized(old.Endpoints).SameSecretURLs(ep):
			why = fmt.Sprintf(" again because the %s changed: a secret is sent only to the endpoints it was entered for", secretURLRoles(old.Endpoints, ep))
		case old.SecretNeeded:
			why = " again: it was stored before secrets were bound to their endpoints, and this client's connections disagreed about them"
		}
		p.Secret = fe.checkSecret(in.ClientSecret, old == nil || why != "", why, &p.Notices)
	}
	// A successful plan has a freshly typed secret wherever one was needed.
	c.SecretNeeded = false
	if err := fe.err(); err != nil {
		return nil, err
	}
	return p, nil
}
