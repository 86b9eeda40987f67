package store

// Import: an export file checked against the data (PlanImport: what it
// adds, which secrets it needs, which hosts outside Zoom it names) and
// applied (Store.Import).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"zoomconn/auth"
	"zoomconn/internal/safetext"
)

// SecretPrompt is one secret an import needs typed in.
type SecretPrompt struct {
	Kind  string // "connection", "OAuth client" or "SDK credential"
	Name  string
	Label string // e.g. `Client secret of the connection "Reports"`
}

// ImportPlan is a checked import file: what it will add and which secrets
// must be typed, in order.
type ImportPlan struct {
	Clients     []ExportClient     // OAuth clients to add
	Reused      []string           // OAuth clients already present with the same Client ID, used as they are
	Connections []ExportConnection // connections to add
	SDK         []ExportSDK        // SDK credentials to add
	Needed      []SecretPrompt     // one secret per entry, in this order
	// CustomHosts names, one line per item, every host outside Zoom's
	// presets that the import's secrets or tokens would be sent to, e.g.
	// `connection "Reports": https://zoom.example:443 (token, revoke, API)`.
	// Show it before asking for a secret; see [ImportPlan.NeedsHostConsent].
	CustomHosts []string
}

// NeedsHostConsent reports whether the import names any host outside
// Zoom's and ZoomGov's own (CustomHosts is not empty), API hosts included.
// The user must then agree to those hosts, after seeing them and before
// any secret is asked for, or nothing may be imported. An import on Zoom's
// and ZoomGov's endpoints only needs no such consent.
func (p *ImportPlan) NeedsHostConsent() bool { return len(p.CustomHosts) > 0 }

// Summary lists what the import adds, one line each, for showing before
// the user confirms.
func (p *ImportPlan) Summary() []string {
	var lines []string
	for _, c := range p.Clients {
		kind := "confidential"
		if c.Public {
			kind = "public"
		}
		lines = append(lines, fmt.Sprintf("OAuth client %q (%s, Client ID %s)", c.Name, kind, c.ClientID))
	}
	for _, n := range p.Reused {
		lines = append(lines, fmt.Sprintf("OAuth client %q is already here with the same Client ID; it is used as it is", n))
	}
	for _, c := range p.Connections {
		what := "Custom (Server-to-Server), Client ID " + c.ClientID
		if c.Type == auth.AuthOAuth {
			what = "OAuth 2.0 via " + fmt.Sprintf("%q", c.OAuthClient)
		}
		lines = append(lines, fmt.Sprintf("Connection %q (%s, %s endpoints)", c.Name, what, c.Endpoints.Preset.Label()))
	}
	for _, c := range p.SDK {
		lines = append(lines, fmt.Sprintf("SDK credential %q (%s, SDK key %s)", c.Name, c.Type.Label(), c.SDKKey))
	}
	return lines
}

// ImportError says why an import file was refused. Nothing was changed.
type ImportError struct{ Reason string }

func (e *ImportError) Error() string {
	return "The import file was refused and nothing was changed: " + e.Reason
}

// placeholderSecret stands in for a secret not typed yet, so planning runs
// the same validation as saving.
const placeholderSecret = "placeholder-secret"

