package sdk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/gui/internal/testbench"
)

const videoSecret = "gui-video-sdk-secret-97531"

type env struct {
	*testbench.Bench
	room *testbench.Room
	ws   *Windows
	due  []func() // what ctx.After would run later
}

// newEnv stores the OAuth client "Team app" (the fake's General app) and
// the Video SDK credential "Video".
func newEnv(t *testing.T) *env {
	t.Helper()
	b := testbench.New(t)
	b.SaveOAuth("Me")
	if _, err := b.Store.SaveSDK(auth.SDKInput{Name: "Video", Type: auth.SDKVideo, SDKKey: "vidKey", Secret: videoSecret}); err != nil {
		t.Fatal(err)
	}
	e := &env{Bench: b}
	e.room = b.Room()
	now := time.Now().Truncate(time.Second) // a still clock on a whole second: the countdown reads exactly
	e.room.Session.Service().Now = func() time.Time { return now }
	e.room.AfterFunc = func(_ time.Duration, f func()) { e.due = append(e.due, f) }
	e.room.Session.Load()
	e.ws = New(e.room.Context)
	e.ws.ticks = false
	e.room.OnReload = e.ws.Refresh
	return e
}

// claimsOf verifies jwt with secret apart from the program and returns
// its claims.
func claimsOf(t *testing.T, jwt, secret string) map[string]any {
	t.Helper()
	p := strings.Split(jwt, ".")
	if len(p) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(p[0] + "." + p[1]))
	if base64.RawURLEncoding.EncodeToString(m.Sum(nil)) != p[2] {
		t.Fatal("the JWT does not verify with the secret")
	}
	raw, _ := base64.RawURLEncoding.DecodeString(p[1])
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// The Signature window of an OAuth client signs a Meeting SDK signature
// with its Client ID and secret: the JWT, its decoded claims, a countdown,
// Copy (cleared from the clipboard after a minute).
func TestSignatureOfAnOAuthClient(t *testing.T) {
	e := newEnv(t)
	s := e.ws.openSignature("Team app")
	if s == nil || s.video {
		t.Fatal("no Meeting SDK signature window")
	}
	defer s.close()
	testbench.SetText(s.win, s.meeting, "987 6543 2101")
	s.role.SetSelected(roleHost)
	testbench.SetText(s.win, s.expires, "30m")
	test.Tap(s.sign)
	e.WaitJobs(e.room.Jobs)
	if s.sig == nil {
		t.Fatalf("not signed: %q", s.problem.Text)
	}
	c := claimsOf(t, s.jwt.Text, testbench.GenSecret)
	if c["appKey"] != testbench.GenClientID || c["mn"] != 98765432101.0 || c["role"] != 1.0 || c["exp"].(float64)-c["iat"].(float64) != 1800 {
		t.Errorf("claims %v", c)
	}
	testbench.Contains(t, "decoded claims", s.claims.Text, `"appKey": "genClientID"`, `"tokenExp"`)
	testbench.Contains(t, "countdown", s.countdown.Text, "Expires in 30m0s")

	test.Tap(s.copyJWT)
	if got := e.App.Clipboard().Content(); got != s.jwt.Text {
		t.Fatalf("clipboard %q", got)
	}
	testbench.Contains(t, "status", e.room.Said, "cleared in 60 s")
	if len(e.due) != 1 {
		t.Fatalf("%d clears due", len(e.due))
	}
	e.due[0]()
	e.WaitJobs(e.room.Jobs)
	if got := e.App.Clipboard().Content(); got != "" {
		t.Errorf("the JWT stayed on the clipboard: %q", got)
	}
	// Something copied since is left alone.
	test.Tap(s.copyJWT)
	e.App.Clipboard().SetContent("mine")
	e.due[1]()
	e.WaitJobs(e.room.Jobs)
	if e.App.Clipboard().Content() != "mine" {
		t.Error("the clear took what the user copied since")
	}
}

