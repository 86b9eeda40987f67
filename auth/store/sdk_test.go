package store_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

const sdkSecret = "sdk-secret-VALUE-77"

// An SDK credential is saved and deleted with its secret, which stays in
// the secret store: never in the metadata file or an export.
func TestSDKCredentialKeepsItsSecret(t *testing.T) {
	secrets := storetest.Secrets(t)
	s := storetest.New(t, secrets)
	res, err := s.SaveSDK(auth.SDKInput{Name: "Video", Type: auth.SDKVideo, SDKKey: "vidKey", Secret: sdkSecret + "\n"})
	if err != nil || len(res.Notices) != 1 {
		t.Fatalf("SaveSDK = %+v, %v", res, err)
	}
	secrettest.MustGet(t, secrets, store.SDKSecretKey(res.Credential.ID), sdkSecret)
	d := storetest.MustLoad(t, s)
	if c, ok := d.SDKCredential("video"); !ok || c.SDKKey != "vidKey" || c.Type != auth.SDKVideo || c.Created.IsZero() {
		t.Errorf("loaded %+v", c)
	}
	signer, _ := d.Signer("Video")
	if got, err := s.SignerSecret(signer); err != nil || got != sdkSecret {
		t.Errorf("SignerSecret = %q, %v", got, err)
	}
	raw, _ := os.ReadFile(s.Path())
	exported, _ := store.Export(d, nil)
	for _, where := range []string{string(raw), string(exported)} {
		if strings.Contains(where, sdkSecret) {
			t.Error("the SDK secret left the secret store")
		}
	}
	if !strings.Contains(string(exported), `"sdk_key": "vidKey"`) {
		t.Errorf("the export lacks the SDK credential:\n%s", exported)
	}

	// An edit keeps the secret; a new key needs a new one.
	if _, err := s.SaveSDK(auth.SDKInput{ID: res.Credential.ID, Name: "Video SDK", SDKKey: "vidKey"}); err != nil {
		t.Fatal(err)
	}
	secrettest.MustGet(t, secrets, store.SDKSecretKey(res.Credential.ID), sdkSecret)
	var ve *auth.ValidationError
	if _, err := s.SaveSDK(auth.SDKInput{ID: res.Credential.ID, Name: "Video SDK", SDKKey: "newKey"}); !errors.As(err, &ve) || ve.For(auth.FieldSDKSecret) == "" {
		t.Errorf("a new key without a secret: %v", err)
	}

	if err := s.DeleteSDK("video sdk"); err != nil {
		t.Fatal(err)
	}
	if _, err := secrets.Get(store.SDKSecretKey(res.Credential.ID)); err == nil {
		t.Error("the secret outlived its credential")
	}
	var nf *auth.NotFoundError
	if err := s.DeleteSDK("Video SDK"); !errors.As(err, &nf) {
		t.Errorf("deleting again: %v", err)
	}
}

// A save whose metadata write fails leaves no secret behind.
func TestSaveSDKRollsBack(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	s.SetWriteFile(func(string, []byte) error { return errors.New("disk full") })
	if _, err := s.SaveSDK(auth.SDKInput{Name: "Video", Type: auth.SDKVideo, SDKKey: "k", Secret: sdkSecret}); err == nil {
		t.Fatal("the save succeeded")
	}
	if len(mem.Snapshot()) != 0 {
		t.Errorf("secrets left: %v", mem.Keys())
	}
	// A secret store that refuses changes nothing either.
	s.SetWriteFile(nil)
	mem.Fail = func(op, _ string) error {
		if op == "save" {
			return errors.New("locked")
		}
		return nil
	}
	if _, err := s.SaveSDK(auth.SDKInput{Name: "Video", Type: auth.SDKVideo, SDKKey: "k", Secret: sdkSecret}); err == nil {
		t.Fatal("the save succeeded")
	}
	if d := storetest.MustLoad(t, s); len(d.SDKCredentials) != 0 {
		t.Errorf("the file holds %v", d.SDKCredentials)
	}
}

