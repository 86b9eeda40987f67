package store_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
)

// A version 2 metadata file migrates to version 3 on its next save, with
// nothing lost or changed, and the new members written with it (here the
// Secret Token's flag, which a version 2 build refuses rather than drop).
func TestSchema2MigratesOnSave(t *testing.T) {
	dir := t.TempDir()
	v2 := `{"schema":2,"oauth_clients":[],"connections":[{"id":"s1","name":"Reports","type":"s2s","account_id":"a","client_id":"x",` +
		`"endpoints":{"preset":"zoom"},"token_scopes":["user:read:admin"],"created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"}]}`
	path := filepath.Join(dir, "connections.json")
	if err := os.WriteFile(path, []byte(v2), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(dir, &secrettest.Memory{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSecretToken("Reports", "secret-token-value"); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Schema      int              `json:"schema"`
		Connections []map[string]any `json:"connections"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if f.Schema != auth.SchemaVersion || auth.SchemaVersion != 3 {
		t.Errorf("saved as schema %d, want 3", f.Schema)
	}
	c := f.Connections[0]
	if c["has_secret_token"] != true || c["account_id"] != "a" || c["client_id"] != "x" || c["created"] != "2026-01-02T03:04:05Z" ||
		len(c["token_scopes"].([]any)) != 1 {
		t.Errorf("the migrated connection: %v", c)
	}
	// Read back, as the next run would.
	d, err := auth.ParseData(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Connection("Reports"); !got.HasSecretToken || got.Endpoints.Preset != auth.PresetZoom {
		t.Errorf("read back: %+v", got)
	}
}
