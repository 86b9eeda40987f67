package store_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// A Secret Token is one more secret of a Server-to-Server connection or an
// OAuth client: stored under its own key, never in the metadata file, found
// through an OAuth connection's client, replaced, and deleted with its item.
func TestSecretTokenIsOneMoreSecret(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	s2s := storetest.MustSaveConn(t, s, storetest.S2SInput("Reports"))
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Team app", ClientID: "genCID", ClientSecret: "gen-secret-value"})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.ID})

	const tok1, tok2, tok3 = "stok-one-VALUE", "stok-two-VALUE", "stok-three-VALUE"
	res, err := s.SetSecretToken("Reports", " "+tok1+"\n")
	if err != nil || res.App.Connection == nil || res.Replaced || len(res.Notices) != 1 {
		t.Fatalf("SetSecretToken(Reports) = %+v, %v", res, err)
	}
	if got := mem.Snapshot()[store.ConnSecretTokenKey(s2s.ID)]; got != tok1 {
		t.Errorf("stored %q, want the trimmed token", got)
	}
	if res, err = s.SetSecretToken("Reports", tok2); err != nil || !res.Replaced {
		t.Errorf("replace: %+v, %v", res, err)
	}
	// Through the OAuth connection: its client's.
	if res, err = s.SetSecretToken("Me", tok3); err != nil || res.App.Client == nil || res.App.Via != "Me" {
		t.Fatalf("SetSecretToken(Me) = %+v, %v", res, err)
	}
	if app, tok, err := s.SecretToken("Team app"); err != nil || tok != tok3 || app.Client.ID != cl.ID {
		t.Errorf("SecretToken(Team app) = %v, %q, %v", app, tok, err)
	}
	if _, tok, err := s.SecretToken("Reports"); err != nil || tok != tok2 {
		t.Errorf("SecretToken(Reports) = %q, %v", tok, err)
	}
	d := storetest.MustLoad(t, s)
	if c, _ := d.Connection("Reports"); !c.HasSecretToken {
		t.Error("the connection does not say it has a Secret Token")
	}
	if c, _ := d.Client("Team app"); !c.HasSecretToken {
		t.Error("the client does not say it has a Secret Token")
	}
	raw, _ := os.ReadFile(s.Path())
	for _, tok := range []string{tok1, tok2, tok3} {
		if strings.Contains(string(raw), tok) {
			t.Errorf("the metadata file holds a Secret Token")
		}
	}
	exported, err := store.Export(d, nil)
	if err != nil || strings.Contains(string(exported), "stok-") {
		t.Errorf("the export holds a Secret Token (or failed: %v)", err)
	}

	// Refusals change nothing.
	before := mem.Snapshot()
	var ve *auth.ValidationError
	if _, err := s.SetSecretToken("Reports", " \n"); !errors.As(err, &ve) || ve.For(auth.FieldSecretToken) == "" {
		t.Errorf("empty token: %v", err)
	}
	if _, err := s.SetSecretToken("Reports", "two words"); !errors.As(err, &ve) {
		t.Errorf("a token with a space: %v", err)
	}
	var nf *auth.NotFoundError
	if _, err := s.SetSecretToken("Nope", tok1); !errors.As(err, &nf) || len(nf.Names) != 3 {
		t.Errorf("unknown name: %v", err)
	}
	if len(mem.Snapshot()) != len(before) || mem.Snapshot()[store.ConnSecretTokenKey(s2s.ID)] != tok2 {
		t.Error("a refused Secret Token changed the secrets")
	}

	// Deleting the item deletes its Secret Token.
	if err := s.DeleteConnection("Me"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteClient("Team app"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteConnection("Reports"); err != nil {
		t.Fatal(err)
	}
	if keys := mem.Keys(); len(keys) != 0 {
		t.Errorf("left behind: %v", keys)
	}
}

// An app with no Secret Token says so; a new Client ID (another app) drops
// the old app's Secret Token.
func TestSecretTokenMissingAndDroppedWithTheApp(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	c := storetest.MustSaveConn(t, s, storetest.S2SInput("Reports"))
	var none *store.NoSecretTokenError
	if _, _, err := s.SecretToken("Reports"); !errors.As(err, &none) || none.App != "Reports" {
		t.Errorf("no Secret Token: %v", err)
	}
	if _, err := s.SetSecretToken("Reports", "stok-VALUE"); err != nil {
		t.Fatal(err)
	}
	in := storetest.S2SInput("Reports")
	in.ID, in.ClientID = c.ID, "another-app"
	storetest.MustSaveConn(t, s, in)
	if _, _, err := s.SecretToken("Reports"); !errors.As(err, &none) {
		t.Errorf("after a new Client ID: %v", err)
	}
	if _, ok := mem.Snapshot()[store.ConnSecretTokenKey(c.ID)]; ok {
		t.Error("the old app's Secret Token is still stored")
	}
}
