package store_test

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// exportFixture is a store with an S2S connection, an OAuth connection on a
// confidential client, a public client and a custom-endpoint connection.
func exportFixture(t *testing.T) (*store.Store, *secrettest.Memory) {
	t.Helper()
	sec := &secrettest.Memory{}
	s := storetest.New(t, sec)
	storetest.MustSaveConn(t, s, storetest.S2SInput("Reports"))
	conf := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Team app", ClientID: "genCID", ClientSecret: "gen-secret-value"})
	storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Desktop PKCE", ClientID: "pubCID", Public: true, Port: 8123})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "My meetings", Type: auth.AuthOAuth, OAuthClientID: conf.ID})
	custom := storetest.S2SInput("Local-fake")
	custom.Endpoints = auth.CustomEndpoints("http://127.0.0.1:8765/oauth/authorize", "http://127.0.0.1:8765/oauth/token", "http://127.0.0.1:8765/oauth/revoke", "http://127.0.0.1:8765/v2")
	storetest.MustSaveConn(t, s, custom)
	return s, sec
}

func TestExportHoldsNoSecretsAndRoundTrips(t *testing.T) {
	src, srcSec := exportFixture(t)
	d := storetest.MustLoad(t, src)
	// Give the source tokens and a test result, which must not travel.
	if err := src.UpdateConnection(d.Connections[0].ID, func(c *auth.Connection) { c.LastTest = &auth.TestResult{OK: true, Message: "fine"} }); err != nil {
		t.Fatal(err)
	}
	_ = srcSec.Set(store.RefreshTokenKey(d.Connections[1].ID), "refresh-token-value")
	d = storetest.MustLoad(t, src)

	raw, err := store.Export(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range srcSec.Snapshot() {
		if strings.Contains(string(raw), v) {
			t.Fatalf("export contains a stored secret: %s", raw)
		}
	}
	for _, banned := range []string{`"id"`, "last_test", "needs_auth", "fine"} {
		if strings.Contains(string(raw), banned) {
			t.Errorf("export contains %s:\n%s", banned, raw)
		}
	}

	dstSec := &secrettest.Memory{}
	dst := storetest.New(t, dstSec)
	plan, err := store.PlanImport(storetest.MustLoad(t, dst), raw)
	if err != nil {
		t.Fatal(err)
	}
	wantNeeded := []string{`Client secret of the OAuth client "Team app"`, `Client secret of the connection "Reports"`, `Client secret of the connection "Local-fake"`}
	var got []string
	for _, n := range plan.Needed {
		got = append(got, n.Label)
	}
	if !reflect.DeepEqual(got, wantNeeded) {
		t.Fatalf("Needed = %q, want %q", got, wantNeeded)
	}
	if err := dst.Import(plan, []string{"team-secret", "reports-secret", "local-secret"}); err != nil {
		t.Fatal(err)
	}
	out := storetest.MustLoad(t, dst)
	if len(out.Connections) != 3 || len(out.Clients) != 2 {
		t.Fatalf("imported %d connections, %d clients", len(out.Connections), len(out.Clients))
	}
	mm, _ := out.Connection("My meetings")
	cl, ok := out.ClientByID(mm.OAuthClientID)
	if !ok || cl.Name != "Team app" || cl.ClientID != "genCID" {
		t.Fatalf("My meetings uses %+v", cl)
	}
	if !mm.NeedsAuth || mm.Status() != "needs authorization" {
		t.Errorf("imported OAuth connection status %q, want needs authorization", mm.Status())
	}
	rep, _ := out.Connection("Reports")
	if rep.LastTest != nil {
		t.Error("test result was imported")
	}
	if v, _ := dstSec.Get(store.S2SSecretKey(rep.ID)); v != "reports-secret" {
		t.Errorf("Reports secret = %q", v)
	}
	if v, _ := dstSec.Get(store.ClientSecretKey(cl.ID)); v != "team-secret" {
		t.Errorf("Team app secret = %q", v)
	}
	pub, _ := out.Client("Desktop PKCE")
	if pub.Kind != auth.Public || pub.Port != 8123 {
		t.Errorf("public client = %+v", pub)
	}
	lf, _ := out.Connection("Local-fake")
	if lf.Endpoints.Preset != auth.PresetCustom || lf.Endpoints.TokenURL != "http://127.0.0.1:8765/oauth/token" {
		t.Errorf("custom endpoints = %+v", lf.Endpoints)
	}
	// Exporting the import gives the same file.
	raw2, err := store.Export(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != string(raw2) {
		t.Errorf("round trip differs:\n%s\n---\n%s", raw, raw2)
	}
}

func TestExportByName(t *testing.T) {
	s, _ := exportFixture(t)
	d := storetest.MustLoad(t, s)
	raw, err := store.Export(d, []string{"my meetings"})
	if err != nil {
		t.Fatal(err)
	}
	var f store.ExportFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Connections) != 1 || f.Connections[0].Name != "My meetings" || len(f.Clients) != 1 || f.Clients[0].Name != "Team app" {
		t.Fatalf("export of one OAuth connection = %s", raw)
	}
	raw, err = store.Export(d, []string{"Desktop PKCE"})
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Connections) != 0 || len(f.Clients) != 1 || !f.Clients[0].Public {
		t.Fatalf("export of one client = %s", raw)
	}
	if _, err := store.Export(d, []string{"Reports", "nope"}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("unknown name: err = %v", err)
	}
}

