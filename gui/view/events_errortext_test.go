package view

import (
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
)

// The events errors say what to do in the app's terms: the form and its
// Events settings, the Events URL, the Events window's tick box.
func TestEventsErrorsSayWhatToDoInTheApp(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&store.NoSecretTokenError{App: "Ops"}, "Edit the connection, tick Events settings and paste the Secret Token"},
		{&store.NoSecretTokenError{App: "Team", Client: true}, "Edit the OAuth client, tick Events settings"},
		{&access.NoSubscriptionError{Connection: "Ops"}, "paste the subscription ID"},
		{&access.NoSubscriptionError{Connection: "Me", Client: "Team"}, "Edit the OAuth client"},
		{&access.NoEventsURLError{Connection: "Ops", Preset: auth.PresetCustom}, "fill in the Events URL"},
		{&access.HandlerURLError{URL: "http://example.com/", Remote: true}, `Tick "Allow a handler off this machine"`},
	} {
		got := ErrorText(c.err)
		if !strings.HasPrefix(got, c.err.Error()+"\n\n") || !strings.Contains(got, c.want) {
			t.Errorf("ErrorText(%T) = %q; want the core's sentence, then %q", c.err, got, c.want)
		}
	}
}
