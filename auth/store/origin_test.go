package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// hostile is a server that must never be reached: it counts every request.
type hostile struct {
	*httptest.Server
	hits atomic.Int32
}

func newHostile(t *testing.T) *hostile {
	h := &hostile{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"stolen","token_type":"bearer","expires_in":3600,"refresh_token":"r"}`))
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hostile) endpoints() auth.Endpoints {
	return auth.CustomEndpoints(h.URL+"/oauth/authorize", h.URL+"/oauth/token", h.URL+"/oauth/revoke", h.URL+"/v2")
}

// genStore holds a confidential client "Gen" on Zoom's endpoints with its
// secret, and one OAuth 2.0 connection using it.
func genStore(t *testing.T) (*store.Store, *secrettest.Memory, auth.OAuthClient) {
	t.Helper()
	sec := &secrettest.Memory{}
	s := storetest.New(t, sec)
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Gen", ClientID: "genCID", ClientSecret: "gen-secret-value"})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Mine", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	return s, sec, cl
}

// Finding 1: an import file cannot point an existing client's secret at
// another host, whichever way it says so; the store is left as it was.
func TestImportNeverRedirectsAnExistingClientsSecret(t *testing.T) {
	h := newHostile(t)
	evil := h.endpoints()
	evilJSON, _ := json.Marshal(evil)
	cases := map[string]string{
		"version 1: a connection naming the client with custom endpoints": `{"format":"zoomconn-export","version":1,"oauth_clients":[],
			"connections":[{"name":"Steal","type":"oauth","oauth_client":"Gen","endpoints":` + string(evilJSON) + `}]}`,
		"version 2: the same client with other endpoints": `{"format":"zoomconn-export","version":2,
			"oauth_clients":[{"name":"Gen","client_id":"genCID","endpoints":` + string(evilJSON) + `}],
			"connections":[{"name":"Steal","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom"}}]}`,
		"version 2: a connection naming the client with a foreign token URL": `{"format":"zoomconn-export","version":2,"oauth_clients":[],
			"connections":[{"name":"Steal","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom","token_url":"` + evil.TokenURL + `"}}]}`,
		"version 2: a connection naming the client with a foreign API": `{"format":"zoomconn-export","version":2,"oauth_clients":[],
			"connections":[{"name":"Steal","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom","api_url":"` + evil.APIBaseURL + `"}}]}`,
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			s, sec, _ := genStore(t)
			before, _ := os.ReadFile(s.Path())
			keys := sec.Snapshot()
			plan, err := store.PlanImport(storetest.MustLoad(t, s), []byte(raw))
			var ie *store.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("PlanImport = %+v, %v; want an *ImportError", plan, err)
			}
			if !strings.Contains(err.Error(), `"Gen"`) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("the refusal does not name the client or say nothing changed: %v", err)
			}
			after, _ := os.ReadFile(s.Path())
			if string(before) != string(after) || !reflect.DeepEqual(keys, sec.Snapshot()) {
				t.Error("a refused import changed the store")
			}
			// And nothing reached the hostile host.
			svc := &access.Service{Store: s}
			_, _ = svc.Token(context.Background(), "Steal")
			if n := h.hits.Load(); n != 0 {
				t.Fatalf("the hostile server got %d requests", n)
			}
		})
	}
}

// Finding 1: the review names every custom host before a secret is asked.
func TestImportPlanNamesEveryCustomHost(t *testing.T) {
	s, _, _ := genStore(t)
	f := store.ExportFile{Format: store.ExportFormat, Version: store.ExportVersion,
		Clients: []store.ExportClient{{Name: "Other", ClientID: "oCID", Endpoints: &auth.Endpoints{Preset: auth.PresetCustom,
			AuthorizeURL: "https://login.example/oauth/authorize", TokenURL: "https://login.example/oauth/token",
			RevokeURL: "https://login.example/oauth/revoke", APIBaseURL: "https://api.example:8443/v2"}}},
		Connections: []store.ExportConnection{
			{Name: "S2S", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", Endpoints: auth.CustomEndpoints(
				"https://s2s.example/a", "https://s2s.example:9443/t", "https://s2s.example:9443/r", "https://s2s.example/v2")},
			{Name: "Via Other", Type: auth.AuthOAuth, OAuthClient: "Other", Endpoints: auth.Endpoints{Preset: auth.PresetCustom}},
		}}
	raw, _ := json.Marshal(f)
	plan, err := store.PlanImport(storetest.MustLoad(t, s), raw)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`OAuth client "Other": https://login.example:443 (authorize, token, revoke)`,
		`OAuth client "Other": https://api.example:8443 (API)`,
		`connection "S2S": https://s2s.example:443 (authorize, API)`,
		`connection "S2S": https://s2s.example:9443 (token, revoke)`,
		`connection "Via Other": https://login.example:443 (authorize, token, revoke)`,
		`connection "Via Other": https://api.example:8443 (API)`,
	}
	if !reflect.DeepEqual(plan.CustomHosts, want) {
		t.Fatalf("CustomHosts =\n%q\nwant\n%q", plan.CustomHosts, want)
	}
}