// TestImportHostileChangesNothing feeds malformed and hostile files to an
// existing store: each is refused with a clear reason and neither the file
// nor the keyring changes.
func TestImportHostileChangesNothing(t *testing.T) {
	valid := func(mut func(f *store.ExportFile)) string {
		f := store.ExportFile{Format: store.ExportFormat, Version: store.ExportVersion,
			Clients:     []store.ExportClient{{Name: "New app", ClientID: "newCID"}},
			Connections: []store.ExportConnection{{Name: "New conn", Type: auth.AuthS2S, AccountID: "acc", ClientID: "cid", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}}}
		if mut != nil {
			mut(&f)
		}
		raw, _ := json.Marshal(f)
		return string(raw)
	}
	cases := []struct {
		name, raw, want string
	}{
		{"huge", `{"format":"zoomconn-export","version":1,"connections":[],"oauth_clients":[],"x":"` + strings.Repeat("a", store.MaxImportBytes) + `"}`, "larger than"},
		{"not json", "hello", "not a valid export file"},
		{"unknown field", strings.Replace(valid(nil), `"version":2`, `"version":2,"secret":"x"`, 1), "unknown field"},
		{"unknown nested field", strings.Replace(valid(nil), `"client_id":"newCID"`, `"client_id":"newCID","client_secret":"x"`, 1), "unknown field"},
		{"trailing data", valid(nil) + `{}`, "after the end"},
		{"wrong format", valid(func(f *store.ExportFile) { f.Format = "other" }), "format marker"},
		{"wrong version", valid(func(f *store.ExportFile) { f.Version = 3 }), "version 3"},
		{"empty", `{"format":"zoomconn-export","version":1,"oauth_clients":[],"connections":[]}`, "holds no connections"},
		{"duplicate connection", valid(func(f *store.ExportFile) { f.Connections[0].Name = "REPORTS" }), `a connection named "Reports" already exists`},
		{"duplicate client, other Client ID", valid(func(f *store.ExportFile) { f.Clients[0].Name = "team app" }), `an OAuth client named "Team app" already exists`},
		{"duplicate within file", valid(func(f *store.ExportFile) { f.Connections = append(f.Connections, f.Connections[0]) }), "appears twice"},
		{"evil endpoint", valid(func(f *store.ExportFile) {
			f.Connections[0].Endpoints = auth.CustomEndpoints("http://evil.example/a", "http://evil.example/t", "http://evil.example/r", "http://evil.example/v2")
		}), "must use https"},
		{"preset with foreign URL", valid(func(f *store.ExportFile) { f.Connections[0].Endpoints.TokenURL = "https://evil.example/token" }), "not that preset's"},
		{"unknown preset", valid(func(f *store.ExportFile) { f.Connections[0].Endpoints.Preset = "mars" }), "zoom, zoomgov or custom"},
		{"control chars in name", valid(func(f *store.ExportFile) { f.Connections[0].Name = "bad\x1b[31mname" }), "control characters"},
		{"space in client id", valid(func(f *store.ExportFile) { f.Clients[0].ClientID = "a b" }), "only visible characters"},
		{"unknown type", valid(func(f *store.ExportFile) { f.Connections[0].Type = "basic" }), "must be Custom"},
		{"missing client", valid(func(f *store.ExportFile) {
			f.Connections[0] = store.ExportConnection{Name: "X", Type: auth.AuthOAuth, OAuthClient: "ghost", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}
		}), `"ghost" is neither`},
		{"bad port", valid(func(f *store.ExportFile) { f.Clients[0].Port = 80 }), "Port must be between"},
		{"too many", valid(func(f *store.ExportFile) {
			for i := 0; i <= store.MaxImportItems; i++ {
				f.Clients = append(f.Clients, store.ExportClient{Name: "c" + strings.Repeat("x", i%50), ClientID: "id"})
			}
		}), "more than 500"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, sec := exportFixture(t)
			before, _ := os.ReadFile(s.Path())
			keys := sec.Snapshot()
			plan, err := store.PlanImport(storetest.MustLoad(t, s), []byte(tc.raw))
			var ie *store.ImportError
			if err == nil || !errors.As(err, &ie) {
				t.Fatalf("PlanImport = %v, %v; want an *ImportError", plan, err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			after, _ := os.ReadFile(s.Path())
			if string(before) != string(after) || !reflect.DeepEqual(keys, sec.Snapshot()) {
				t.Error("a refused import changed the store")
			}
		})
	}
}

func TestImportReusesIdenticalClient(t *testing.T) {
	s, _ := exportFixture(t)
	raw := `{"format":"zoomconn-export","version":1,
	  "oauth_clients":[{"name":"Team app","client_id":"genCID"}],
	  "connections":[{"name":"Second","type":"oauth","oauth_client":"Team app","endpoints":{"preset":"zoom"}}]}`
	plan, err := store.PlanImport(storetest.MustLoad(t, s), []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Clients) != 0 || !reflect.DeepEqual(plan.Reused, []string{"Team app"}) || len(plan.Needed) != 0 {
		t.Fatalf("plan = %+v", plan)
	}
	if err := s.Import(plan, nil); err != nil {
		t.Fatal(err)
	}
	d := storetest.MustLoad(t, s)
	c, ok := d.Connection("Second")
	team, _ := d.Client("Team app")
	if !ok || c.OAuthClientID != team.ID || len(d.Clients) != 2 {
		t.Fatalf("Second = %+v, clients %d", c, len(d.Clients))
	}
}

// TestImportAllOrNothing makes the last keyring write fail: the clients and
// connections saved before it must not remain.
func TestImportAllOrNothing(t *testing.T) {
	src, _ := exportFixture(t)
	raw, err := store.Export(storetest.MustLoad(t, src), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		secrets []string
		fail    bool
		want    string
	}{
		{"keyring fails on the last secret", []string{"a-secret", "b-secret", "c-secret"}, true, "keyring"},
		{"an empty secret", []string{"a-secret", "", "c-secret"}, false, "Client secret is required"},
		{"wrong count", []string{"a-secret"}, false, "needs 3 secrets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sec := &secrettest.Memory{}
			dst := storetest.New(t, sec)
			storetest.MustSaveConn(t, dst, storetest.S2SInput("Existing"))
			before, _ := os.ReadFile(dst.Path())
			keys := sec.Snapshot()
			plan, err := store.PlanImport(storetest.MustLoad(t, dst), raw)
			if err != nil {
				t.Fatal(err)
			}
			if tc.fail {
				sec.Fail = func(op, key string) error {
					if op == "save" && strings.Contains(key, "connection/") && len(sec.Keys()) >= len(keys)+2 {
						return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: errors.New("boom")}
					}
					return nil
				}
			}
			err = dst.Import(plan, tc.secrets)
			sec.Fail = nil
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Import err = %v, want %q", err, tc.want)
			}
			after, _ := os.ReadFile(dst.Path())
			if string(before) != string(after) {
				t.Error("the metadata file changed")
			}
			if !reflect.DeepEqual(keys, sec.Snapshot()) {
				t.Errorf("keyring changed: %v -> %v", keys, sec.Keys())
			}
		})
	}
}
