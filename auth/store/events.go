package store

import (
	"zoomconn/auth"
)

// An app's event Secret Token: one more secret of a Server-to-Server
// connection (its own app) or of an OAuth client (a General app), kept
// with the others and deleted with its item. It only signs and verifies
// on this machine; it is never exported.

// SecretTokenResult says what SetSecretToken did.
type SecretTokenResult struct {
	App      auth.EventsApp
	Replaced bool // a Secret Token was stored before
	Notices  []string
}

// SetSecretToken stores or replaces the event Secret Token of the app name
// reaches ([auth.Data.EventsApp]). An unknown name is an
// [*auth.NotFoundError], an empty or malformed token an
// [*auth.ValidationError]; on any failure nothing changes.
func (s *Store) SetSecretToken(name, token string) (SecretTokenResult, error) {
	var res SecretTokenResult
	err := s.update(func(d *auth.Data, t *Tx) error {
		app, err := d.EventsApp(name)
		if err != nil {
			return err
		}
		token, notices, err := auth.CheckSecretToken(token)
		if err != nil {
			return err
		}
		if err := t.Set(SecretTokenKey(app), token); err != nil {
			return err
		}
		res = SecretTokenResult{Replaced: app.HasSecretToken(), Notices: notices}
		now := s.Now().UTC()
		if app.Connection != nil {
			app.Connection.HasSecretToken, app.Connection.Updated = true, now
		} else {
			app.Client.HasSecretToken, app.Client.Updated = true, now
		}
		res.App = app
		return nil
	})
	return res, err
}

// SecretToken reads the stored event Secret Token of the app name
// reaches, for signing or verifying on this machine only. An app with
// none is a [*NoSecretTokenError].
func (s *Store) SecretToken(name string) (auth.EventsApp, string, error) {
	d, err := s.Load()
	if err != nil {
		return auth.EventsApp{}, "", err
	}
	app, err := d.EventsApp(name)
	if err != nil {
		return app, "", err
	}
	if !app.HasSecretToken() {
		return app, "", &NoSecretTokenError{App: app.Name(), Client: app.Client != nil}
	}
	token, err := s.secrets.Get(SecretTokenKey(app))
	if IgnoreNotFound(err) == nil && (err != nil || token == "") {
		return app, "", &NoSecretTokenError{App: app.Name(), Client: app.Client != nil}
	}
	if err != nil {
		return app, "", err
	}
	return app, token, nil
}

// NoSecretTokenError: the app has no event Secret Token stored.
type NoSecretTokenError struct {
	App    string // the connection's or OAuth client's name
	Client bool   // App is an OAuth client
}

func (e *NoSecretTokenError) Error() string {
	what := "connection"
	if e.Client {
		what = "OAuth client"
	}
	return "The " + what + " \"" + e.App + "\" has no Secret Token stored."
}
