package cli

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
)

const (
	videoSDKSecret   = "cli-video-sdk-secret-1357"
	meetingSDKSecret = "cli-meeting-sdk-secret-2468"
	zakID            = "zakID"
)

// hs256Claims verifies jwt with secret apart from the program (split,
// HMAC, compare) and returns its claims; it fails the test otherwise.
func hs256Claims(t *testing.T, jwt, secret string) map[string]any {
	t.Helper()
	parts := strings.Split(strings.TrimSpace(jwt), ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", jwt)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(parts[0] + "." + parts[1]))
	if base64.RawURLEncoding.EncodeToString(m.Sum(nil)) != parts[2] {
		t.Fatalf("the JWT does not verify with the secret")
	}
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

// assertNoSDKSecret checks the SDK secrets reached no output, no file of
// the config dir or home and (for processes) no command line, besides the
// hygiene of the other secrets.
func (w *world) assertNoSDKSecret() {
	w.t.Helper()
	secrets := []string{videoSDKSecret, meetingSDKSecret}
	w.mu.Lock()
	out := w.output.String()
	w.mu.Unlock()
	for _, s := range secrets {
		if strings.Contains(out, s) {
			w.t.Error("an SDK secret appeared in command output")
		}
	}
	for _, dir := range []string{w.dir, w.home} {
		w.walkForSecrets(dir, secrets)
	}
	w.assertHygiene() // stops the process scan
	for line := range w.cmdlines {
		for _, s := range secrets {
			if strings.Contains(line, s) {
				w.t.Errorf("an SDK secret appeared in a process's arguments")
			}
		}
	}
}

// End to end, in-process and as real processes on the real keyring: SDK
// credentials are added with the secret on stdin, listed, sign JWTs that an
// independent HS256 check accepts, decode, export without their secrets and
// are removed with them.
func TestSDKEndToEnd(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.must(videoSDKSecret+"\n", "add-sdk", "Video", "--type", "video", "--sdk-key", "vidKey")
		w.must(meetingSDKSecret+"\n", "add-sdk", "Legacy", "--type", "meeting", "--sdk-key", "legKey")
		w.must(genSecret+"\n", append([]string{"add-client", "Team", "--client-id", "genID"}, w.endpointFlags()...)...)

		var listed struct {
			SDK []map[string]string `json:"sdk_credentials"`
		}
		if err := json.Unmarshal([]byte(w.must("", "list", "--json").stdout), &listed); err != nil {
			t.Fatal(err)
		}
		if len(listed.SDK) != 2 || listed.SDK[0]["name"] != "Legacy" || listed.SDK[0]["type"] != "meeting" || listed.SDK[1]["sdk_key"] != "vidKey" || len(listed.SDK[1]) != 3 {
			t.Errorf("list --json: %v", listed.SDK)
		}
		if r := w.must("", "list"); !strings.Contains(r.stdout, "SDK CREDENTIAL") || !strings.Contains(r.stdout, "Video SDK") {
			t.Errorf("list: %s", r.stdout)
		}

		jwt := w.must("", "sdk", "video-token", "Video", "--session", "standup", "--role", "1", "--user-identity", "ada", "--geo-regions", "us,DE").stdout
		claims := hs256Claims(t, jwt, videoSDKSecret)
		if claims["app_key"] != "vidKey" || claims["tpc"] != "standup" || claims["role_type"] != 1.0 || claims["geo_regions"] != "US,DE" || claims["exp"].(float64)-claims["iat"].(float64) != 7200 {
			t.Errorf("video claims %v", claims)
		}
		sig := w.must("", "sdk", "meeting-signature", "Team", "--meeting", "987 6543 2101", "--role", "0", "--expires", "30m").stdout
		claims = hs256Claims(t, sig, genSecret)
		if claims["appKey"] != "genID" || claims["sdkKey"] != "genID" || claims["mn"] != 98765432101.0 || claims["role"] != 0.0 || claims["exp"].(float64)-claims["iat"].(float64) != 1800 || len(claims) != 7 {
			t.Errorf("meeting claims %v", claims)
		}
		var doc struct {
			Signature, SDKKey, ExpiresAt string
			Claims                       map[string]any
		}
		raw := w.must("", "sdk", "meeting-signature", "Legacy", "--format", "json").stdout
		if err := json.Unmarshal([]byte(raw), &doc); err != nil || !strings.Contains(raw, `"sdk_key": "legKey"`) || !strings.Contains(raw, `"expires_at"`) {
			t.Fatalf("--format json: %s %v", raw, err)
		}
		if c := hs256Claims(t, doc.Signature, meetingSDKSecret); len(c) != 5 || len(doc.Claims) != 5 {
			t.Errorf("native signature claims %v / %v", c, doc.Claims)
		}

		r := w.must(jwt, "sdk", "decode")
		for _, want := range []string{"Video SDK token", "tpc", "verifies with the secret of \"Video\"", "Expires:", "Zoom would accept these claims."} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("decode says no %q:\n%s", want, r.stdout)
			}
		}

		export := filepath.Join(w.home, "export.json")
		w.must("", "export", "--file", export)
		exported, _ := os.ReadFile(export)
		if !strings.Contains(string(exported), `"sdk_credentials"`) || !strings.Contains(string(exported), "legKey") {
			t.Errorf("export: %s", exported)
		}

		key := "sdk-credential/" + w.sdkID("Video") + "/sdk-secret"
		if !w.keyringHas(key) {
			t.Fatal("the SDK secret is not in the keyring")
		}
		w.must("", "remove-sdk", "Video")
		if w.keyringHas(key) {
			t.Error("the SDK secret outlived its credential")
		}
		if r := w.run("", "sdk", "video-token", "Video", "--session", "s", "--role", "0"); r.code != ExitUsage || r.stdout != "" {
			t.Errorf("a removed credential signs: %d %q", r.code, r.stderr)
		}
		w.must("", "remove-sdk", "Legacy")
		w.assertNoSDKSecret()
	})
}

