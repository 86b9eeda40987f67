package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// SchemaVersion is the version of the metadata file this build writes.
// Version 2 keeps an OAuth client's endpoints on the client (see
// [bindClientEndpoints]); version 1 files are migrated when read.
//
// Version 3 adds members older builds do not know (schema3Fields in the
// tests: the event Secret Token's flag and the WebSocket subscription ID,
// events and MCP URLs, MCP allow lists, SDK credentials). Every build
// refuses a member it does not know rather than drop it on the next save,
// so none could lose, say, the pointer to a stored Secret Token; but a
// version 2 build would call the file unreadable and suggest moving it
// aside, while version 3 makes it say that a newer version wrote it. Every
// new member is optional and its absence means "none", so a version 2
// file is read as it is, changed in nothing, and written back as 3.
const SchemaVersion = 3

// Data is the content of the metadata file. It never holds a secret.
type Data struct {
	Schema int `json:"schema"`
	// SecretBackend says where this store's secrets live; "" is the keyring.
	SecretBackend SecretBackend `json:"secret_backend,omitempty"`
	Clients       []OAuthClient `json:"oauth_clients"`
	Connections   []Connection  `json:"connections"`
	// SDKCredentials are SDK keys whose secrets sign SDK JWTs.
	SDKCredentials []SDKCredential `json:"sdk_credentials,omitempty"`
}

// SecretBackend names where a store's secrets live.
type SecretBackend string

const (
	// BackendKeyring is the OS keyring (the default).
	BackendKeyring SecretBackend = "keyring"
	// BackendFile is the passphrase-encrypted file (auth/secret/file), for
	// machines without a keyring. The user chooses it; it is never a fallback.
	BackendFile SecretBackend = "file"
)

// Backend returns where secrets live, "" counting as the keyring.
func (d *Data) Backend() SecretBackend {
	if d.SecretBackend == "" {
		return BackendKeyring
	}
	return d.SecretBackend
}

// Describe says in words where secrets of this backend live.
func (b SecretBackend) Describe() string {
	if b == BackendFile {
		return "encrypted file"
	}
	return "system keyring"
}

// Connection returns the connection with this name, else the one whose
// name looks the same (case, width, lookalike letters; see nameKey).
func (d *Data) Connection(name string) (*Connection, bool) {
	name = strings.TrimSpace(name)
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, sameName} {
		for i := range d.Connections {
			if same(d.Connections[i].Name, name) {
				return &d.Connections[i], true
			}
		}
	}
	return nil, false
}

// ConnectionByID returns the connection with this id.
func (d *Data) ConnectionByID(id string) (*Connection, bool) {
	for i := range d.Connections {
		if d.Connections[i].ID == id {
			return &d.Connections[i], true
		}
	}
	return nil, false
}

// Client returns the OAuth client with this name, else the one whose name
// looks the same (see [Data.Connection]).
func (d *Data) Client(name string) (*OAuthClient, bool) {
	name = strings.TrimSpace(name)
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, sameName} {
		for i := range d.Clients {
			if same(d.Clients[i].Name, name) {
				return &d.Clients[i], true
			}
		}
	}
	return nil, false
}

// ClientByID returns the OAuth client with this id.
func (d *Data) ClientByID(id string) (*OAuthClient, bool) {
	for i := range d.Clients {
		if d.Clients[i].ID == id {
			return &d.Clients[i], true
		}
	}
	return nil, false
}

// ConnectionsUsing lists the names of connections that use OAuth client id.
func (d *Data) ConnectionsUsing(clientID string) []string {
	var names []string
	for _, c := range d.Connections {
		if c.Type == AuthOAuth && c.OAuthClientID == clientID {
			names = append(names, c.Name)
		}
	}
	return names
}

