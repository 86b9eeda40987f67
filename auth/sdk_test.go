package auth

import (
	"errors"
	"strings"
	"testing"
)

func sdkData() *Data {
	return &Data{Schema: SchemaVersion,
		Clients:        []OAuthClient{{ID: "c1", Name: "Team", ClientID: "teamID", Kind: Confidential}},
		Connections:    []Connection{{ID: "a1", Name: "Reports", Type: AuthS2S}},
		SDKCredentials: []SDKCredential{{ID: "s1", Name: "Video", Type: SDKVideo, SDKKey: "vidKey"}}}
}

func TestPlanSDK(t *testing.T) {
	d := sdkData()
	for _, tc := range []struct {
		name  string
		in    SDKInput
		field string // "" when valid
	}{
		{"new video", SDKInput{Name: "Legacy", Type: SDKMeeting, SDKKey: "k", Secret: " s \n"}, ""},
		{"no type", SDKInput{Name: "X", SDKKey: "k", Secret: "s"}, FieldSDKType},
		{"unknown type", SDKInput{Name: "X", Type: "audio", SDKKey: "k", Secret: "s"}, FieldSDKType},
		{"no secret", SDKInput{Name: "X", Type: SDKVideo, SDKKey: "k"}, FieldSDKSecret},
		{"secret with a space", SDKInput{Name: "X", Type: SDKVideo, SDKKey: "k", Secret: "a b"}, FieldSDKSecret},
		{"key with a space", SDKInput{Name: "X", Type: SDKVideo, SDKKey: "a b", Secret: "s"}, FieldSDKKey},
		{"name of a connection", SDKInput{Name: "reports", Type: SDKVideo, SDKKey: "k", Secret: "s"}, FieldSDKName},
		{"name of a client", SDKInput{Name: "Tеam", Type: SDKVideo, SDKKey: "k", Secret: "s"}, FieldSDKName}, // Cyrillic е
		{"name of another SDK credential", SDKInput{Name: "VIDEO", Type: SDKVideo, SDKKey: "k", Secret: "s"}, FieldSDKName},
		{"edit keeps the secret", SDKInput{ID: "s1", Name: "Video", SDKKey: "vidKey"}, ""},
		{"edit renames", SDKInput{ID: "s1", Name: "Video 2", SDKKey: "vidKey"}, ""},
		{"a new key needs the secret", SDKInput{ID: "s1", Name: "Video", SDKKey: "other"}, FieldSDKSecret},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := d.PlanSDK(tc.in)
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tc.in.ID == "" && (p.Credential.ID == "" || p.Secret != strings.TrimSpace(tc.in.Secret) || len(p.Notices) != 1) {
					t.Errorf("%+v", p)
				}
				if tc.in.ID != "" && (p.Old == nil || p.Credential.Type != SDKVideo || p.Secret != "") {
					t.Errorf("edit: %+v", p)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.For(tc.field) == "" {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
			if strings.Contains(err.Error(), "a b") && tc.field == FieldSDKSecret {
				t.Error("the message quotes the secret")
			}
		})
	}
}

// Names are unique across connections, OAuth clients and SDK credentials.
func TestNamesUniqueAcrossSDKCredentials(t *testing.T) {
	d := sdkData()
	if _, err := d.PlanConnection(ConnectionInput{Name: "video", Type: AuthS2S, AccountID: "a", ClientID: "c", ClientSecret: "s"}); err == nil {
		t.Error("a connection took an SDK credential's name")
	}
	if _, err := d.PlanClient(ClientInput{Name: "Vidеo", ClientID: "c", ClientSecret: "s"}); err == nil { // Cyrillic е
		t.Error("an OAuth client took an SDK credential's name")
	}
}

func TestSigner(t *testing.T) {
	d := sdkData()
	if s, err := d.Signer("video"); err != nil || s.Credential == nil || s.Key() != "vidKey" || s.Name() != "Video" {
		t.Errorf("%+v %v", s, err)
	}
	if s, err := d.Signer("Team"); err != nil || s.Client == nil || s.Key() != "teamID" {
		t.Errorf("%+v %v", s, err)
	}
	var nf *NotFoundError
	if _, err := d.Signer("Reports"); !errors.As(err, &nf) || len(nf.Names) != 2 {
		t.Errorf("a connection is no signer: %v", err)
	}
	if got := d.SignersOf("teamID"); len(got) != 1 || got[0].Client == nil {
		t.Errorf("SignersOf: %+v", got)
	}
}

func TestParseDataSDKCredentials(t *testing.T) {
	for raw, ok := range map[string]bool{
		`{"schema":2,"sdk_credentials":[{"id":"s","name":"V","type":"video","sdk_key":"k"}]}`:                                        true,
		`{"schema":2,"sdk_credentials":[{"id":"s","name":"V","type":"audio","sdk_key":"k"}]}`:                                        false,
		`{"schema":2,"sdk_credentials":[{"id":"s","name":"V","type":"video"},{"id":"s","name":"W","type":"meeting"}]}`:               false,
		`{"schema":2,"connections":[{"id":"s","name":"C","type":"s2s"}],"sdk_credentials":[{"id":"s","name":"V","type":"meeting"}]}`: false,
	} {
		if _, err := ParseData([]byte(raw)); (err == nil) != ok {
			t.Errorf("%s: %v", raw, err)
		}
	}
}
