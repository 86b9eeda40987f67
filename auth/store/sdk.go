package store

import (
	"fmt"
	"strings"

	"zoomconn/auth"
)

// SDK credentials: an SDK key kept with its secret, which signs SDK JWTs
// on this machine only. Saved and deleted with the secret in one
// transaction, like connections and OAuth clients; never exported with it.

// SDKSecretKey is where an SDK credential's secret lives.
func SDKSecretKey(id string) string { return "sdk-credential/" + id + "/sdk-secret" }

// sdkSecretKeys lists every key an SDK credential's secrets may have.
func sdkSecretKeys(id string) []string { return []string{SDKSecretKey(id)} }

// SDKSaveResult says what saving an SDK credential did.
type SDKSaveResult struct {
	Credential auth.SDKCredential
	Notices    []string
}

// SaveSDK validates and stores an SDK credential and, when given, its
// secret. On any failure nothing changes.
func (s *Store) SaveSDK(in auth.SDKInput) (SDKSaveResult, error) {
	var res SDKSaveResult
	err := s.update(func(d *auth.Data, t *Tx) error {
		p, err := d.PlanSDK(in)
		if err != nil {
			return err
		}
		c := p.Credential
		now := s.Now().UTC()
		c.Updated = now
		if p.Old == nil {
			c.Created = now
		}
		if p.Secret != "" {
			if err := t.Set(SDKSecretKey(c.ID), p.Secret); err != nil {
				return err
			}
		}
		if p.Old != nil {
			*p.Old = c
		} else {
			d.SDKCredentials = append(d.SDKCredentials, c)
		}
		res = SDKSaveResult{Credential: c, Notices: p.Notices}
		return nil
	})
	return res, err
}

// DeleteSDK removes an SDK credential and its secret.
func (s *Store) DeleteSDK(name string) error {
	return s.update(func(d *auth.Data, t *Tx) error {
		c, ok := d.SDKCredential(name)
		if !ok {
			return d.SDKNotFound(name)
		}
		for _, k := range sdkSecretKeys(c.ID) {
			if err := t.Delete(k); err != nil {
				return fmt.Errorf("The SDK credential %q was not deleted: %w", c.Name, err)
			}
		}
		id := c.ID
		d.SDKCredentials = removeAt(d.SDKCredentials, func(x auth.SDKCredential) bool { return x.ID == id })
		return nil
	})
}

// SignerSecret reads the secret that signs for signer: an SDK
// credential's SDK secret, or a confidential OAuth client's Client secret.
// A public client, or one whose secret must be typed again, is a
// [*NoSignerSecretError]; so is a secret missing from the store.
func (s *Store) SignerSecret(signer auth.Signer) (string, error) {
	key := ""
	switch {
	case signer.Credential != nil:
		key = SDKSecretKey(signer.Credential.ID)
	case signer.Client.Kind == auth.Public:
		return "", &NoSignerSecretError{Signer: signer.Name(), Client: true, Public: true}
	case signer.Client.SecretNeeded:
		return "", &NoSignerSecretError{Signer: signer.Name(), Client: true, Retype: true}
	default:
		key = ClientSecretKey(signer.Client.ID)
	}
	v, err := s.secrets.Get(key)
	if IgnoreNotFound(err) == nil && (err != nil || strings.TrimSpace(v) == "") {
		return "", &NoSignerSecretError{Signer: signer.Name(), Client: signer.Client != nil}
	}
	return v, err
}

// NoSignerSecretError: what should sign holds no secret to sign with.
type NoSignerSecretError struct {
	Signer string
	Client bool // an OAuth client; else an SDK credential
	Public bool // a public client: it has no secret
	Retype bool // the client's secret must be typed again first
}

func (e *NoSignerSecretError) Error() string {
	switch {
	case e.Public:
		return fmt.Sprintf("The OAuth client %q is public: it has no Client secret to sign with.", e.Signer)
	case e.Retype:
		return fmt.Sprintf("The Client secret of the OAuth client %q must be entered again before it is used.", e.Signer)
	case e.Client:
		return fmt.Sprintf("The OAuth client %q has no Client secret stored.", e.Signer)
	}
	return fmt.Sprintf("The SDK credential %q has no SDK secret stored.", e.Signer)
}
