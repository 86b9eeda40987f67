package store

import (
	"encoding/json"
	"fmt"

	"zoomconn/auth"
)

// ExportFormat marks a zoomconn export file; ExportVersion is the version
// of its layout this build writes and reads.
const (
	ExportFormat  = "zoomconn-export"
	ExportVersion = 2
	// exportVersion1 files kept endpoints only on connections; they are
	// still read, and each OAuth client takes its connections' endpoints.
	exportVersion1 = 1
	// MaxImportBytes bounds an import file.
	MaxImportBytes = 1 << 20
	// maxImportItems bounds the connections, and separately the OAuth
	// clients, of one import file.
	maxImportItems = 500
)

// ExportFile is the content of an export file. It never holds a secret, a
// token, a test result or an internal ID: the importing side creates its
// own IDs and asks for each secret.
type ExportFile struct {
	Format      string             `json:"format"`
	Version     int                `json:"version"`
	Clients     []ExportClient     `json:"oauth_clients"`
	Connections []ExportConnection `json:"connections"`
	// SDKCredentials come without their secrets, like everything else.
	SDKCredentials []ExportSDK `json:"sdk_credentials,omitempty"`
}

// ExportSDK is an SDK credential in an export file: its SDK key, never
// its secret.
type ExportSDK struct {
	Name   string       `json:"name"`
	Type   auth.SDKType `json:"type"`
	SDKKey string       `json:"sdk_key"`
}

// ExportClient is an OAuth client in an export file. Endpoints is nil only
// in a version 1 file.
type ExportClient struct {
	Name      string          `json:"name"`
	ClientID  string          `json:"client_id"`
	Public    bool            `json:"public,omitempty"`
	Port      int             `json:"port,omitempty"`
	Endpoints *auth.Endpoints `json:"endpoints,omitempty"`
}

// ExportConnection is a connection in an export file. An OAuth 2.0
// connection names its OAuth client, which is in the same file or already
// present where it is imported, and takes its endpoints from it: its own
// Endpoints say at most the client's preset and, on a client with custom
// endpoints, its own API base URL.
type ExportConnection struct {
	Name        string         `json:"name"`
	Type        auth.AuthType  `json:"type"`
	AccountID   string         `json:"account_id,omitempty"`
	ClientID    string         `json:"client_id,omitempty"`
	OAuthClient string         `json:"oauth_client,omitempty"`
	Endpoints   auth.Endpoints `json:"endpoints"`
}

// Export writes the named items of d as an export file. A name may be a
// connection's (its OAuth client comes along) or an OAuth client's; no
// names means everything. Secrets and tokens are never included.
func Export(d *auth.Data, names []string) ([]byte, error) {
	f := ExportFile{Format: ExportFormat, Version: ExportVersion, Clients: []ExportClient{}, Connections: []ExportConnection{}}
	wantConn := map[string]bool{}
	wantClient := map[string]bool{}
	wantSDK := map[string]bool{}
	if len(names) == 0 {
		for _, c := range d.SDKCredentials {
			wantSDK[c.ID] = true
		}
		for _, c := range d.Connections {
			wantConn[c.ID] = true
		}
		for _, c := range d.Clients {
			wantClient[c.ID] = true
		}
	}
	var missing []string
	for _, n := range names {
		found := false
		if c, ok := d.Connection(n); ok {
			wantConn[c.ID], found = true, true
		}
		if c, ok := d.Client(n); ok {
			wantClient[c.ID], found = true, true
		}
		if c, ok := d.SDKCredential(n); ok {
			wantSDK[c.ID], found = true, true
		}
		if !found {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("There is no connection, OAuth client or SDK credential named %s; nothing was exported.", quoteList(missing))
	}
	// Connections bring their OAuth client, so the file imports on its own.
	for _, c := range d.Connections {
		if wantConn[c.ID] && c.Type == auth.AuthOAuth {
			wantClient[c.OAuthClientID] = true
		}
	}
	clientName := map[string]string{}
	for _, c := range d.Clients {
		clientName[c.ID] = c.Name
		if wantClient[c.ID] {
			ep := exportedEndpoints(c.Endpoints)
			f.Clients = append(f.Clients, ExportClient{Name: c.Name, ClientID: c.ClientID, Public: c.Kind == auth.Public, Port: c.Port, Endpoints: &ep})
		}
	}
	for _, c := range d.Connections {
		if !wantConn[c.ID] {
			continue
		}
		ec := ExportConnection{Name: c.Name, Type: c.Type, Endpoints: exportedEndpoints(c.Endpoints)}
		switch c.Type {
		case auth.AuthS2S:
			ec.AccountID, ec.ClientID = c.AccountID, c.ClientID
		case auth.AuthOAuth:
			ec.OAuthClient = clientName[c.OAuthClientID]
			// The client carries the URLs its secret goes to.
			ec.Endpoints = auth.Endpoints{Preset: c.Endpoints.Preset}
			if cl, ok := d.ClientByID(c.OAuthClientID); ok && cl.Endpoints.Preset == auth.PresetCustom && c.Endpoints.APIBaseURL != cl.Endpoints.APIBaseURL {
				ec.Endpoints.APIBaseURL = c.Endpoints.APIBaseURL
			}
		}
		f.Connections = append(f.Connections, ec)
	}
	for _, c := range d.SDKCredentials {
		if wantSDK[c.ID] {
			f.SDKCredentials = append(f.SDKCredentials, ExportSDK{Name: c.Name, Type: c.Type, SDKKey: c.SDKKey})
		}
	}
	raw, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(raw, '\n'), nil
}

// exportedEndpoints writes a preset as its name only: its URLs are implied,
// and the file stays valid if Zoom's documented URLs ever change.
func exportedEndpoints(e auth.Endpoints) auth.Endpoints {
	if e.Preset != auth.PresetCustom {
		return auth.Endpoints{Preset: e.Preset}
	}
	return e
}
