package store_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store/storetest"
)

// named is a valid Server-to-Server input whose IDs do not depend on name.
func named(name string) auth.ConnectionInput {
	return auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: "acct", ClientID: "cid", ClientSecret: "s3cret"}
}

// Finding 5: names go through the PRECIS Nickname profile; invisible and
// bidi characters are refused, and look-alikes of an existing name too.
func TestNamesRefuseInvisibleAndLookalikeCharacters(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	storetest.MustSaveConn(t, s, named("Report"))
	storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Team app", ClientID: "x", Public: true})
	before, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"Pay\u202eroll", "invisible characters"},
		{"Rep\u200bort", "invisible characters"},
		{"\u2066Payroll\u2069", "invisible characters"},
		{"Pay\u200droll", "invisible characters"},
		{"Ｒｅｐｏｒｔ", `looks the same as the existing "Report"`},
		{"report", "already used"},
		{"R\u0435port", `looks the same as the existing "Report"`}, // Cyrillic е
		{"  Report  ", "already used"},
		{"Ⓡeport", "looks the same"}, // NFKC: circled R
		{"Rep\U000E0041ort", "invisible characters"},
	}
	for _, tt := range tests {
		_, err := s.SaveConnection(named(tt.name))
		var ve *auth.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.For(auth.FieldConnName), tt.want) {
			t.Errorf("SaveConnection(%q) = %v; want a name error containing %q", tt.name, err, tt.want)
		}
	}
	for _, name := range []string{"Team\u202eapp", "ＴＥＡＭ app", "team  app"} {
		_, err := s.SaveClient(auth.ClientInput{Name: name, ClientID: "y", Public: true})
		var ve *auth.ValidationError
		if !errors.As(err, &ve) || ve.For(auth.FieldClientName) == "" {
			t.Errorf("SaveClient(%q) = %v; want a name error", name, err)
		}
	}
	if after, _ := os.ReadFile(s.Path()); string(after) != string(before) {
		t.Error("a refused name changed the metadata file")
	}
	// What the profile maps is stored mapped, and found under either form.
	c := storetest.MustSaveConn(t, s, named("Ｓａｌｅｓ\u3000EU"))
	if c.Name != "Sales EU" {
		t.Errorf("stored name %q, want %q", c.Name, "Sales EU")
	}
	if got, ok := storetest.MustLoad(t, s).Connection("ｓａｌｅｓ eu"); !ok || got.ID != c.ID {
		t.Error("the full-width spelling does not find the connection")
	}
	// Names in other scripts still work, and an edit may keep its own name.
	storetest.MustSaveConn(t, s, named("Отчёт"))
	in := named("Report")
	in.ID = storetest.MustConn(t, s, "Report").ID
	in.ClientSecret = ""
	storetest.MustSaveConn(t, s, in)
}

// Finding 6: a bare "?" or "#" is refused even where url.Parse sees no
// query or fragment.
func TestEndpointURLRefusesBareQueryOrFragment(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	for _, tt := range []struct{ authorize, token, field string }{
		{"https://zoom.us/oauth/authorize", "https://zoom.us/oauth/token#", auth.FieldTokenURL},
		{"https://zoom.us/oauth/authorize", "https://zoom.us/oauth/token?", auth.FieldTokenURL},
		{"https://zoom.us/oauth/authorize#", "https://zoom.us/oauth/token", auth.FieldAuthorizeURL},
		{"https://zoom.us/oauth/authorize?", "https://zoom.us/oauth/token", auth.FieldAuthorizeURL},
		{"https://zoom.us/oauth/authorize", "https://zoom.us/oauth/token?#", auth.FieldTokenURL},
		{"https://zoom.us/oauth/authorize", "https://zoom.us/oa?uth/token/", auth.FieldTokenURL},
	} {
		in := storetest.S2SInput("S")
		in.Endpoints = auth.CustomEndpoints(tt.authorize, tt.token, "https://zoom.us/oauth/revoke", "https://api.zoom.us/v2")
		_, err := s.SaveConnection(in)
		var ve *auth.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.For(tt.field), "must not contain a query (?) or fragment (#)") {
			t.Errorf("%s / %s: err = %v", tt.authorize, tt.token, err)
		}
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused URL wrote the metadata file")
	}
}
