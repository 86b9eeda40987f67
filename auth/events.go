package auth

import (
	"strings"
	"unicode"
)

// Field names of an app's event subscription.
const (
	FieldSecretToken        = "Secret Token"
	FieldEventsSubscription = "WebSocket subscription ID"
)

// EventsApp is the Zoom app whose event Secret Token a name reaches: a
// Server-to-Server connection's own app, or an OAuth client (a General
// app), named itself or through one of its OAuth 2.0 connections. Exactly
// one of Connection and Client is set.
type EventsApp struct {
	Connection *Connection
	Client     *OAuthClient
	// Via is the name of the OAuth 2.0 connection the client was reached
	// through; "" when the name was the app's own.
	Via string
}

// Name is the name of the item that keeps the Secret Token.
func (a EventsApp) Name() string {
	if a.Connection != nil {
		return a.Connection.Name
	}
	return a.Client.Name
}

// HasSecretToken says the app's Secret Token is stored.
func (a EventsApp) HasSecretToken() bool {
	if a.Connection != nil {
		return a.Connection.HasSecretToken
	}
	return a.Client.HasSecretToken
}

// EventsApp finds the app of name: a connection's first (a
// Server-to-Server connection's own app, an OAuth 2.0 connection's
// client), then an OAuth client's. A name of neither is a [*NotFoundError]
// listing both kinds.
func (d *Data) EventsApp(name string) (EventsApp, error) {
	if c, ok := d.Connection(name); ok {
		if c.Type == AuthS2S {
			return EventsApp{Connection: c}, nil
		}
		cl, ok := d.ClientByID(c.OAuthClientID)
		if !ok {
			return EventsApp{}, d.ClientNotFound(c.OAuthClientID)
		}
		return EventsApp{Client: cl, Via: c.Name}, nil
	}
	if cl, ok := d.Client(name); ok {
		return EventsApp{Client: cl}, nil
	}
	names := make([]string, 0, len(d.Connections)+len(d.Clients))
	for _, c := range d.Connections {
		names = append(names, c.Name)
	}
	for _, c := range d.Clients {
		names = append(names, c.Name)
	}
	return EventsApp{}, &NotFoundError{What: "connection or OAuth client", Name: name, Names: names}
}

// CheckSecretToken validates a typed Secret Token and returns it trimmed,
// with a notice when spaces were trimmed, or a [*ValidationError] that
// never quotes it.
func CheckSecretToken(token string) (string, []string, error) {
	var fe fieldErrors
	var notices []string
	trimmed := strings.TrimSpace(token)
	if trimmed != token && trimmed != "" {
		notices = append(notices, "The Secret Token had spaces or line breaks around it; they were removed before saving.")
	}
	switch {
	case trimmed == "":
		fe.add(FieldSecretToken, "%s is empty: paste the Secret Token from the Features page (Event Subscriptions) of the app in the Zoom App Marketplace.", FieldSecretToken)
	case len(trimmed) > maxSecretLen:
		fe.add(FieldSecretToken, "%s is too long (%d bytes; at most %d).", FieldSecretToken, len(trimmed), maxSecretLen)
	case strings.ContainsFunc(trimmed, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }):
		fe.add(FieldSecretToken, "%s must not contain spaces, control characters or line breaks.", FieldSecretToken)
	}
	return trimmed, notices, fe.err()
}