func TestSignerSecretRefusals(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Public", ClientID: "p", Public: true})
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Team", ClientID: "teamID", ClientSecret: "team-secret"})
	d := storetest.MustLoad(t, s)
	for name, want := range map[string]store.NoSignerSecretError{"Public": {Signer: "Public", Client: true, Public: true}} {
		signer, _ := d.Signer(name)
		var ns *store.NoSignerSecretError
		if _, err := s.SignerSecret(signer); !errors.As(err, &ns) || *ns != want {
			t.Errorf("%s: %v", name, err)
		}
	}
	signer, _ := d.Signer("Team")
	if got, err := s.SignerSecret(signer); err != nil || got != "team-secret" {
		t.Errorf("Team: %q %v", got, err)
	}
	_ = mem.Delete(store.ClientSecretKey(cl.ID))
	var ns *store.NoSignerSecretError
	if _, err := s.SignerSecret(signer); !errors.As(err, &ns) || !ns.Client || ns.Public {
		t.Errorf("no secret stored: %v", err)
	}
}

// Import adds SDK credentials and asks for their secrets after the others.
func TestImportSDKCredentials(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	raw := []byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[{"name":"Team","client_id":"teamID","endpoints":{"preset":"zoom"}}],"connections":[],
"sdk_credentials":[{"name":"Video","type":"video","sdk_key":"vidKey"},{"name":"Legacy","type":"meeting","sdk_key":"legKey"}]}`)
	plan, err := store.PlanImport(storetest.MustLoad(t, s), raw)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, n := range plan.Needed {
		labels = append(labels, n.Label)
	}
	if strings.Join(labels, "; ") != `Client secret of the OAuth client "Team"; SDK secret of the SDK credential "Video"; SDK secret of the SDK credential "Legacy"` {
		t.Errorf("asks for %q", labels)
	}
	if err := s.Import(plan, []string{"team-secret", "video-secret", "legacy-secret"}); err != nil {
		t.Fatal(err)
	}
	d := storetest.MustLoad(t, s)
	v, _ := d.SDKCredential("Video")
	l, _ := d.SDKCredential("Legacy")
	if v == nil || l == nil || l.Type != auth.SDKMeeting {
		t.Fatalf("imported %+v", d.SDKCredentials)
	}
	secrettest.MustGet(t, mem, store.SDKSecretKey(v.ID), "video-secret")
	secrettest.MustGet(t, mem, store.SDKSecretKey(l.ID), "legacy-secret")

	// Again: the names are taken; a name of another kind is too.
	if _, err := store.PlanImport(d, raw); err == nil {
		t.Error("the same names imported twice")
	}
	clash := []byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[],"sdk_credentials":[{"name":"team","type":"video","sdk_key":"k"}]}`)
	if _, err := store.PlanImport(d, clash); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("an SDK credential named like a client: %v", err)
	}
	bad := []byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[],"sdk_credentials":[{"name":"X","type":"audio","sdk_key":"k"}]}`)
	if _, err := store.PlanImport(d, bad); err == nil {
		t.Error("an unknown SDK type imported")
	}
}

// Moving secrets to another store takes the SDK secrets along.
func TestMoveSecretsTakesSDKSecrets(t *testing.T) {
	from, to := &secrettest.Memory{}, &secrettest.Memory{}
	s := storetest.New(t, from)
	res, err := s.SaveSDK(auth.SDKInput{Name: "Video", Type: auth.SDKVideo, SDKKey: "k", Secret: sdkSecret})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.MoveSecrets(to, auth.BackendFile); err != nil || n != 1 {
		t.Fatalf("moved %d: %v", n, err)
	}
	secrettest.MustGet(t, to, store.SDKSecretKey(res.Credential.ID), sdkSecret)
	if len(from.Snapshot()) != 0 {
		t.Error("the secret stayed behind")
	}
}