// PlanImport parses and checks an export file against d without changing
// anything: strict JSON (unknown fields refused, at most [MaxImportBytes]),
// the format marker and version, every item through the same validation as
// saving, and names that already exist (or repeat within the file) refused.
func PlanImport(d *auth.Data, raw []byte) (*ImportPlan, error) {
	if len(raw) > MaxImportBytes {
		return nil, &ImportError{Reason: fmt.Sprintf("it is larger than %d KiB, so it is not an export file.", MaxImportBytes>>10)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f ExportFile
	if err := dec.Decode(&f); err != nil {
		return nil, &ImportError{Reason: fmt.Sprintf("it is not a valid export file (%v).", err)}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &ImportError{Reason: "it has data after the end of the export."}
	}
	switch {
	case f.Format != ExportFormat:
		return nil, &ImportError{Reason: fmt.Sprintf("its format marker is %q, not %q.", f.Format, ExportFormat)}
	case f.Version != ExportVersion && f.Version != exportVersion1:
		return nil, &ImportError{Reason: fmt.Sprintf("it is export version %d; this version reads versions %d and %d.", f.Version, exportVersion1, ExportVersion)}
	case len(f.Clients) > maxImportItems || len(f.Connections) > maxImportItems || len(f.SDKCredentials) > maxImportItems:
		return nil, &ImportError{Reason: fmt.Sprintf("it has more than %d items of one kind.", maxImportItems)}
	case len(f.Clients) == 0 && len(f.Connections) == 0 && len(f.SDKCredentials) == 0:
		return nil, &ImportError{Reason: "it holds no connections, no OAuth clients and no SDK credentials."}
	}
	var problems []string
	if f.Version == exportVersion1 {
		problems = clientEndpointsFromConnections(d, &f)
	}
	work := &auth.Data{Schema: d.Schema, Clients: slices.Clone(d.Clients), Connections: slices.Clone(d.Connections), SDKCredentials: slices.Clone(d.SDKCredentials)}
	plan := &ImportPlan{}
	var dups []string
	seenClient := fileNames{}
	for _, c := range f.Clients {
		if seenClient.repeat(c.Name) {
			dups = append(dups, fmt.Sprintf("OAuth client %q appears twice in the file", c.Name))
			continue
		}
		if old, ok := d.Client(c.Name); ok {
			if old.ClientID == strings.TrimSpace(c.ClientID) && (old.Kind == auth.Public) == c.Public {
				// Never attach the file's endpoints to a client that is
				// already here: its secret stays with its own.
				if ep, errs := c.endpoints().Normalize(); c.Endpoints != nil && (len(errs) > 0 || !ep.SameSecretURLs(old.Endpoints)) {
					problems = append(problems, fmt.Sprintf("the file gives the OAuth client %q, which is already here, other endpoints (%s); an import never changes where an existing client's secret is sent. Remove that client from the file, or rename it there to add it as a new client.",
						old.Name, describeEndpoints(c.endpoints())))
					continue
				}
				plan.Reused = append(plan.Reused, old.Name)
				continue
			}
			dups = append(dups, fmt.Sprintf("an OAuth client named %q already exists", old.Name))
			continue
		}
		p, err := work.PlanClient(clientInputOf(c, placeholderSecret))
		if err != nil {
			problems = append(problems, fmt.Sprintf("OAuth client %q: %v", c.Name, err))
			continue
		}
		work.Clients = append(work.Clients, p.Client)
		ep := p.Client.Endpoints
		c.Name, c.ClientID, c.Endpoints = p.Client.Name, p.Client.ClientID, &ep
		plan.Clients = append(plan.Clients, c)
		for _, h := range ep.CustomHosts() {
			plan.CustomHosts = append(plan.CustomHosts, fmt.Sprintf("OAuth client %q: %s", c.Name, h))
		}
		if !c.Public {
			plan.Needed = append(plan.Needed, SecretPrompt{Kind: "OAuth client", Name: c.Name, Label: fmt.Sprintf("Client secret of the OAuth client %q", c.Name)})
		}
	}
	seenConn := fileNames{}
	for _, c := range f.Connections {
		if seenConn.repeat(c.Name) {
			dups = append(dups, fmt.Sprintf("connection %q appears twice in the file", c.Name))
			continue
		}
		if old, ok := d.Connection(c.Name); ok {
			dups = append(dups, fmt.Sprintf("a connection named %q already exists", old.Name))
			continue
		}
		in, err := connectionInputOf(work, c, placeholderSecret)
		if err == nil {
			var p *auth.ConnectionPlan
			if p, err = work.PlanConnection(in); err == nil {
				err = ownAPIURLOnExistingClient(d, c)
			}
			if err == nil {
				work.Connections = append(work.Connections, p.Connection)
				c.Name, c.AccountID, c.ClientID, c.Endpoints = p.Connection.Name, p.Connection.AccountID, p.Connection.ClientID, p.Connection.Endpoints
			}
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("connection %q: %v", c.Name, err))
			continue
		}
		plan.Connections = append(plan.Connections, c)
		for _, h := range c.Endpoints.CustomHosts() {
			plan.CustomHosts = append(plan.CustomHosts, fmt.Sprintf("connection %q: %s", c.Name, h))
		}
		if c.Type == auth.AuthS2S {
			plan.Needed = append(plan.Needed, SecretPrompt{Kind: "connection", Name: c.Name, Label: fmt.Sprintf("Client secret of the connection %q", c.Name)})
		}
	}
	seenSDK := fileNames{}
	for _, c := range f.SDKCredentials {
		if seenSDK.repeat(c.Name) {
			dups = append(dups, fmt.Sprintf("SDK credential %q appears twice in the file", c.Name))
			continue
		}
		if old, ok := d.SDKCredential(c.Name); ok {
			dups = append(dups, fmt.Sprintf("an SDK credential named %q already exists", old.Name))
			continue
		}
		p, err := work.PlanSDK(auth.SDKInput{Name: c.Name, Type: c.Type, SDKKey: c.SDKKey, Secret: placeholderSecret})
		if err != nil {
			problems = append(problems, fmt.Sprintf("SDK credential %q: %v", c.Name, err))
			continue
		}
		work.SDKCredentials = append(work.SDKCredentials, p.Credential)
		c.Name, c.SDKKey = p.Credential.Name, p.Credential.SDKKey
		plan.SDK = append(plan.SDK, c)
		plan.Needed = append(plan.Needed, SecretPrompt{Kind: "SDK credential", Name: c.Name, Label: fmt.Sprintf("SDK secret of the SDK credential %q", c.Name)})
	}
	if len(dups) > 0 {
		return nil, &ImportError{Reason: "these names are already taken: " + strings.Join(dups, "; ") + ". Rename or delete them here, or remove them from the file, then import again."}
	}
	if len(problems) > 0 {
		return nil, &ImportError{Reason: strings.Join(problems, " ")}
	}
	return plan, nil
}

// endpoints returns the client's endpoints as the file gives them; none
// means Zoom's.
func (c ExportClient) endpoints() auth.Endpoints {
	if c.Endpoints == nil {
		return auth.Endpoints{Preset: auth.PresetZoom}
	}
	return *c.Endpoints
}

// describeEndpoints names an endpoint set for a message: the preset, or the
// custom token URL.
func describeEndpoints(e auth.Endpoints) string {
	if e.Preset == auth.PresetCustom {
		return "token URL " + safetext.Clean(e.TokenURL, safetext.MaxURL)
	}
	return e.Preset.Label()
}

// clientEndpointsFromConnections gives each OAuth client of a version 1
// file, which kept endpoints on connections only, the endpoints of the
// connections that name it. They must agree. A client none of them names
// keeps Zoom's. It returns the problems found.
func clientEndpointsFromConnections(d *auth.Data, f *ExportFile) []string {
	var problems []string
	for i := range f.Clients {
		cl := &f.Clients[i]
		var first *auth.Endpoints
		for _, c := range f.Connections {
			if c.Type != auth.AuthOAuth || !strings.EqualFold(strings.TrimSpace(c.OAuthClient), strings.TrimSpace(cl.Name)) {
				continue
			}
			ep, _ := c.Endpoints.Normalize()
			switch {
			case first == nil:
				first = &ep
			case !ep.SameSecretURLs(*first):
				problems = append(problems, fmt.Sprintf("the connections of the OAuth client %q give it different endpoints (%s and %s); a client's secret goes to one set of endpoints only.", cl.Name, describeEndpoints(*first), describeEndpoints(ep)))
			}
		}
		if first != nil {
			cl.Endpoints = first
		}
	}
	return problems
}

// ownAPIURLOnExistingClient refuses an imported OAuth 2.0 connection that
// names an OAuth client already here (not one the same file adds) and
// gives itself an API URL other than that client's: the token the client's
// authorization grants would go to a host the user never chose for it. An
// import never attaches endpoints to an existing client's connections;
// another API URL can be set by editing the connection afterwards.
func ownAPIURLOnExistingClient(existing *auth.Data, c ExportConnection) error {
	if c.Type != auth.AuthOAuth {
		return nil
	}
	cl, ok := existing.Client(c.OAuthClient)
	if !ok {
		return nil
	}
	api := strings.TrimRight(strings.TrimSpace(c.Endpoints.APIBaseURL), "/")
	if api == "" || api == cl.Endpoints.APIBaseURL {
		return nil
	}
	return fmt.Errorf("it gives itself the API URL %s, but its OAuth client %q is already here with the API URL %s, and an import never points an existing client's connections at another API host. Remove \"api_url\" from that connection in the file to use the client's, then import again; to use another API URL, edit the connection after importing.",
		safetext.Clean(api, safetext.MaxURL), cl.Name, safetext.Clean(cl.Endpoints.APIBaseURL, safetext.MaxURL))
}

func clientInputOf(c ExportClient, secret string) auth.ClientInput {
	in := auth.ClientInput{Name: c.Name, ClientID: c.ClientID, Public: c.Public, Port: c.Port, Endpoints: c.endpoints()}
	if !c.Public {
		in.ClientSecret = secret
	}
	return in
}

func connectionInputOf(d *auth.Data, c ExportConnection, secret string) (auth.ConnectionInput, error) {
	in := auth.ConnectionInput{Name: c.Name, Type: c.Type, Endpoints: c.Endpoints}
	if preset, ok := auth.PresetEndpoints(c.Endpoints.Preset); ok {
		e := c.Endpoints
		for _, u := range [][2]string{{e.AuthorizeURL, preset.AuthorizeURL}, {e.TokenURL, preset.TokenURL}, {e.RevokeURL, preset.RevokeURL}, {e.APIBaseURL, preset.APIBaseURL}} {
			if u[0] != "" && strings.TrimRight(u[0], "/") != u[1] {
				return in, fmt.Errorf("the endpoints say preset %q but list the URL \"%s\", which is not that preset's; use preset \"custom\" for other URLs.", e.Preset, safetext.Clean(u[0], safetext.MaxURL))
			}
		}
	}
	switch c.Type {
	case auth.AuthS2S:
		in.AccountID, in.ClientID, in.ClientSecret = c.AccountID, c.ClientID, secret
		if c.OAuthClient != "" {
			return in, errors.New("a Custom connection must not name an OAuth client.")
		}
	case auth.AuthOAuth:
		if c.AccountID != "" || c.ClientID != "" {
			return in, errors.New("an OAuth 2.0 connection takes its Client ID from its OAuth client, not account_id or client_id.")
		}
		if c.OAuthClient == "" {
			return in, fmt.Errorf("%s is required.", auth.FieldOAuthClient)
		}
		cl, ok := d.Client(c.OAuthClient)
		if !ok {
			return in, fmt.Errorf("its OAuth client %q is neither in the file nor here.", c.OAuthClient)
		}
		in.OAuthClientID = cl.ID
	}
	return in, nil
}

// Import adds everything in plan, asking nothing: secrets holds one value
// per plan.Needed entry, in that order. It is all-or-nothing: the items are
// checked again against the current data (which may have changed since the
// plan) and saved in one transaction; on any failure no file or keyring
// change remains. Imported OAuth 2.0 connections need authorization.
func (s *Store) Import(plan *ImportPlan, secrets []string) error {
	if plan == nil {
		return errors.New("nothing to import")
	}
	if len(secrets) != len(plan.Needed) {
		return fmt.Errorf("The import needs %d secrets but got %d; nothing was imported.", len(plan.Needed), len(secrets))
	}
	next := 0
	take := func() string { v := secrets[next]; next++; return v }
	return s.update(func(d *auth.Data, t *Tx) error {
		now := s.Now().UTC()
		existing := &auth.Data{Clients: slices.Clone(d.Clients)} // before this import's clients
		for _, c := range plan.Clients {
			secret := ""
			if !c.Public {
				secret = take()
			}
			if _, exists := d.Client(c.Name); exists {
				return &ImportError{Reason: fmt.Sprintf("an OAuth client named %q was added meanwhile.", c.Name)}
			}
			p, err := d.PlanClient(clientInputOf(c, secret))
			if err != nil {
				return fmt.Errorf("OAuth client %q: %w", c.Name, err)
			}
			cl := p.Client
			cl.Created, cl.Updated = now, now
			if cl.Kind == auth.Confidential {
				if err := t.Set(ClientSecretKey(cl.ID), p.Secret); err != nil {
					return err
				}
			}
			d.Clients = append(d.Clients, cl)
		}
		for _, c := range plan.Connections {
			secret := ""
			if c.Type == auth.AuthS2S {
				secret = take()
			}
			if _, exists := d.Connection(c.Name); exists {
				return &ImportError{Reason: fmt.Sprintf("a connection named %q was added meanwhile.", c.Name)}
			}
			in, err := connectionInputOf(d, c, secret)
			if err != nil {
				return fmt.Errorf("connection %q: %w", c.Name, err)
			}
			p, err := d.PlanConnection(in)
			if err == nil {
				err = ownAPIURLOnExistingClient(existing, c)
			}
			if err != nil {
				return fmt.Errorf("connection %q: %w", c.Name, err)
			}
			conn := p.Connection
			conn.Created, conn.Updated = now, now
			switch conn.Type {
			case auth.AuthS2S:
				if err := t.Set(S2SSecretKey(conn.ID), p.Secret); err != nil {
					return err
				}
			case auth.AuthOAuth:
				conn.NeedsAuth = true
			}
			d.Connections = append(d.Connections, conn)
		}
		for _, c := range plan.SDK {
			secret := take()
			if _, exists := d.SDKCredential(c.Name); exists {
				return &ImportError{Reason: fmt.Sprintf("an SDK credential named %q was added meanwhile.", c.Name)}
			}
			p, err := d.PlanSDK(auth.SDKInput{Name: c.Name, Type: c.Type, SDKKey: c.SDKKey, Secret: secret})
			if err != nil {
				return fmt.Errorf("SDK credential %q: %w", c.Name, err)
			}
			cred := p.Credential
			cred.Created, cred.Updated = now, now
			if err := t.Set(SDKSecretKey(cred.ID), p.Secret); err != nil {
				return err
			}
			d.SDKCredentials = append(d.SDKCredentials, cred)
		}
		return nil
	})
}

// fileNames are the names of one kind an import file has given so far,
// trimmed and case-folded, so the second of a name is refused.
type fileNames map[string]bool

// repeat reports whether the file gave name before, and notes it.
func (n fileNames) repeat(name string) bool {
	key := strings.ToLower(strings.TrimSpace(name))
	if n[key] {
		return true
	}
	n[key] = true
	return false
}
