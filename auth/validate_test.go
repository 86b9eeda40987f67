package auth

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/secure/precis"
)

func TestValidateConnection(t *testing.T) {
	d := &Data{Schema: SchemaVersion,
		Clients:     []OAuthClient{{ID: "client-1", Name: "Team app", ClientID: "abc", Kind: Public}},
		Connections: []Connection{{ID: "conn-1", Name: "Reporting", Type: AuthS2S, AccountID: "a", ClientID: "c"}},
	}
	ok := s2sInput("Fresh")
	tests := []struct {
		name  string
		edit  func(in *ConnectionInput)
		field string
		want  string // substring of the message; "" means valid
	}{
		{"valid s2s", func(in *ConnectionInput) {}, "", ""},
		{"valid oauth", func(in *ConnectionInput) {
			*in = ConnectionInput{Name: "U", Type: AuthOAuth, OAuthClientID: "client-1"}
		}, "", ""},
		{"name required", func(in *ConnectionInput) { in.Name = "  " }, FieldConnName, "Name your connection is required."},
		{"name too long", func(in *ConnectionInput) { in.Name = strings.Repeat("é", 101) }, FieldConnName, "at most 100 characters (it has 101)"},
		{"name 100 runes ok", func(in *ConnectionInput) { in.Name = strings.Repeat("é", 100) }, "", ""},
		{"name control char", func(in *ConnectionInput) { in.Name = "a\tb" }, FieldConnName, "must not contain control characters"},
		{"name duplicate any case", func(in *ConnectionInput) { in.Name = "REPORTING" }, FieldConnName, `"REPORTING" is already used`},
		{"auth type required", func(in *ConnectionInput) { in.Type = "" }, FieldAuthType, "Auth type is required"},
		{"auth type unknown", func(in *ConnectionInput) { in.Type = "jwt" }, FieldAuthType, `not "jwt"`},
		{"account id required", func(in *ConnectionInput) { in.AccountID = "" }, FieldAccountID, "Account ID is required."},
		{"account id space", func(in *ConnectionInput) { in.AccountID = "ab cd" }, FieldAccountID, "only visible characters"},
		{"client id zero-width", func(in *ConnectionInput) { in.ClientID = "abc\u200b" }, FieldClientID, "only visible characters"},
		{"client id too long", func(in *ConnectionInput) { in.ClientID = strings.Repeat("x", 257) }, FieldClientID, "at most 256"},
		{"client id 256 ok", func(in *ConnectionInput) { in.ClientID = strings.Repeat("x", 256) }, "", ""},
		{"secret required", func(in *ConnectionInput) { in.ClientSecret = " \n" }, FieldClientSecret, "Client secret is required."},
		{"secret with newline inside", func(in *ConnectionInput) { in.ClientSecret = "ab\ncd" }, FieldClientSecret, "control characters"},
		{"oauth client required", func(in *ConnectionInput) { *in = ConnectionInput{Name: "U", Type: AuthOAuth} }, FieldOAuthClient, "OAuth 2.0 client is required"},
		{"oauth client missing", func(in *ConnectionInput) { *in = ConnectionInput{Name: "U", Type: AuthOAuth, OAuthClientID: "gone"} }, FieldOAuthClient, "no longer exists"},
		{"unknown preset", func(in *ConnectionInput) { in.Endpoints.Preset = "mars" }, FieldEndpoints, `not "mars"`},
		{"custom http refused", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("http://example.com/a", "https://e/t", "https://e/r", "https://e/v2")
		}, FieldAuthorizeURL, "must use https"},
		{"custom http loopback ok", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("http://127.0.0.1:9/a", "http://[::1]:9/t", "https://e/r", "https://e/v2")
		}, "", ""},
		{"custom http localhost refused", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("https://e/a", "http://localhost:9/t", "https://e/r", "https://e/v2")
		}, FieldTokenURL, "must use https"},
		{"custom missing url", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("https://e/a", "https://e/t", "", "https://e/v2")
		}, FieldRevokeURL, "required for custom"},
		{"custom ftp", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("https://e/a", "https://e/t", "https://e/r", "ftp://e/v2")
		}, FieldAPIURL, "must start with https://"},
		{"custom userinfo", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("https://u:p@e/a", "https://e/t", "https://e/r", "https://e/v2")
		}, FieldAuthorizeURL, "user name or password"},
		// A Server-to-Server connection never opens an authorize URL.
		{"s2s custom without authorize URL", func(in *ConnectionInput) {
			in.Endpoints = CustomEndpoints("", "https://e/t", "https://e/r", "https://e/v2")
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			err := d.ValidateConnection(in)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want *ValidationError, got %T %v", err, err)
			}
			if msg := ve.For(tt.field); !strings.Contains(msg, tt.want) {
				t.Fatalf("message for %q = %q, want it to contain %q (all: %v)", tt.field, msg, tt.want, err)
			}
		})
	}
}