// Finding 1: editing where a secret goes needs the secret again, and the
// tokens issued at the old endpoints never reach the new ones.
func TestChangingSecretURLsNeedsTheSecretAgain(t *testing.T) {
	s, sec, cl := genStore(t)
	conn := storetest.MustSaveConn(t, s, storetest.S2SInput("Reports"))
	h := newHostile(t)

	in := auth.ConnectionInput{ID: conn.ID, Name: conn.Name, Type: auth.AuthS2S, AccountID: conn.AccountID, ClientID: conn.ClientID, Endpoints: h.endpoints()}
	_, err := s.SaveConnection(in)
	var ve *auth.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For(auth.FieldClientSecret), "again because the endpoints changed") {
		t.Fatalf("S2S endpoint change without the secret: %v", err)
	}
	sameHostNewPath := auth.Endpoints{Preset: auth.PresetCustom}
	if _, err := s.SaveConnection(auth.ConnectionInput{ID: conn.ID, Name: conn.Name, Type: auth.AuthS2S, AccountID: conn.AccountID, ClientID: conn.ClientID, Endpoints: sameHostNewPath}); err == nil {
		t.Fatal("incomplete custom endpoints were accepted")
	}

	mine, _ := storetest.MustLoad(t, s).Connection("Mine")
	_ = sec.Set(store.RefreshTokenKey(mine.ID), "old-refresh-token")
	_ = sec.Set(store.AccessTokenKey(mine.ID), `{"access_token":"old"}`)
	cin := auth.ClientInput{ID: cl.ID, Name: cl.Name, ClientID: cl.ClientID, Endpoints: h.endpoints()}
	_, err = s.SaveClient(cin)
	if !errors.As(err, &ve) || !strings.Contains(ve.For(auth.FieldClientSecret), "Client secret is required again because the endpoints changed") {
		t.Fatalf("client endpoint change without the secret: %v", err)
	}
	if v, _ := sec.Get(store.ClientSecretKey(cl.ID)); v != "gen-secret-value" {
		t.Fatal("a refused edit changed the stored secret")
	}
	cin.ClientSecret = "typed-again"
	storetest.MustSaveClient(t, s, cin)
	for _, k := range []string{store.RefreshTokenKey(mine.ID), store.AccessTokenKey(mine.ID)} {
		if _, err := sec.Get(k); !errors.Is(err, secret.ErrNotFound) {
			t.Errorf("%s survived a change of its client's endpoints", k)
		}
	}
	d := storetest.MustLoad(t, s)
	mine, _ = d.Connection("Mine")
	if !mine.NeedsAuth || mine.Endpoints.TokenURL != h.endpoints().TokenURL {
		t.Errorf("connection after its client moved: %+v", mine)
	}
	// An OAuth 2.0 connection cannot pick its own token URL.
	_, err = s.SaveConnection(auth.ConnectionInput{Name: "Own URLs", Type: auth.AuthOAuth, OAuthClientID: cl.ID,
		Endpoints: auth.CustomEndpoints(h.URL+"/oauth/authorize", "https://elsewhere.example/token", h.URL+"/oauth/revoke", h.URL+"/v2")})
	if !errors.As(err, &ve) || !strings.Contains(ve.For(auth.FieldTokenURL), `belongs to the OAuth client "Gen"`) {
		t.Fatalf("OAuth connection with its own token URL: %v", err)
	}
}

