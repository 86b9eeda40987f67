package auth

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// jsonFields lists every member name a metadata file can hold, as paths
// ("connections.endpoints.events_url"), sorted.
func jsonFields() []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == reflect.TypeOf(time.Time{}) {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			out = append(out, prefix+name)
			walk(f.Type, prefix+name+".")
		}
	}
	walk(reflect.TypeOf(Data{}), "")
	slices.Sort(out)
	return out
}

// schema2Fields are the members a version 2 build knows, which it accepts
// in a file; schema3Fields those version 3 added (a path covers its
// members). A member in neither is one older builds refuse: list it under
// a new version and raise SchemaVersion.
var (
	schema2Fields = []string{
		"schema", "secret_backend",
		"oauth_clients", "oauth_clients.id", "oauth_clients.name", "oauth_clients.client_id", "oauth_clients.kind", "oauth_clients.port",
		"oauth_clients.secret_needed", "oauth_clients.created", "oauth_clients.updated",
		"connections", "connections.id", "connections.name", "connections.type", "connections.account_id", "connections.client_id",
		"connections.oauth_client_id", "connections.needs_auth", "connections.last_test", "connections.last_test.at",
		"connections.last_test.ok", "connections.last_test.kind", "connections.last_test.message", "connections.token_expiry",
		"connections.token_api_url", "connections.token_scopes", "connections.created", "connections.updated",
		"oauth_clients.endpoints", "connections.endpoints",
		"oauth_clients.endpoints.preset", "oauth_clients.endpoints.authorize_url", "oauth_clients.endpoints.token_url",
		"oauth_clients.endpoints.revoke_url", "oauth_clients.endpoints.api_url",
		"connections.endpoints.preset", "connections.endpoints.authorize_url", "connections.endpoints.token_url",
		"connections.endpoints.revoke_url", "connections.endpoints.api_url",
	}
	schema3Fields = []string{
		"oauth_clients.has_secret_token", "oauth_clients.events_subscription",
		"connections.has_secret_token", "connections.events_subscription", "connections.mcp_allow",
		"oauth_clients.endpoints.events_url", "oauth_clients.endpoints.mcp_url",
		"connections.endpoints.events_url", "connections.endpoints.mcp_url",
		"sdk_credentials",
	}
)

// Each member of the metadata file is one older builds know, or one of
// the version that added it, which is this build's: so a build that does
// not know a member is told a newer version wrote the file.
func TestSchemaVersionCoversEveryMember(t *testing.T) {
	if SchemaVersion != 3 {
		t.Fatalf("SchemaVersion %d: list the members version %d adds", SchemaVersion, SchemaVersion)
	}
	covered := func(list []string, f string) bool {
		for _, l := range list {
			if f == l || strings.HasPrefix(f, l+".") {
				return true
			}
		}
		return false
	}
	for _, f := range jsonFields() {
		if !covered(schema2Fields, f) && !covered(schema3Fields, f) {
			t.Errorf("%s is a member no schema lists: older builds refuse a file that holds it, so list it in a new schema version and raise SchemaVersion", f)
		}
	}
	for _, f := range append(slices.Clone(schema2Fields), schema3Fields...) {
		if !slices.Contains(jsonFields(), f) {
			t.Errorf("%s is listed but no longer in the model", f)
		}
	}
}

// A version 2 file is read as it is (a version 2 build wrote none of the
// new members; a development build of version 2 may have, and they are
// kept), and ParseData refuses a newer version by its number.
func TestSchema2FilesAreReadAsTheyAre(t *testing.T) {
	v2 := `{"schema":2,"oauth_clients":[{"id":"c1","name":"App","client_id":"cid","kind":"confidential","endpoints":{"preset":"zoom"},"created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"}],` +
		`"connections":[{"id":"s1","name":"Reports","type":"s2s","account_id":"a","client_id":"x","endpoints":{"preset":"zoom"},"created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"},` +
		`{"id":"s2","name":"Dev","type":"s2s","account_id":"a","client_id":"y","endpoints":{"preset":"zoom"},"has_secret_token":true,"events_subscription":"sub-1","created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"}]}`
	d, err := ParseData([]byte(v2))
	if err != nil {
		t.Fatal(err)
	}
	if cl, ok := d.Client("App"); !ok || cl.ClientID != "cid" || cl.HasSecretToken || cl.EventsSubscription != "" {
		t.Errorf("client %+v", cl)
	}
	if c, ok := d.Connection("Dev"); !ok || !c.HasSecretToken || c.EventsSubscription != "sub-1" {
		t.Errorf("a version 2 development file lost its members: %+v", c)
	}
	if _, err := ParseData([]byte(`{"schema":4}`)); err == nil || !strings.Contains(err.Error(), "schema version 4 was written by a newer version of the program; this one reads version 3") {
		t.Errorf("schema 4: %v", err)
	}
}