// Only a Server-to-Server connection may leave the Authorize URL of custom
// endpoints empty, and changing that URL does not ask for its secret again
// (the secret never goes there); an OAuth client needs it.
func TestS2SCustomEndpointsNeedNoAuthorizeURL(t *testing.T) {
	ep := CustomEndpoints("https://e/a", "https://e/t", "https://e/r", "https://e/v2")
	d := &Data{Schema: SchemaVersion, Connections: []Connection{{ID: "conn-1", Name: "Reporting", Type: AuthS2S, AccountID: "a", ClientID: "c", Endpoints: ep}}}
	edit := ConnectionInput{ID: "conn-1", Name: "Reporting", Type: AuthS2S, AccountID: "a", ClientID: "c",
		Endpoints: CustomEndpoints("", ep.TokenURL, ep.RevokeURL, ep.APIBaseURL)}
	p, err := d.PlanConnection(edit)
	if err != nil {
		t.Fatalf("dropping the authorize URL: %v", err)
	}
	if p.Connection.Endpoints.AuthorizeURL != "" || p.Connection.Endpoints.TokenURL != ep.TokenURL {
		t.Errorf("planned endpoints %+v", p.Connection.Endpoints)
	}
	edit.Endpoints.TokenURL = "https://other.example/t"
	var ve *ValidationError
	if err := d.ValidateConnection(edit); !errors.As(err, &ve) || !strings.Contains(ve.For(FieldClientSecret), "token URL changed") {
		t.Errorf("a new token URL: %v; want the secret again", err)
	}
	client := ClientInput{Name: "App", ClientID: "x", ClientSecret: "s", Endpoints: CustomEndpoints("", ep.TokenURL, ep.RevokeURL, ep.APIBaseURL)}
	if err := d.ValidateClient(client); !errors.As(err, &ve) || !strings.Contains(ve.For(FieldAuthorizeURL), "required") {
		t.Errorf("an OAuth client without an authorize URL: %v", err)
	}
}

func TestValidateClient(t *testing.T) {
	d := &Data{Schema: SchemaVersion, Clients: []OAuthClient{{ID: "client-1", Name: "Team app", ClientID: "abc", Kind: Confidential}}}
	tests := []struct {
		name  string
		in    ClientInput
		field string
		want  string
	}{
		{"valid confidential", ClientInput{Name: "New", ClientID: "x", ClientSecret: "s"}, "", ""},
		{"valid public without secret", ClientInput{Name: "New", ClientID: "x", Public: true}, "", ""},
		{"name required", ClientInput{ClientID: "x", ClientSecret: "s"}, FieldClientName, "Name is required."},
		{"name duplicate", ClientInput{Name: "team APP", ClientID: "x", ClientSecret: "s"}, FieldClientName, "already used"},
		{"client id required", ClientInput{Name: "New", ClientSecret: "s"}, FieldClientID, "Client ID is required."},
		{"secret required for confidential", ClientInput{Name: "New", ClientID: "x"}, FieldClientSecret, "Client secret is required."},
		{"port too low", ClientInput{Name: "New", ClientID: "x", Public: true, Port: 80}, FieldPort, "between 1024 and 65535"},
		{"port too high", ClientInput{Name: "New", ClientID: "x", Public: true, Port: 70000}, FieldPort, "between 1024 and 65535"},
		{"edit: new client id needs secret", ClientInput{ID: "client-1", Name: "Team app", ClientID: "changed"}, FieldClientSecret, "again because the Client ID changed"},
		{"edit: same id keeps secret", ClientInput{ID: "client-1", Name: "Team app", ClientID: "abc"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := d.ValidateClient(tt.in)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want *ValidationError, got %T %v", err, err)
			}
			if msg := ve.For(tt.field); !strings.Contains(msg, tt.want) {
				t.Fatalf("message for %q = %q, want %q", tt.field, msg, tt.want)
			}
		})
	}
}

// The profile's output is stable: an accepted name is its own enforcement.
func TestAcceptedNamesAreEnforced(t *testing.T) {
	d := &Data{Schema: SchemaVersion}
	for _, name := range []string{"Reports", "Ｗｉｄｅ", "a\u00a0b", "Ⅻ", "Café"} {
		p, err := d.PlanConnection(named(name))
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if again, err := precis.Nickname.String(p.Connection.Name); err != nil || again != p.Connection.Name {
			t.Errorf("%q stored as %q, which the profile maps to %q (%v)", name, p.Connection.Name, again, err)
		}
	}
}

// s2sInput is a valid new Server-to-Server connection named name.
func s2sInput(name string) ConnectionInput {
	return ConnectionInput{Name: name, Type: AuthS2S, AccountID: "acct-" + name, ClientID: "cid-" + name, ClientSecret: "s3cret-" + name + "-value"}
}

// named is a valid Server-to-Server input whose IDs do not depend on name.
func named(name string) ConnectionInput {
	return ConnectionInput{Name: name, Type: AuthS2S, AccountID: "acct", ClientID: "cid", ClientSecret: "s3cret"}
}