// Limits are checked before signing and said with the range; a Video SDK
// credential signs a Video SDK token.
func TestSignatureLimitsAndVideo(t *testing.T) {
	e := newEnv(t)
	s := e.ws.openSignature("Video")
	if s == nil || !s.video {
		t.Fatal("no Video SDK token window")
	}
	defer s.close()
	for _, tc := range []struct{ session, expires, want string }{
		{"standup", "29m59s", "exp − iat is 1,799 s; Zoom needs 1,800 to 172,800."},
		{"standup", "48h0m1s", "exp − iat is 172,801 s; Zoom needs 1,800 to 172,800."},
		{strings.Repeat("s", 201), "2h", "tpc is 201 characters; Zoom needs 1 to 200."},
		{"standup", "soon", `"soon" is not a duration`},
	} {
		testbench.SetText(s.win, s.meeting, tc.session)
		testbench.SetText(s.win, s.expires, tc.expires)
		test.Tap(s.sign)
		e.WaitJobs(e.room.Jobs)
		if s.sig != nil || !s.problem.Visible() || !strings.Contains(s.problem.Text, tc.want) {
			t.Errorf("%s/%s: %q", tc.session, tc.expires, s.problem.Text)
		}
	}
	testbench.SetText(s.win, s.meeting, "standup")
	testbench.SetText(s.win, s.expires, "2h")
	test.Tap(s.sign)
	e.WaitJobs(e.room.Jobs)
	if s.problem.Visible() {
		t.Fatalf("refused: %q", s.problem.Text)
	}
	c := claimsOf(t, s.jwt.Text, videoSecret)
	if c["app_key"] != "vidKey" || c["tpc"] != "standup" || c["role_type"] != 0.0 || c["version"] != 1.0 {
		t.Errorf("claims %v", c)
	}
	// The countdown runs down to expiry.
	s.sig.ExpiresAt = e.room.Session.Now().Add(-time.Second)
	s.tick()
	testbench.Contains(t, "countdown", s.countdown.Text, "Expired at")
	// Closing takes a copied JWT off the clipboard.
	test.Tap(s.copyJWT)
	s.close()
	if e.App.Clipboard().Content() != "" {
		t.Error("the JWT outlived its window on the clipboard")
	}
}

// The SDK credentials window lists them; its form saves one with the
// secret masked, refuses a taken name beside the field, and Delete
// removes it with its secret.
func TestSDKCredentialsWindowAndForm(t *testing.T) {
	e := newEnv(t)
	e.ws.OpenList()
	l := e.ws.list
	defer l.win.Close()
	if len(l.items) != 1 || l.empty.Visible() {
		t.Fatalf("items %v", l.items)
	}
	f := openForm(e.room.Context, nil)
	if !f.secret.Password {
		t.Error("the SDK secret is not masked")
	}
	testbench.SetText(f.win, f.name, "me") // the connection's name
	f.typ.SetSelected(typeMeeting)
	testbench.SetText(f.win, f.key, "legKey")
	testbench.SetText(f.win, f.secret, "legacy-secret-86420")
	test.Tap(f.save)
	e.WaitJobs(e.room.Jobs)
	if f.closed || !f.msgs[auth.FieldSDKName].Visible() || !strings.Contains(f.msgs[auth.FieldSDKName].Text, "already used") {
		t.Fatalf("a taken name: closed %v, %q", f.closed, f.msgs[auth.FieldSDKName].Text)
	}
	testbench.SetText(f.win, f.name, "Legacy")
	test.Tap(f.save)
	e.WaitJobs(e.room.Jobs)
	if !f.closed {
		t.Fatalf("not saved: %q %q", f.other.Text, f.msgs[auth.FieldSDKSecret].Text)
	}
	if len(l.items) != 2 {
		t.Fatalf("the list did not refresh: %v", l.items)
	}
	d := e.Data()
	c, ok := d.SDKCredential("Legacy")
	if !ok || c.Type != auth.SDKMeeting {
		t.Fatalf("saved %+v", d.SDKCredentials)
	}
	if e.Sec.Snapshot()["sdk-credential/"+c.ID+"/sdk-secret"] != "legacy-secret-86420" {
		t.Error("the secret is not in the secret store")
	}
	// Editing shows the key, never the secret, and keeps the type.
	ef := openForm(e.room.Context, c)
	if ef.secret.Text != "" || ef.key.Text != "legKey" || !ef.typ.Disabled() {
		t.Errorf("edit form: secret %q key %q", ef.secret.Text, ef.key.Text)
	}
	ef.close()
	// Delete, confirmed.
	for i, it := range l.items {
		if it.Name == "Legacy" {
			l.list.Select(i)
		}
	}
	test.Tap(l.del)
	m := e.room.Dialogs.TopOn(l.win)
	if m == nil {
		t.Fatal("no confirmation")
	}
	test.Tap(m.Button("Delete"))
	e.WaitJobs(e.room.Jobs)
	if _, ok := e.Data().SDKCredential("Legacy"); ok || len(l.items) != 1 {
		t.Error("not deleted")
	}
	if _, ok := e.Sec.Snapshot()["sdk-credential/"+c.ID+"/sdk-secret"]; ok {
		t.Error("the secret outlived its credential")
	}
}