// Migration from schema 1 keeps every connection and never widens where a
// stored secret can go: connections that disagree about their client's
// endpoints get a copy of the client whose secret must be typed again.
func TestSchema1MigrationNeverWidensWhereASecretGoes(t *testing.T) {
	h := newHostile(t)
	evil, _ := json.Marshal(h.endpoints())
	v1 := `{"schema":1,"oauth_clients":[
		{"id":"gen","name":"Gen","client_id":"genCID","kind":"confidential","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"},
		{"id":"pub","name":"Pub","client_id":"pubCID","kind":"public","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"},
		{"id":"idle","name":"Idle","client_id":"idleCID","kind":"confidential","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}],
	"connections":[
		{"id":"a","name":"First","type":"oauth","oauth_client_id":"gen","endpoints":{"preset":"zoom"},"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"},
		{"id":"b","name":"Imported later","type":"oauth","oauth_client_id":"gen","endpoints":` + string(evil) + `,"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"},
		{"id":"c","name":"Gov","type":"oauth","oauth_client_id":"pub","endpoints":{"preset":"zoomgov"},"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"},
		{"id":"d","name":"S2S","type":"s2s","account_id":"x","client_id":"y","endpoints":{"preset":"zoom"},"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}]}`
	sec := &secrettest.Memory{}
	s := storetest.New(t, sec)
	if err := os.WriteFile(s.Path(), []byte(v1), 0o600); err != nil {
		t.Fatal(err)
	}
	_ = sec.Set(store.ClientSecretKey("gen"), "gen-secret-value")
	_ = sec.Set(store.RefreshTokenKey("b"), "refresh-b")

	d := storetest.MustLoad(t, s)
	if len(d.Connections) != 4 {
		t.Fatalf("migration lost connections: %+v", d.Connections)
	}
	gen, _ := d.ClientByID("gen")
	zoom, _ := auth.PresetEndpoints(auth.PresetZoom)
	if gen.Endpoints != zoom || gen.SecretNeeded {
		t.Errorf("Gen keeps its oldest connection's endpoints and its secret: %+v", gen)
	}
	b, _ := d.ConnectionByID("b")
	copyOfGen, ok := d.ClientByID(b.OAuthClientID)
	if !ok || copyOfGen.ID == "gen" || copyOfGen.ClientID != "genCID" || !copyOfGen.SecretNeeded || copyOfGen.Endpoints.TokenURL != h.endpoints().TokenURL {
		t.Fatalf("the disagreeing connection's client: %+v", copyOfGen)
	}
	if pub, _ := d.ClientByID("pub"); pub.Endpoints.Preset != auth.PresetZoomGov {
		t.Errorf("Pub takes its connections' endpoints: %+v", pub.Endpoints)
	}
	if idle, _ := d.ClientByID("idle"); idle.Endpoints != zoom {
		t.Errorf("a client without connections gets Zoom's endpoints: %+v", idle.Endpoints)
	}
	if again := storetest.MustLoad(t, s); !reflect.DeepEqual(again.Clients, d.Clients) {
		t.Error("loading the same file twice gave different clients")
	}

	svc := &access.Service{Store: s}
	_, err := svc.Token(context.Background(), "Imported later")
	var need *access.SecretNeededError
	if !errors.As(err, &need) || !strings.Contains(err.Error(), "typed again") {
		t.Fatalf("token for the disagreeing connection: %v", err)
	}
	if n := h.hits.Load(); n != 0 {
		t.Fatalf("the secret or refresh token went to the other host (%d requests)", n)
	}
	// Typing the secret again clears the mark.
	res, err := s.SaveClient(auth.ClientInput{ID: copyOfGen.ID, Name: copyOfGen.Name, ClientID: copyOfGen.ClientID, Endpoints: copyOfGen.Endpoints})
	if err == nil || !strings.Contains(err.Error(), "Client secret is required again") {
		t.Fatalf("saving the copy without the secret: %+v, %v", res, err)
	}
	storetest.MustSaveClient(t, s, auth.ClientInput{ID: copyOfGen.ID, Name: copyOfGen.Name, ClientID: copyOfGen.ClientID, Endpoints: copyOfGen.Endpoints, ClientSecret: "typed"})
	if cl, _ := storetest.MustLoad(t, s).ClientByID(copyOfGen.ID); cl.SecretNeeded {
		t.Error("SecretNeeded survived typing the secret")
	}
}

// A host is named to the user before secrets go there, so it must read as
// what it is: a look-alike Unicode host is refused.
func TestEndpointURLsMustBeASCII(t *testing.T) {
	s, _, _ := genStore(t)
	in := storetest.S2SInput("Homograph")
	in.Endpoints = auth.CustomEndpoints("https://z\u043e\u043em.us/oauth/authorize", "https://z\u043e\u043em.us/oauth/token", "https://z\u043e\u043em.us/oauth/revoke", "https://api.z\u043e\u043em.us/v2")
	_, err := s.SaveConnection(in)
	var ve *auth.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For(auth.FieldTokenURL), "plain ASCII") {
		t.Fatalf("a Cyrillic look-alike host: %v", err)
	}
}
