package cli

import (
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
)

// Issue 19: a name with a space, unquoted, is one name to quote when the
// extra arguments make an existing name; otherwise the usual sentence.
func TestUnquotedNameWithASpace(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports EU")
	w.must(genSecret+"\n", append([]string{"add-client", "Team Tools", "--client-id", "genID"}, w.endpointFlags()...)...)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"token", "Reports", "EU"}, "zoomconn token: \"Reports EU\" looks like one name with a space: quote it, as in `zoomconn token 'Reports EU'`.\nUsage: zoomconn token NAME [flags]\n"},
		{[]string{"token", "reports", "eu", "--format", "json"}, "as in `zoomconn token 'Reports EU'`."},
		{[]string{"api", "Reports", "EU", "/users/me"}, "as in `zoomconn api 'Reports EU' '/users/me'`."},
		{[]string{"edit-s2s", "Reports", "EU", "--secret"}, "as in `zoomconn edit-s2s 'Reports EU'`."},
		{[]string{"exec", "Reports", "EU", "--", "sh", "-c", "echo $ZOOM_CONNECTION"}, "as in `zoomconn exec 'Reports EU' -- sh -c 'echo $ZOOM_CONNECTION'`."},
		{[]string{"edit-client", "Team", "Tools", "--port", "0"}, "as in `zoomconn edit-client 'Team Tools'`."},
		// No such name: the usual sentence.
		{[]string{"token", "Reports", "US"}, "zoomconn token: too many arguments: US\n"},
		{[]string{"exec", "Reports", "US", "--", "true"}, "zoomconn exec: too many arguments: US\n"},
		// A client's name is no connection's, and the other way round.
		{[]string{"token", "Team", "Tools"}, "too many arguments: Tools"},
		{[]string{"edit-client", "Reports", "EU"}, "too many arguments: EU"},
	} {
		r := w.run("", tt.args...)
		if r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, r.code, r.stdout, r.stderr, tt.want)
		}
	}
	// Quoted, it works.
	if r := w.must("", "token", "Reports EU"); strings.TrimSpace(r.stdout) == "" {
		t.Error("no token for the quoted name")
	}
	w.assertHygiene()
}

// Issue 19: a name not found comes with the nearest names, quoted for the
// shell.
func TestNotFoundSuggestsTheNearestNames(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports EU")
	w.addS2S("Reports US")
	w.addS2S("Billing")
	w.addOAuth("Me", "genID", false) // the client is "Me-client"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"token", "Reports"}, "zoomconn token: There is no connection named \"Reports\".\nDid you mean 'Reports EU' or 'Reports US'? Run `zoomconn list` to see the names.\n"},
		{[]string{"test", "Reprots EU"}, "Did you mean 'Reports EU'?"},
		{[]string{"scopes", "biling"}, "Did you mean Billing?"},
		{[]string{"edit-s2s", "Reports-EU", "--secret"}, "Did you mean 'Reports EU'?"},
		{[]string{"remove", "Bill"}, "Did you mean Billing?"},
		{[]string{"edit-client", "Me-clients"}, "There is no OAuth client named \"Me-clients\".\nDid you mean Me-client?"},
		{[]string{"add-oauth", "New", "--client", "me-clint"}, "Did you mean Me-client?"},
		// Nothing near: where the names are.
		{[]string{"token", "Ghost"}, "There is no connection named \"Ghost\".\nRun `zoomconn list` to see the names.\n"},
	} {
		r := w.run("", tt.args...)
		if r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, r.code, r.stdout, r.stderr, tt.want)
		}
	}
	w.assertHygiene()
}

// Issue 19: a rename says that scripts must use the new name.
func TestRenameWarnsScripts(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports")
	w.addOAuth("Me", "genID", false)
	r := w.must("", "edit-s2s", "Reports", "--name", "Reports EU")
	if want := "Saved the connection \"Reports EU\".\nNote: scripts that use the old name \"Reports\" must now use \"Reports EU\".\n"; !strings.HasSuffix(r.stderr, want) || r.stdout != "" {
		t.Errorf("edit-s2s --name said %q; want it to end %q", r.stderr, want)
	}
	r = w.must("", "edit-client", "Me-client", "--name", "Team")
	if want := "Note: scripts that use the old name \"Me-client\" must now use \"Team\".\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("edit-client --name said %q; want it to end %q", r.stderr, want)
	}
	// Not renamed, or only its case: the old name still finds it.
	for _, args := range [][]string{{"edit-s2s", "Reports EU", "--secret"}, {"edit-s2s", "Reports EU", "--name", "reports eu"}, {"edit-client", "Team", "--port", "0"}} {
		if r := w.must(s2sSecret+"\n", args...); strings.Contains(r.stderr, "scripts") {
			t.Errorf("%q said %q", args, r.stderr)
		}
	}
	w.assertHygiene()
}

// Issue 19: Zoom refusing a Server-to-Server connection's credentials is
// said in Server-to-Server words, with the command that fixes it; an OAuth
// client's, in a General app's.
func TestInvalidClientByConnectionType(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must("wrong-secret\n", append([]string{"add-s2s", "Reports EU", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	for _, args := range [][]string{{"test", "Reports EU"}, {"token", "Reports EU"}} {
		r := w.run("", args...)
		want := "zoomconn " + args[0] + ": Zoom rejected the Client ID or Client secret (invalid_client). " +
			"Copy the Account ID, Client ID and Client secret again from the App credentials page of your Server-to-Server OAuth app in the Zoom App Marketplace; the app must be activated.\n" +
			"Then run `zoomconn edit-s2s 'Reports EU' --secret` and paste the Client secret (with --account-id ID and --client-id ID if those differ).\n"
		if r.code != ExitFailed || r.stdout != "" || r.stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q; want 1 and\n%q", args, r.code, r.stdout, r.stderr, want)
		}
		if strings.Contains(r.stderr, "General app") || strings.Contains(r.stderr, "Development") {
			t.Errorf("%q speaks of General apps: %q", args, r.stderr)
		}
	}
	// The command it names fixes it.
	w.must(s2sSecret+"\n", "edit-s2s", "Reports EU", "--secret")
	w.must("", "test", "Reports EU")

	// An OAuth client with a wrong secret: the General app's words, and
	// the client's command.
	w.must("wrong-secret\n", append([]string{"add-client", "Team", "--client-id", "genID"}, w.endpointFlags()...)...)
	w.must("", "add-oauth", "Me", "--client", "Team")
	login := w.start("", "login", "Me", "--no-browser")
	select {
	case <-login.stderr.watch("If Zoom says"): // printed after the URL
		for _, f := range strings.Fields(login.stderr.String()) {
			if strings.HasPrefix(f, "http://127.0.0.1:") && strings.Contains(f, "/oauth/authorize") {
				_ = zoomtest.NewBrowser().Visit(f) // the code exchange fails: the page says so
			}
		}
	case <-login.exited:
	}
	r := login.wait()
	want := "zoomconn login: Zoom rejected the Client ID or Client secret (invalid_client). " +
		"Copy the Client ID and Client secret again from the App credentials page of your General app: the Development pair (the Production one works only once Zoom has published the app), and the Client ID, not the Public Client ID.\n" +
		"Then run `zoomconn edit-client Team --secret` and paste the Client secret (with --client-id ID if it differs).\n"
	if r.code != ExitFailed || !strings.HasSuffix(r.stderr, want) {
		t.Errorf("login with a wrong client secret: exit %d, stderr\n%q; want 1 ending\n%q", r.code, r.stderr, want)
	}
	w.assertHygiene()
}
