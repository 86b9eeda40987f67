package auth

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Every pointer, slice or map reachable from Data must be copied by
// Data.clone; this lists them, so a new one fails here until clone
// handles it (and this list is updated).
func TestDataCloneCoversEveryReference(t *testing.T) {
	var refs []string
	var walk func(reflect.Type, string)
	walk = func(typ reflect.Type, path string) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			name := path + "." + f.Name
			ft := f.Type
			switch ft.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
				refs = append(refs, name)
				if ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
			}
			if ft.Kind() == reflect.Struct && ft.PkgPath() == typ.PkgPath() {
				walk(ft, name)
			}
		}
	}
	walk(reflect.TypeOf(Data{}), "Data")
	want := "Data.Clients Data.Connections Data.Connections.LastTest Data.Connections.TokenExpiry Data.Connections.TokenScopes Data.Connections.MCPAllow Data.SDKCredentials"
	if got := strings.Join(refs, " "); got != want {
		t.Fatalf("references in Data: %s\nclone copies:        %s\nupdate Data.clone and this test", got, want)
	}
}

// A name that is not found comes with the names that are, for a front-end
// to suggest the nearest.
func TestNotFoundCarriesTheNamesThatExist(t *testing.T) {
	d := &Data{
		Connections: []Connection{{ID: "c1", Name: "Reports EU"}, {ID: "c2", Name: "Me"}},
		Clients:     []OAuthClient{{ID: "k1", Name: "Team"}},
	}
	if nf := d.ConnectionNotFound("Reports"); nf.What != "connection" || nf.Name != "Reports" || !slices.Equal(nf.Names, []string{"Reports EU", "Me"}) {
		t.Errorf("ConnectionNotFound = %+v", nf)
	}
	if nf := d.ClientNotFound("Tea"); nf.What != "OAuth client" || !slices.Equal(nf.Names, []string{"Team"}) || nf.Error() != `There is no OAuth client named "Tea".` {
		t.Errorf("ClientNotFound = %+v (%s)", nf, nf.Error())
	}
}

// MayKeepSecretsInFile answers without parsing: "surely not" only for a
// file that cannot name the encrypted file however its JSON is spelled.
func TestMayKeepSecretsInFile(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{`{"schema":2,"oauth_clients":null,"connections":[{"id":"a","name":"Reports","type":"s2s"}]}`, false},
		{`{"schema":2,"secret_backend":"keyring"}`, false},
		{`{"schema":2,"secret_backend":"file"}`, true},
		{`{"schema":2,"SECRET_BACKEND":"file"}`, true},         // member names match in any case
		{`{"schema":2,"secret_backend":"fil\u0065"}`, true},    // an escaped value
		{`{"schema":2,"secret_\u0062ackend":"file"}`, true},    // an escaped name
		{`{"schema":2,"connections":[{"name":"file"}]}`, true}, // a name that reads "file": parse to know
	} {
		if got := MayKeepSecretsInFile([]byte(tc.raw)); got != tc.want {
			t.Errorf("MayKeepSecretsInFile(%s) = %v, want %v", tc.raw, got, tc.want)
		}
		if d, err := ParseData([]byte(tc.raw)); err == nil && d.Backend() == BackendFile && !tc.want {
			t.Errorf("%s keeps its secrets in the file", tc.raw)
		}
	}
}
