package gui

import (
	"errors"
	"testing"

	"zoomconn/auth/access"
	"zoomconn/auth/zoom"
)

// The button an error dialog offers is the one that fixes what the core
// found, whatever its sentence says.
func TestErrorDialogOffersTheFixForEachKind(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveOAuth("Me")
		e.saveS2S("S", s2sSecret)
	})
	explain := func(status int, body string) error { return zoom.ExplainResponse(status, nil, []byte(body), nil) }
	invalidClient := explain(401, `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`)
	for _, tt := range []struct {
		conn string
		err  error
		want string // the button; "" for none
	}{
		{"Me", &access.NeedsAuthError{Connection: "Me"}, fixAuthorize},
		{"Me", &access.SecretNeededError{Client: "Team app"}, fixEditClient},
		{"Me", &access.ClientGoneError{Connection: "Me"}, fixEdit},
		{"Me", &access.PortInUseError{Client: "Team app", Port: 8123, Err: errors.New("in use")}, fixEditClient},
		{"Me", explain(400, `{"code":4700,"message":"Invalid redirect"}`), fixEditClient},
		{"Me", invalidClient, fixEditClient},
		{"Me", &access.ChangedError{Connection: "Me", What: "removed"}, ""},
		{"S", invalidClient, fixEdit},
		{"S", &access.ChangedError{Connection: "S", What: "changed"}, ""},
	} {
		c, ok := e.u.sess.Data().Connection(tt.conn)
		if !ok {
			t.Fatalf("no connection %q", tt.conn)
		}
		if got := e.u.acts.fix.action(e.u.sess, c, tt.err).Label; got != tt.want {
			t.Errorf("%s, %T: button %q; want %q", tt.conn, tt.err, got, tt.want)
		}
	}
}
