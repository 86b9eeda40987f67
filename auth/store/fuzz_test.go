package store_test

import (
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// FuzzPlanImport: a hostile import file never panics, whatever plan it
// yields passes the same validation as a save, and no accepted plan can send
// a secret already stored here to endpoints other than those it was stored
// with (the client's and the Server-to-Server connection's are unchanged,
// and every connection on an existing client uses that client's URLs).
func FuzzPlanImport(f *testing.F) {
	good, _ := store.Export(&auth.Data{Schema: auth.SchemaVersion,
		Clients:     []auth.OAuthClient{{ID: "c", Name: "C", ClientID: "x", Kind: auth.Confidential, Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}},
		Connections: []auth.Connection{{ID: "a", Name: "A", Type: auth.AuthOAuth, OAuthClientID: "c", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}}}, nil)
	f.Add(good)
	f.Add([]byte(`{"format":"zoomconn-export","version":1}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":1,"connections":[{"name":"X","type":"s2s","account_id":"a","client_id":"c","endpoints":{"preset":"custom","token_url":"http://evil/t"}}]}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":1,"connections":[{"name":"X","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom","authorize_url":"https://e.example/a","token_url":"https://e.example/t","revoke_url":"https://e.example/r","api_url":"https://e.example/v2"}}]}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[{"name":"Gen","client_id":"genCID","endpoints":{"preset":"zoom"}}],"connections":[{"name":"X","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom","api_url":"https://e.example/v2"}}]}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[{"name":"X","type":"oauth","oauth_client":"gen","endpoints":{"preset":"custom"}}]}`))
	genEP := auth.CustomEndpoints("https://gen.example/oauth/authorize", "https://gen.example/oauth/token", "https://gen.example/oauth/revoke", "https://api.gen.example/v2")
	f.Fuzz(func(t *testing.T, raw []byte) {
		s := storetest.New(t, &secrettest.Memory{})
		gen := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Gen", ClientID: "genCID", ClientSecret: "gen-secret", Endpoints: genEP})
		s2s := storetest.S2SInput("Reports")
		storetest.MustSaveConn(t, s, s2s)
		before := storetest.MustLoad(t, s)
		plan, err := store.PlanImport(before, raw)
		if err != nil {
			return
		}
		secrets := make([]string, len(plan.Needed))
		for i := range secrets {
			secrets[i] = "secret"
		}
		if err := s.Import(plan, secrets); err != nil {
			t.Fatalf("a planned import failed: %v", err)
		}
		after := storetest.MustLoad(t, s)
		for _, old := range before.Clients {
			now, ok := after.ClientByID(old.ID)
			if !ok || now.Endpoints != old.Endpoints || now.ClientID != old.ClientID || now.Kind != old.Kind {
				t.Fatalf("the import changed the existing client %q: %+v", old.Name, now)
			}
		}
		for _, old := range before.Connections {
			now, ok := after.ConnectionByID(old.ID)
			if !ok || now.Endpoints != old.Endpoints {
				t.Fatalf("the import changed the existing connection %q", old.Name)
			}
		}
		for _, c := range after.Connections {
			if c.Type == auth.AuthOAuth && c.OAuthClientID == gen.ID && !c.Endpoints.SameSecretURLs(genEP) {
				t.Fatalf("the imported connection %q sends Gen's secret to %+v", c.Name, c.Endpoints)
			}
		}
	})
}