// Clone copies d deeply, so that the copy and d can change apart (the
// store hands each caller of Load its own). TestDataCloneCoversEveryReference
// fails when a new field would need copying here.
func (d *Data) Clone() *Data {
	c := *d
	if d.Clients != nil {
		c.Clients = make([]OAuthClient, len(d.Clients))
		copy(c.Clients, d.Clients)
	}
	c.SDKCredentials = slices.Clone(d.SDKCredentials)
	if d.Connections != nil {
		c.Connections = make([]Connection, len(d.Connections))
		for i, conn := range d.Connections {
			if conn.LastTest != nil {
				t := *conn.LastTest
				conn.LastTest = &t
			}
			if conn.TokenExpiry != nil {
				t := *conn.TokenExpiry
				conn.TokenExpiry = &t
			}
			conn.TokenScopes = slices.Clone(conn.TokenScopes)
			conn.MCPAllow = slices.Clone(conn.MCPAllow)
			c.Connections[i] = conn
		}
	}
	return &c
}

// ParseData decodes and checks a metadata file's content.
func ParseData(raw []byte) (*Data, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var d Data
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: data after the end")
	}
	switch d.SecretBackend {
	case "", BackendKeyring, BackendFile:
	default:
		return nil, fmt.Errorf("unknown secret backend %q", d.SecretBackend)
	}
	switch {
	case d.Schema == 0:
		return nil, errors.New("no schema version")
	case d.Schema > SchemaVersion:
		return nil, fmt.Errorf("schema version %d was written by a newer version of the program; this one reads version %d", d.Schema, SchemaVersion)
	case d.Schema < 0:
		return nil, fmt.Errorf("invalid schema version %d", d.Schema)
	}
	ids := map[string]bool{}
	for _, c := range d.Clients {
		if c.ID == "" || ids[c.ID] {
			return nil, fmt.Errorf("OAuth client %q has a missing or repeated id", c.Name)
		}
		ids[c.ID] = true
		if c.Kind != Confidential && c.Kind != Public {
			return nil, fmt.Errorf("OAuth client %q has unknown kind %q", c.Name, c.Kind)
		}
	}
	for _, c := range d.Connections {
		if c.ID == "" || ids[c.ID] {
			return nil, fmt.Errorf("connection %q has a missing or repeated id", c.Name)
		}
		ids[c.ID] = true
		if c.Type != AuthS2S && c.Type != AuthOAuth {
			return nil, fmt.Errorf("connection %q has unknown auth type %q", c.Name, c.Type)
		}
	}
	for _, c := range d.SDKCredentials {
		if c.ID == "" || ids[c.ID] {
			return nil, fmt.Errorf("SDK credential %q has a missing or repeated id", c.Name)
		}
		ids[c.ID] = true
		if c.Type != SDKVideo && c.Type != SDKMeeting {
			return nil, fmt.Errorf("SDK credential %q has unknown type %q", c.Name, c.Type)
		}
	}
	if err := bindClientEndpoints(&d); err != nil {
		return nil, err
	}
	return &d, nil
}

// MayKeepSecretsInFile reports whether raw, the content of a metadata file,
// may name the encrypted file as where its secrets live, without parsing
// it: false is certain for any raw that [ParseData] accepts, as raw then
// holds no JSON string "file", written plainly or with escapes. It costs a
// scan of raw, where parsing costs about a millisecond per hundred
// connections, so a command can start connecting to the keyring first.
func MayKeepSecretsInFile(raw []byte) bool {
	return bytes.Contains(raw, []byte(`"`+string(BackendFile)+`"`)) || bytes.IndexByte(raw, '\\') >= 0
}

// NotFoundError reports a connection or OAuth client that does not exist.
type NotFoundError struct {
	What string // "connection" or "OAuth client"
	Name string
	// Names are the names of that kind that do exist, for a front-end to
	// suggest the nearest; nil when unknown.
	Names []string
}

// ConnectionNotFound is the error for a connection named name that d does
// not hold, with the names of those it does.
func (d *Data) ConnectionNotFound(name string) *NotFoundError {
	names := make([]string, 0, len(d.Connections))
	for _, c := range d.Connections {
		names = append(names, c.Name)
	}
	return &NotFoundError{What: "connection", Name: name, Names: names}
}

// ClientNotFound is the error for an OAuth client named name that d does
// not hold, with the names of those it does.
func (d *Data) ClientNotFound(name string) *NotFoundError {
	names := make([]string, 0, len(d.Clients))
	for _, c := range d.Clients {
		names = append(names, c.Name)
	}
	return &NotFoundError{What: "OAuth client", Name: name, Names: names}
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("There is no %s named %q.", e.What, e.Name)
}
