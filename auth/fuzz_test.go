package auth

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"
)

// FuzzParseData: loading any file content never panics, what loads
// survives a save/load round trip, and what keeps its secrets in the
// encrypted file is never taken for a keyring file by MayKeepSecretsInFile.
func FuzzParseData(f *testing.F) {
	f.Add([]byte(`{"schema":1,"oauth_clients":[{"id":"c","name":"n","client_id":"x","kind":"public"}],"connections":[{"id":"a","name":"x","type":"s2s","endpoints":{"preset":"zoom"}}]}`))
	f.Add([]byte(`{"schema":1}`))
	f.Add([]byte(`{"schema":2}`))
	f.Add([]byte(`{`))
	f.Add([]byte(`{"schema":1,"connections":[{"id":"a","type":"oauth"},{"id":"a","type":"s2s"}]}`))
	f.Add([]byte(`{"schema":2,"secret_backend":"file"}`))
	f.Add([]byte(`{"schema":2,"Secret_Backend":"fil\u0065"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := ParseData(raw)
		if err != nil {
			return
		}
		if d.Backend() == BackendFile && !MayKeepSecretsInFile(raw) {
			t.Fatalf("secrets in the file, but MayKeepSecretsInFile says surely not: %q", raw)
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseData(again); err != nil {
			t.Fatalf("loaded data does not reload: %v", err)
		}
	})
}

// FuzzValidateConnection: validation never panics, and what it accepts
// obeys the rules.
func FuzzValidateConnection(f *testing.F) {
	f.Add("Reports", "s2s", "acct", "client", "secret", "zoom", "https://x/t")
	f.Add(" a\x00b ", "oauth", "", "", "", "custom", "http://127.0.0.1:1/t")
	f.Add(strings.Repeat("é", 101), "s2s", "a b", "c\u200b", " s ", "custom", "https://u:p@h/t")
	f.Add("Pay\u202eroll", "s2s", "acct", "client", "secret", "custom", "https://zoom.us/oauth/token#")
	f.Add("Ｒｅｐｏｒｔｓ", "s2s", "acct", "client", "secret", "custom", "https://zoom.us/oauth/token?")
	f.Add("Rep\u200bort\u3000x", "s2s", "acct", "client", "secret", "custom", "https://h/t?#")
	f.Fuzz(func(t *testing.T, name, typ, account, client, secret, preset, tokenURL string) {
		d := &Data{Schema: SchemaVersion, Clients: []OAuthClient{{ID: "c1", Name: "C", ClientID: "x", Kind: Public}}}
		in := ConnectionInput{Name: name, Type: AuthType(typ), AccountID: account, ClientID: client, ClientSecret: secret, OAuthClientID: "c1",
			Endpoints: Endpoints{Preset: EndpointPreset(preset), AuthorizeURL: "https://h/a", TokenURL: tokenURL, RevokeURL: "https://h/r", APIBaseURL: "https://h/v2"}}
		p, err := d.PlanConnection(in)
		if err != nil {
			return
		}
		c := p.Connection
		if c.Name == "" || utf8.RuneCountInString(c.Name) > maxNameRunes || strings.ContainsFunc(c.Name, unicode.IsControl) || c.Name != strings.TrimSpace(c.Name) {
			t.Fatalf("accepted name %q", c.Name)
		}
		// Names pass the Nickname profile unchanged and hold no format
		// (zero-width, bidi) character, and the one existing name's
		// look-alikes are refused.
		if again, err := precis.Nickname.String(c.Name); err != nil || again != c.Name || strings.ContainsFunc(name, isFormatRune) {
			t.Fatalf("accepted name %q from %q", c.Name, name)
		}
		if _, err := (&Data{Connections: []Connection{{ID: "x", Name: c.Name}}}).PlanConnection(in); err == nil {
			t.Fatalf("%q accepted beside the existing %q", name, c.Name)
		}
		if c.Type == AuthS2S && (p.Secret == "" || strings.ContainsFunc(c.AccountID+c.ClientID, func(r rune) bool { return r < 0x21 || r > 0x7e })) {
			t.Fatalf("accepted s2s %+v", c)
		}
		for _, raw := range []string{c.Endpoints.AuthorizeURL, c.Endpoints.TokenURL, c.Endpoints.RevokeURL, c.Endpoints.APIBaseURL} {
			u, err := url.Parse(raw)
			if err != nil || !(u.Scheme == "https" || u.Scheme == "http" && isLoopbackHost(u.Hostname())) || strings.ContainsAny(raw, "?#") {
				t.Fatalf("accepted endpoint %q", raw)
			}
		}
	})
}
