package access

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
)

const (
	videoSecret   = "video-sdk-secret-321"
	meetingSecret = "meeting-sdk-secret-654"
	zakClient     = "zakClientID"
)

// checkHS256 verifies jwt apart from auth/sdkjwt and returns its claims.
func checkHS256(t *testing.T, jwt, secret string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(parts[0] + "." + parts[1]))
	if base64.RawURLEncoding.EncodeToString(m.Sum(nil)) != parts[2] {
		t.Fatal("the signature does not verify with the secret")
	}
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

func sdkEnv(t *testing.T) *env {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", genClient, genSecret)
	for _, in := range []auth.SDKInput{
		{Name: "Video", Type: auth.SDKVideo, SDKKey: "vidKey", Secret: videoSecret},
		{Name: "Legacy", Type: auth.SDKMeeting, SDKKey: "legKey", Secret: meetingSecret},
	} {
		if _, err := e.store.SaveSDK(in); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func TestMeetingSignatureFromClientOrCredential(t *testing.T) {
	e := sdkEnv(t)
	role := 1
	for name, want := range map[string]struct{ key, secret string }{"Me client": {genClient, genSecret}, "Legacy": {"legKey", meetingSecret}} {
		sig, err := e.svc.MeetingSignature(name, MeetingSignatureInput{MeetingNumber: 123456789, Role: &role, Lifetime: time.Hour})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		claims := checkHS256(t, sig.JWT, want.secret)
		now := e.clock.Now().Unix()
		if claims["appKey"] != want.key || claims["sdkKey"] != want.key || claims["mn"] != 123456789.0 || claims["role"] != 1.0 ||
			claims["iat"] != float64(now) || claims["exp"] != float64(now+3600) || claims["tokenExp"] != float64(now+3600) || len(claims) != 7 {
			t.Errorf("%s: claims %v", name, claims)
		}
		if sig.SDKKey != want.key || sig.Signer != name || !sig.ExpiresAt.Equal(time.Unix(now+3600, 0)) {
			t.Errorf("%s: %+v", name, sig)
		}
	}
	// Native: neither mn nor role.
	sig, err := e.svc.MeetingSignature("Legacy", MeetingSignatureInput{})
	if err != nil {
		t.Fatal(err)
	}
	if claims := checkHS256(t, sig.JWT, meetingSecret); len(claims) != 5 || claims["exp"].(float64)-claims["iat"].(float64) != 7200 {
		t.Errorf("native claims %v", claims)
	}
}

func TestVideoToken(t *testing.T) {
	e := sdkEnv(t)
	opt := 1
	sig, err := e.svc.VideoToken("video", VideoTokenInput{Session: "Standup", Role: 1, UserIdentity: "ada", GeoRegions: []string{"US", "DE"}, CloudRecordingOption: &opt})
	if err != nil {
		t.Fatal(err)
	}
	claims := checkHS256(t, sig.JWT, videoSecret)
	if claims["app_key"] != "vidKey" || claims["tpc"] != "Standup" || claims["role_type"] != 1.0 || claims["version"] != 1.0 ||
		claims["user_identity"] != "ada" || claims["geo_regions"] != "US,DE" || claims["cloud_recording_option"] != 1.0 || len(claims) != 9 {
		t.Errorf("claims %v", claims)
	}
}

// Each SDK signs with its own kind of key; limits are checked before any
// secret is read.
func TestSignatureRefusals(t *testing.T) {
	e := sdkEnv(t)
	mem := &secrettest.Memory{Fail: func(op, key string) error { return errors.New("no secret may be read: " + key) }}
	e.useSecrets(mem)
	var te *SDKTypeError
	if _, err := e.svc.MeetingSignature("Video", MeetingSignatureInput{}); !errors.As(err, &te) || te.Have != "video" || te.Want != auth.SDKMeeting {
		t.Errorf("meeting signature from a Video SDK credential: %v", err)
	}
	if _, err := e.svc.VideoToken("Me client", VideoTokenInput{Session: "s"}); !errors.As(err, &te) || te.Have != "client" {
		t.Errorf("video token from an OAuth client: %v", err)
	}
	if _, err := e.svc.VideoToken("Legacy", VideoTokenInput{Session: "s"}); !errors.As(err, &te) || te.Have != "meeting" {
		t.Errorf("video token from a Meeting SDK credential: %v", err)
	}
	var nf *auth.NotFoundError
	if _, err := e.svc.VideoToken("Me", VideoTokenInput{Session: "s"}); !errors.As(err, &nf) {
		t.Errorf("a connection signs: %v", err)
	}
	two := 2
	for name, err := range map[string]error{
		"1,799 s":         second(e.svc.MeetingSignature("Legacy", MeetingSignatureInput{Lifetime: 1799 * time.Second})),
		"172,801 s":       second(e.svc.VideoToken("Video", VideoTokenInput{Session: "s", Lifetime: 172801 * time.Second})),
		"role 2":          second(e.svc.MeetingSignature("Legacy", MeetingSignatureInput{MeetingNumber: 123456789, Role: &two})),
		"role_type 2":     second(e.svc.VideoToken("Video", VideoTokenInput{Session: "s", Role: 2})),
		"201 characters":  second(e.svc.VideoToken("Video", VideoTokenInput{Session: strings.Repeat("s", 201)})),
		"region XX":       second(e.svc.VideoToken("Video", VideoTokenInput{Session: "s", GeoRegions: []string{"XX"}})),
		"OBF meeting 0":   second(e.svc.OBF(context.Background(), "Me", 0)),
		"mn without role": second(e.svc.MeetingSignature("Legacy", MeetingSignatureInput{MeetingNumber: 123456789})),
	} {
		var ce *ClaimError
		if !errors.As(err, &ce) {
			t.Errorf("%s: %v, want a ClaimError", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestDecodeJWTVerifiesAgainstTheStore(t *testing.T) {
	e := sdkEnv(t)
	sig, err := e.svc.VideoToken("Video", VideoTokenInput{Session: "s"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.svc.DecodeJWT(sig.JWT + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if !d.Verified || d.VerifiedBy != "Video" || d.Kind != SDKKindVideo || len(d.Problems) != 0 || !d.Expires.Equal(sig.ExpiresAt) {
		t.Errorf("%+v", d)
	}
	// Another secret for the same key: named, not verified.
	other, _, _ := strings.Cut(sig.JWT, ".")
	parts := strings.Split(sig.JWT, ".")
	m := hmac.New(sha256.New, []byte("not-the-secret"))
	m.Write([]byte(parts[0] + "." + parts[1]))
	forged := other + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
	if d, err = e.svc.DecodeJWT(forged); err != nil || d.Verified || len(d.Signers) != 1 {
		t.Errorf("forged: %+v %v", d, err)
	}
	// Expired an hour after its end.
	e.clock.Advance(3 * time.Hour)
	if d, _ = e.svc.DecodeJWT(sig.JWT); len(d.Problems) != 1 || !strings.Contains(d.Problems[0].Error(), "has expired") || !d.Verified {
		t.Errorf("expired: %+v", d.Problems)
	}
	var me *MalformedJWTError
	if _, err := e.svc.DecodeJWT("not a jwt"); !errors.As(err, &me) {
		t.Errorf("malformed: %v", err)
	}
}

// ZAK and OBF come with the connection's user token, as API calls do: a
// token Zoom expired is replaced once, a missing scope goes through the
// scope doctor, and a Server-to-Server connection is refused.
func TestZAKAndOBF(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.zoom.AddGeneralApp(zoomtest.GeneralApp{ClientID: zakClient, ClientSecret: genSecret, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user", "user:read:token"}})
	e.addOAuth("Zak", zakClient, genSecret)
	e.addOAuth("Me", genClient, genSecret)
	e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
	e.login("Zak")
	e.login("Me")
	ctx := context.Background()
	zak, err := e.svc.ZAK(ctx, "Zak")
	if err != nil || !strings.HasPrefix(zak, zoomtest.UserTokenPrefix+"zak.u1.") {
		t.Fatalf("ZAK = %q, %v", zak, err)
	}
	e.zoom.ExpireAccessTokens() // Zoom says 124 although the cache thinks it valid
	obf, err := e.svc.OBF(ctx, "Zak", 98765432101)
	if err != nil || !strings.HasPrefix(obf, zoomtest.UserTokenPrefix+"onbehalf.u1.98765432101.") {
		t.Fatalf("OBF = %q, %v", obf, err)
	}
	if n := e.zoom.Stats().TokenRequests["refresh_token"]; n != 1 {
		t.Errorf("%d refreshes, want 1 after the 124", n)
	}
	var se *ScopeError
	if _, err := e.svc.ZAK(ctx, "Me"); !errors.As(err, &se) || !strings.Contains(strings.Join(se.Need, " "), "user:read:token") || se.ConnType != auth.AuthOAuth {
		t.Errorf("missing scope: %v", err)
	}
	var ut *UserTokenTypeError
	if _, err := e.svc.ZAK(ctx, "S"); !errors.As(err, &ut) || ut.Connection != "S" {
		t.Errorf("S2S: %v", err)
	}
	var nf *auth.NotFoundError
	if _, err := e.svc.OBF(ctx, "Nope", 1); !errors.As(err, &nf) {
		t.Errorf("unknown: %v", err)
	}
}

// The SDK secrets are only read to sign: no error or result carries them.
func TestNoSDKSecretInResults(t *testing.T) {
	e := sdkEnv(t)
	sig, _ := e.svc.VideoToken("Video", VideoTokenInput{Session: "s"})
	raw, _ := json.Marshal(sig)
	_, err := e.svc.VideoToken("Video", VideoTokenInput{Session: "s", Role: 5})
	for _, s := range []string{string(raw), err.Error()} {
		if strings.Contains(s, videoSecret) {
			t.Error("the SDK secret left the store")
		}
	}
	var ns *store.NoSignerSecretError
	e.useSecrets(&secrettest.Memory{})
	if _, err := e.svc.VideoToken("Video", VideoTokenInput{Session: "s"}); !errors.As(err, &ns) || ns.Client {
		t.Errorf("no stored secret: %v", err)
	}
}