// Every limit is checked before signing: out of range exits 2 with the
// range in the sentence, and prints no JWT.
func TestSDKLimits(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(videoSDKSecret+"\n", "add-sdk", "Video", "--type", "video", "--sdk-key", "vidKey")
	w.must(meetingSDKSecret+"\n", "add-sdk", "Legacy", "--type", "meeting", "--sdk-key", "legKey")
	video := []string{"sdk", "video-token", "Video", "--session", "s", "--role", "0"}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"1,799 s", append(video, "--expires", "29m59s"), "exp − iat is 1,799 s; Zoom needs 1,800 to 172,800."},
		{"172,801 s", []string{"sdk", "meeting-signature", "Legacy", "--expires", "48h0m1s"}, "exp − iat is 172,801 s; Zoom needs 1,800 to 172,800."},
		{"0 s", []string{"sdk", "meeting-signature", "Legacy", "--expires", "0"}, "exp − iat is 0 s; Zoom needs 1,800 to 172,800."},
		{"role 2", []string{"sdk", "meeting-signature", "Legacy", "--meeting", "123456789", "--role", "2"}, "role is 2; Zoom needs 0 or 1."},
		{"role_type 2", []string{"sdk", "video-token", "Video", "--session", "s", "--role", "2"}, "role_type is 2; Zoom needs 0 or 1."},
		{"201-character session", []string{"sdk", "video-token", "Video", "--session", strings.Repeat("s", 201), "--role", "0"}, "tpc is 201 characters; Zoom needs 1 to 200."},
		{"unknown geo region", append(video, "--geo-regions", "US,XX"), `geo_regions has "XX"; Zoom knows AU, BR, CA, CN, DE, HK, IN, JP, MX, NL, SG, US.`},
		{"36-character user identity", append(video, "--user-identity", strings.Repeat("u", 36)), "user_identity is 36 characters; Zoom needs 1 to 35."},
		{"cloud recording 2", append(video, "--cloud-recording-option", "2"), "cloud_recording_option is 2; Zoom needs 0 or 1."},
		{"meeting without role", []string{"sdk", "meeting-signature", "Legacy", "--meeting", "123456789"}, "--meeting needs --role"},
		{"not a meeting number", []string{"sdk", "meeting-signature", "Legacy", "--meeting", "abc", "--role", "0"}, "mn is a text"},
		{"no session", []string{"sdk", "video-token", "Video", "--role", "0"}, "--session TOPIC is required"},
		{"a video key signs no meeting", []string{"sdk", "meeting-signature", "Video"}, `"Video" is a Video SDK credential`},
		{"a meeting key signs no video", []string{"sdk", "video-token", "Legacy", "--session", "s", "--role", "0"}, `"Legacy" is a Meeting SDK credential`},
		{"bad format", []string{"sdk", "meeting-signature", "Legacy", "--format", "xml"}, "--format must be raw or json"},
		{"unknown name", []string{"sdk", "meeting-signature", "Nope"}, `There is no SDK credential or OAuth client named "Nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := w.run("", tc.args...)
			if r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 saying %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
	w.assertNoSDKSecret()
}

// sdk decode names the claim Zoom would refuse, and says when the stored
// credential with its key did not sign it.
func TestSDKDecode(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(meetingSDKSecret+"\n", "add-sdk", "Legacy", "--type", "meeting", "--sdk-key", "legKey")
	handMade := func(claims, secret string) string {
		in := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString([]byte(claims))
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(in))
		return in + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
	}
	iat := w.now().Unix()
	short := handMade(`{"appKey":"legKey","sdkKey":"legKey","iat":`+jsonInt(iat)+`,"exp":`+jsonInt(iat+1799)+`,"tokenExp":`+jsonInt(iat+1799)+`}`, meetingSDKSecret)
	r := w.run(short+"\n", "sdk", "decode")
	if r.code != ExitFailed || !strings.Contains(r.stdout, "exp − iat is 1,799 s; Zoom needs 1,800 to 172,800.") || !strings.Contains(r.stdout, `verifies with the secret of "Legacy"`) {
		t.Errorf("short lifetime: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	forged := handMade(`{"appKey":"legKey","sdkKey":"legKey","iat":`+jsonInt(iat)+`,"exp":`+jsonInt(iat+7200)+`,"tokenExp":`+jsonInt(iat+7200)+`}`, "another-secret")
	if r := w.run(forged, "sdk", "decode"); r.code != ExitFailed || !strings.Contains(r.stdout, `does NOT verify with the secret of Legacy`) {
		t.Errorf("forged: %d\n%s", r.code, r.stdout)
	}
	unknown := handMade(`{"app_key":"someone","role_type":0,"tpc":"t\u202e","version":1,"iat":`+jsonInt(iat)+`,"exp":`+jsonInt(iat+7200)+`}`, "x")
	if r := w.run(unknown, "sdk", "decode"); r.code != 0 || !strings.Contains(r.stdout, "not checked: no stored SDK credential or OAuth client has the key someone") || strings.Contains(r.stdout, "\u202e") {
		t.Errorf("unknown key: %d\n%q", r.code, r.stdout)
	}
	for in, want := range map[string]string{"": "expected a JWT on stdin", "not.a.jwt!": "This is not a JWT"} {
		if r := w.run(in, "sdk", "decode"); r.code != ExitUsage || !strings.Contains(r.stderr, want) {
			t.Errorf("%q: %d %q", in, r.code, r.stderr)
		}
	}
	w.assertNoSDKSecret()
}

// sdkID reads an SDK credential's id from the metadata file.
func (w *world) sdkID(name string) string {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	var d struct {
		SDK []struct{ ID, Name string } `json:"sdk_credentials"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		w.t.Fatal(err)
	}
	for _, c := range d.SDK {
		if c.Name == name {
			return c.ID
		}
	}
	w.t.Fatalf("no SDK credential %q in the metadata file", name)
	return ""
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// ZAK and OBF through the fake Zoom, with an OAuth 2.0 connection whose
// app has user:read:token; one without goes through the scope doctor.
func TestSDKZAKAndOBF(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.zoom.AddGeneralApp(zoomtest.GeneralApp{ClientID: zakID, ClientSecret: genSecret, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user", "user:read:token"}})
	w.addOAuth("Zak", zakID, false)
	w.login("Zak")
	w.addOAuth("Me", "genID", false)
	w.login("Me")
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)

	if r := w.must("", "sdk", "zak", "Zak"); !strings.HasPrefix(r.stdout, zoomtest.UserTokenPrefix+"zak.u1.") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("zak: %q", r.stdout)
	}
	if r := w.must("", "sdk", "obf", "Zak", "--meeting", "987 6543 2101"); !strings.HasPrefix(r.stdout, zoomtest.UserTokenPrefix+"onbehalf.u1.98765432101.") {
		t.Errorf("obf: %q", r.stdout)
	}
	r := w.run("", "sdk", "zak", "Me")
	if r.code != ExitFailed || r.stdout != "" || !strings.Contains(r.stderr, "user:read:token") || !strings.Contains(r.stderr, "zoomconn login Me") {
		t.Errorf("missing scope: %d %q", r.code, r.stderr)
	}
	if r := w.run("", "sdk", "zak", "Reports"); r.code != ExitFailed || !strings.Contains(r.stderr, "Server-to-Server") {
		t.Errorf("S2S: %d %q", r.code, r.stderr)
	}
	if r := w.run("", "sdk", "obf", "Zak"); r.code != ExitUsage || !strings.Contains(r.stderr, "--meeting N is required") {
		t.Errorf("obf without a meeting: %d %q", r.code, r.stderr)
	}
	w.assertHygiene()
}

