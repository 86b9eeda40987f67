package store_test

// Issue 17, findings 4 and 6: the import plan says whether the user must
// agree to hosts outside Zoom; an import never gives a connection of a
// client already here an API URL of its own; a refusal quotes the file's
// URLs made safe.

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
	"zoomconn/internal/safetext/safetexttest"
)

func customOn(host string) auth.Endpoints {
	return auth.CustomEndpoints("https://"+host+"/oauth/authorize", "https://"+host+"/oauth/token", "https://"+host+"/oauth/revoke", "https://"+host+"/v2")
}

func exportJSON(t *testing.T, f store.ExportFile) []byte {
	t.Helper()
	f.Format, f.Version = store.ExportFormat, store.ExportVersion
	raw, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// corpStore holds the confidential client "Corp" on custom endpoints.
func corpStore(t *testing.T) (*store.Store, *secrettest.Memory, auth.OAuthClient) {
	t.Helper()
	sec := &secrettest.Memory{}
	s := storetest.New(t, sec)
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Corp", ClientID: "corpCID", ClientSecret: "corp-secret-value", Endpoints: customOn("login.corp.example")})
	return s, sec, cl
}

func TestImportPlanSaysWhenHostsNeedConsent(t *testing.T) {
	s, _, _ := corpStore(t)
	for name, tc := range map[string]struct {
		f    store.ExportFile
		want bool
	}{
		"Zoom and ZoomGov only": {store.ExportFile{Connections: []store.ExportConnection{
			{Name: "A", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}},
			{Name: "B", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", Endpoints: auth.Endpoints{Preset: auth.PresetZoomGov}}}}, false},
		"a custom S2S connection": {store.ExportFile{Connections: []store.ExportConnection{
			{Name: "A", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", Endpoints: customOn("s2s.example")}}}, true},
		"a new client with custom endpoints": {store.ExportFile{Clients: []store.ExportClient{
			{Name: "New", ClientID: "n", Public: true, Endpoints: &auth.Endpoints{Preset: auth.PresetCustom,
				AuthorizeURL: "https://z.example/a", TokenURL: "https://z.example/t", RevokeURL: "https://z.example/r", APIBaseURL: "https://api.example/v2"}}}}, true},
	} {
		plan, err := store.PlanImport(storetest.MustLoad(t, s), exportJSON(t, tc.f))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := plan.NeedsHostConsent(); got != tc.want || got != (len(plan.CustomHosts) > 0) {
			t.Errorf("%s: NeedsHostConsent = %v, want %v (hosts %q)", name, got, tc.want, plan.CustomHosts)
		}
	}
}

// Finding 4: a connection naming a client that is already here cannot
// bring its own API URL; the store is left as it was.
func TestImportNeverGivesAnExistingClientsConnectionItsOwnAPIURL(t *testing.T) {
	corp := customOn("login.corp.example")
	for name, f := range map[string]store.ExportFile{
		"the connection alone": {Connections: []store.ExportConnection{
			{Name: "Steal", Type: auth.AuthOAuth, OAuthClient: "Corp", Endpoints: auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: "https://api.evil.example/v2"}}}},
		"with the same client, reused": {Clients: []store.ExportClient{{Name: "Corp", ClientID: "corpCID", Endpoints: &corp}},
			Connections: []store.ExportConnection{
				{Name: "Steal", Type: auth.AuthOAuth, OAuthClient: "corp", Endpoints: auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: " https://api.evil.example/v2/ "}}}},
	} {
		t.Run(name, func(t *testing.T) {
			s, sec, _ := corpStore(t)
			before, _ := os.ReadFile(s.Path())
			keys := sec.Snapshot()
			plan, err := store.PlanImport(storetest.MustLoad(t, s), exportJSON(t, f))
			var ie *store.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("PlanImport = %+v, %v; want an *ImportError", plan, err)
			}
			for _, want := range []string{`connection "Steal"`, "https://api.evil.example/v2", `"Corp" is already here`, `Remove "api_url"`, "nothing was changed"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the refusal lacks %q: %v", want, err)
				}
			}
			if after, _ := os.ReadFile(s.Path()); string(after) != string(before) || !reflect.DeepEqual(keys, sec.Snapshot()) {
				t.Error("a refused import changed the store")
			}
		})
	}

	// What stays allowed: the client's own API URL, said or not, and an API
	// URL of its own for a connection of a client the same file adds.
	s, _, _ := corpStore(t)
	other := customOn("login.other.example")
	f := store.ExportFile{Clients: []store.ExportClient{{Name: "Other", ClientID: "oCID", Public: true, Endpoints: &other}},
		Connections: []store.ExportConnection{
			{Name: "Said", Type: auth.AuthOAuth, OAuthClient: "Corp", Endpoints: auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: corp.APIBaseURL + "/"}},
			{Name: "Unsaid", Type: auth.AuthOAuth, OAuthClient: "Corp", Endpoints: auth.Endpoints{Preset: auth.PresetCustom}},
			{Name: "Own API", Type: auth.AuthOAuth, OAuthClient: "Other", Endpoints: auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: "https://api.other.example/v2"}},
		}}
	plan, err := store.PlanImport(storetest.MustLoad(t, s), exportJSON(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Import(plan, nil); err != nil {
		t.Fatal(err)
	}
	d := storetest.MustLoad(t, s)
	for name, api := range map[string]string{"Said": corp.APIBaseURL, "Unsaid": corp.APIBaseURL, "Own API": "https://api.other.example/v2"} {
		c, ok := d.Connection(name)
		if ep, _ := d.EndpointsOf(c); !ok || ep.APIBaseURL != api {
			t.Errorf("%s: API URL %q, want %q", name, ep.APIBaseURL, api)
		}
	}
}

// Finding 4: Import checks again against the data as it is then: a plan
// made before the client's API URL changed cannot give the connection the
// old one as an API URL of its own.
func TestImportChecksTheAPIURLAgainstTheClientAsItIsThen(t *testing.T) {
	s, sec, cl := corpStore(t)
	f := store.ExportFile{Connections: []store.ExportConnection{{Name: "Late", Type: auth.AuthOAuth, OAuthClient: "Corp", Endpoints: auth.Endpoints{Preset: auth.PresetCustom}}}}
	plan, err := store.PlanImport(storetest.MustLoad(t, s), exportJSON(t, f))
	if err != nil {
		t.Fatal(err)
	}
	moved := cl.Endpoints
	moved.APIBaseURL = "https://api2.corp.example/v2"
	if _, err := s.SaveClient(auth.ClientInput{ID: cl.ID, Name: cl.Name, ClientID: cl.ClientID, Endpoints: moved}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(s.Path())
	keys := sec.Snapshot()
	err = s.Import(plan, nil)
	if err == nil || !strings.Contains(err.Error(), `"Corp" is already here`) {
		t.Fatalf("Import = %v; want a refusal naming the client", err)
	}
	if after, _ := os.ReadFile(s.Path()); string(after) != string(before) || !reflect.DeepEqual(keys, sec.Snapshot()) {
		t.Error("a refused import changed the store")
	}
}

// Finding 6: a refusal quotes the file's URLs made safe.
func TestImportRefusalQuotesURLsMadeSafe(t *testing.T) {
	hostile := "https://evil\x1b]0;pwned\x07\u202e\u009b.example/oauth/token"
	hostile2 := "https://evil\x1b[2J\u2066.example/oauth/token"
	ep := auth.CustomEndpoints(hostile, hostile, hostile, hostile)
	conn := func(name, token string) store.ExportConnection {
		return store.ExportConnection{Name: name, Type: auth.AuthOAuth, OAuthClient: "New", Endpoints: auth.CustomEndpoints(token, token, token, token)}
	}
	for name, tc := range map[string]struct {
		f       store.ExportFile
		version int
	}{
		"a client here given other endpoints": {f: store.ExportFile{Clients: []store.ExportClient{{Name: "Gen", ClientID: "genCID", Endpoints: &ep}}}},
		"a preset listing a foreign URL": {f: store.ExportFile{Connections: []store.ExportConnection{{Name: "X", Type: auth.AuthS2S, AccountID: "a", ClientID: "c",
			Endpoints: auth.Endpoints{Preset: auth.PresetZoom, TokenURL: hostile}}}}},
		"version 1 connections disagreeing about their client's endpoints": {version: 1, f: store.ExportFile{
			Clients: []store.ExportClient{{Name: "New", ClientID: "nCID", Public: true}}, Connections: []store.ExportConnection{conn("A", hostile), conn("B", hostile2)}}},
	} {
		s, _, _ := genStore(t)
		raw := exportJSON(t, tc.f)
		if tc.version != 0 {
			raw = []byte(strings.Replace(string(raw), `"version":2`, `"version":1`, 1))
		}
		_, err := store.PlanImport(storetest.MustLoad(t, s), raw)
		var ie *store.ImportError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: PlanImport = %v; want an *ImportError", name, err)
		}
		safetexttest.AssertSafe(t, name, err.Error(), 20000)
		if !strings.Contains(err.Error(), `evil\x1b`) {
			t.Errorf("%s: the refusal does not show the URL made visible: %q", name, err)
		}
	}
}
