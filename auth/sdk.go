package auth

import (
	"strings"
	"time"
	"unicode"
)

// SDKType is which Zoom SDK an [SDKCredential] signs for.
type SDKType string

const (
	// SDKVideo is a Video SDK account's SDK key and secret (Video SDK
	// tokens).
	SDKVideo SDKType = "video"
	// SDKMeeting is a Meeting SDK app's legacy SDK key and secret (apps
	// made before 11 Feb 2023; newer ones sign with their OAuth client's
	// Client ID and secret).
	SDKMeeting SDKType = "meeting"
)

// Label names the type for people.
func (t SDKType) Label() string {
	switch t {
	case SDKVideo:
		return "Video SDK"
	case SDKMeeting:
		return "Meeting SDK"
	}
	return string(t)
}

// SDKCredential is an SDK key whose secret (in the secret store, never
// here) signs SDK JWTs on this machine only: it is sent nowhere.
type SDKCredential struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Type    SDKType   `json:"type"`
	SDKKey  string    `json:"sdk_key"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Field names of an SDK credential.
const (
	FieldSDKName   = "Name"
	FieldSDKType   = "SDK type"
	FieldSDKKey    = "SDK key"
	FieldSDKSecret = "SDK secret"
)

// SDKInput is what a form or the command line submits to create (ID
// empty) or edit an SDK credential. An edit keeps the type.
type SDKInput struct {
	ID     string
	Name   string
	Type   SDKType
	SDKKey string
	// Secret is required for a new credential and whenever the SDK key
	// changes (a secret signs for its own key); otherwise empty keeps the
	// stored one.
	Secret string
}

// SDKPlan is a checked change to an SDK credential (see [ConnectionPlan]).
type SDKPlan struct {
	Credential SDKCredential
	Old        *SDKCredential // nil when new
	Secret     string         // "" keeps the stored secret
	Notices    []string
}

// PlanSDK checks in against d and returns the change it asks for, changing
// nothing. The error is a [*ValidationError], or a [*NotFoundError] for
// an edit of a credential that is gone.
func (d *Data) PlanSDK(in SDKInput) (*SDKPlan, error) {
	var fe fieldErrors
	p := &SDKPlan{}
	if in.ID != "" {
		old, ok := d.SDKCredentialByID(in.ID)
		if !ok {
			return nil, &NotFoundError{What: "SDK credential", Name: in.Name}
		}
		p.Old, p.Credential = old, *old
	} else {
		p.Credential = SDKCredential{ID: newID(), Type: in.Type}
		switch in.Type {
		case SDKVideo, SDKMeeting:
		case "":
			fe.add(FieldSDKType, "%s is required: video or meeting.", FieldSDKType)
		default:
			fe.add(FieldSDKType, "%s must be video or meeting, not %q.", FieldSDKType, in.Type)
		}
	}
	c := &p.Credential
	c.Name = fe.checkName(FieldSDKName, strings.TrimSpace(in.Name), func(n string) (string, bool) {
		return d.anyLike(n, in.ID)
	})
	c.SDKKey = strings.TrimSpace(in.SDKKey)
	fe.checkID(FieldSDKKey, c.SDKKey)
	required := p.Old == nil || p.Old.SDKKey != c.SDKKey
	why := ""
	if p.Old != nil && required {
		why = " again because the SDK key changed: a secret signs for its own key"
	}
	secret := strings.TrimSpace(in.Secret)
	if secret != in.Secret && secret != "" {
		p.Notices = append(p.Notices, "The SDK secret had spaces or line breaks around it; they were removed before saving.")
	}
	switch {
	case secret == "" && required:
		fe.add(FieldSDKSecret, secretNeededFmt, FieldSDKSecret, why)
	case len(secret) > maxSecretLen:
		fe.add(FieldSDKSecret, "%s is too long (%d bytes; at most %d).", FieldSDKSecret, len(secret), maxSecretLen)
	case strings.ContainsFunc(secret, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }):
		fe.add(FieldSDKSecret, "%s must not contain spaces, control characters or line breaks.", FieldSDKSecret)
	}
	p.Secret = secret
	if err := fe.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// SDKCredential returns the SDK credential with this name, else the one
// whose name looks the same (see [Data.Connection]).
func (d *Data) SDKCredential(name string) (*SDKCredential, bool) {
	name = strings.TrimSpace(name)
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, sameName} {
		for i := range d.SDKCredentials {
			if same(d.SDKCredentials[i].Name, name) {
				return &d.SDKCredentials[i], true
			}
		}
	}
	return nil, false
}

// SDKCredentialByID returns the SDK credential with this id.
func (d *Data) SDKCredentialByID(id string) (*SDKCredential, bool) {
	for i := range d.SDKCredentials {
		if d.SDKCredentials[i].ID == id {
			return &d.SDKCredentials[i], true
		}
	}
	return nil, false
}

// SDKNotFound is the error for an SDK credential named name that d does
// not hold, with the names of those it does.
func (d *Data) SDKNotFound(name string) *NotFoundError {
	names := make([]string, 0, len(d.SDKCredentials))
	for _, c := range d.SDKCredentials {
		names = append(names, c.Name)
	}
	return &NotFoundError{What: "SDK credential", Name: name, Names: names}
}

// sdkLike is connectionLike for SDK credentials.
func (d *Data) sdkLike(name, exceptID string) (string, bool) {
	for _, c := range d.SDKCredentials {
		if c.ID != exceptID && sameName(c.Name, name) {
			return c.Name, true
		}
	}
	return "", false
}

// anyLike is the name of any item but exceptID (a connection, an OAuth
// client or an SDK credential) that looks the same as name.
func (d *Data) anyLike(name, exceptID string) (string, bool) {
	for _, like := range []func(string, string) (string, bool){d.connectionLike, d.clientLike, d.sdkLike} {
		if other, ok := like(name, exceptID); ok {
			return other, true
		}
	}
	return "", false
}

// Signer is what signs a Meeting SDK signature or a Video SDK token: an
// OAuth client (its Client ID and secret, for Meeting SDK apps made after
// 11 Feb 2023) or an SDK credential. Exactly one is set.
type Signer struct {
	Client     *OAuthClient
	Credential *SDKCredential
}

// Name is the signer's name.
func (s Signer) Name() string {
	if s.Client != nil {
		return s.Client.Name
	}
	return s.Credential.Name
}

// Key is the public key it signs for: the Client ID or the SDK key.
func (s Signer) Key() string {
	if s.Client != nil {
		return s.Client.ClientID
	}
	return s.Credential.SDKKey
}

// Signer finds the SDK credential, else the OAuth client, named name; a
// name of neither is a [*NotFoundError] listing both kinds.
func (d *Data) Signer(name string) (Signer, error) {
	if c, ok := d.SDKCredential(name); ok {
		return Signer{Credential: c}, nil
	}
	if c, ok := d.Client(name); ok {
		return Signer{Client: c}, nil
	}
	names := make([]string, 0, len(d.SDKCredentials)+len(d.Clients))
	for _, c := range d.SDKCredentials {
		names = append(names, c.Name)
	}
	for _, c := range d.Clients {
		names = append(names, c.Name)
	}
	return Signer{}, &NotFoundError{What: "SDK credential or OAuth client", Name: name, Names: names}
}

// SignersOf lists the SDK credentials and OAuth clients whose key is key.
func (d *Data) SignersOf(key string) []Signer {
	var out []Signer
	for i := range d.SDKCredentials {
		if d.SDKCredentials[i].SDKKey == key {
			out = append(out, Signer{Credential: &d.SDKCredentials[i]})
		}
	}
	for i := range d.Clients {
		if d.Clients[i].ClientID == key {
			out = append(out, Signer{Client: &d.Clients[i]})
		}
	}
	return out
}