// add-sdk, edit-sdk and remove-sdk: the secret on stdin, refusals that
// change nothing, names unique across kinds.
func TestSDKCredentialCommands(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	for _, tc := range []struct {
		args      []string
		stdin     string
		code      int
		want      string
		secretKey bool
	}{
		{[]string{"add-sdk", "Reports", "--type", "video", "--sdk-key", "k"}, videoSDKSecret + "\n", ExitUsage, `"Reports" is already used`, false},
		{[]string{"add-sdk", "V", "--type", "audio", "--sdk-key", "k"}, videoSDKSecret + "\n", ExitUsage, "SDK type must be video or meeting", false},
		{[]string{"add-sdk", "V", "--type", "video"}, videoSDKSecret + "\n", ExitUsage, "SDK key is required", false},
		{[]string{"add-sdk", "V", "--type", "video", "--sdk-key", "k"}, "", ExitUsage, "SDK secret: expected it on stdin", false},
	} {
		if r := w.run(tc.stdin, tc.args...); r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %d %q", tc.args, r.code, r.stderr)
		}
	}
	if len(w.secrets.Snapshot()) != 1 {
		t.Fatalf("refusals stored secrets: %v", w.secrets.Keys())
	}
	w.must(videoSDKSecret+"\n", "add-sdk", "V", "--type", "video", "--sdk-key", "k")
	if r := w.run("", "add-s2s", "v", "--account-id", "a", "--client-id", "c"); r.code != ExitUsage || !strings.Contains(r.stderr, "already used") {
		t.Errorf("a connection named like an SDK credential: %d %q", r.code, r.stderr)
	}
	// Rename keeps the secret; a new key reads one; --secret replaces it.
	if r := w.must("", "edit-sdk", "V", "--name", "Video"); !strings.Contains(r.stderr, `scripts that use the old name "V"`) {
		t.Errorf("rename: %q", r.stderr)
	}
	if r := w.run("", "edit-sdk", "Video", "--sdk-key", "k2"); r.code != ExitUsage || !strings.Contains(r.stderr, "A new SDK key needs its SDK secret") {
		t.Errorf("a new key without its secret: %d %q", r.code, r.stderr)
	}
	w.must(meetingSDKSecret+"\n", "edit-sdk", "Video", "--sdk-key", "k2")
	claims := hs256Claims(t, w.must("", "sdk", "video-token", "Video", "--session", "s", "--role", "0").stdout, meetingSDKSecret)
	if claims["app_key"] != "k2" {
		t.Errorf("claims after the edit: %v", claims)
	}
	w.must(videoSDKSecret+"\n", "edit-sdk", "Video", "--secret")
	hs256Claims(t, w.must("", "sdk", "video-token", "Video", "--session", "s", "--role", "0").stdout, videoSDKSecret)
	if r := w.run("", "remove-sdk", "Nope"); r.code != ExitUsage || !strings.Contains(r.stderr, `There is no SDK credential named "Nope"`) {
		t.Errorf("remove unknown: %d %q", r.code, r.stderr)
	}
	w.must("", "remove-sdk", "Video")
	if len(w.secrets.Snapshot()) != 1 {
		t.Errorf("remove-sdk left %v", w.secrets.Keys())
	}
	w.assertNoSDKSecret()
}

// Export carries SDK credentials without their secrets; import asks for
// them, as for other secrets, in the order it lists.
func TestSDKExportImport(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(videoSDKSecret+"\n", "add-sdk", "Video", "--type", "video", "--sdk-key", "vidKey")
	export := filepath.Join(w.home, "sdk.json")
	w.must("", "export", "Video", "--file", export)
	raw, _ := os.ReadFile(export)
	if strings.Contains(string(raw), videoSDKSecret) || !strings.Contains(string(raw), `"name": "Video"`) {
		t.Fatalf("export: %s", raw)
	}
	other := w.secondMachine()
	r := other.must(meetingSDKSecret+"\n", "import", export)
	if !strings.Contains(r.stderr, `SDK credential "Video" (Video SDK, SDK key vidKey)`) || !strings.Contains(r.stderr, `1. SDK secret of the SDK credential "Video"`) {
		t.Errorf("import says %q", r.stderr)
	}
	hs256Claims(t, other.must("", "sdk", "video-token", "Video", "--session", "s", "--role", "1").stdout, meetingSDKSecret)
	w.assertNoSDKSecret()
}
