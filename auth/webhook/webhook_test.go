package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// Known vectors, computed once with openssl:
//
//	printf 'v0:1700000000:{"a":1}' | openssl dgst -sha256 -hmac KEY
//	printf 'plain-token-123' | openssl dgst -sha256 -hmac KEY
//	printf 'v0:1700000000:' | openssl dgst -sha256 -hmac 'secret token'
func TestSignKnownVectors(t *testing.T) {
	for _, tc := range []struct {
		key  string
		ts   int64
		body string
		want string
	}{
		{"KEY", 1700000000, `{"a":1}`, "v0=7a51efc78159dfc0eaf9f21eb05be3369404015947b7a53aeee34496c09a2025"},
		{"secret token", 1700000000, ``, "v0=7fc79d40136a358c6ff7b076e8832288d2006dc63247abbd5fe35462bee28f9c"},
	} {
		if got := Sign(tc.key, tc.ts, []byte(tc.body)); got != tc.want {
			t.Errorf("Sign(%q, %d, %q) = %s, want %s", tc.key, tc.ts, tc.body, got, tc.want)
		}
	}
}

func TestURLValidationKnownVector(t *testing.T) {
	const want = "ecabf36285f86985aadcfa70a68b66e812db44df6a5c3eaf8b67a6bd68e69acb"
	if got := URLValidation("KEY", "plain-token-123"); got != want {
		t.Errorf("URLValidation = %s, want %s", got, want)
	}
}

func TestVerify(t *testing.T) {
	now := time.Unix(1700000000, 0)
	body := []byte(`{"a":1}`)
	good := "v0=7a51efc78159dfc0eaf9f21eb05be3369404015947b7a53aeee34496c09a2025"
	for _, tc := range []struct {
		name      string
		key, ts   string
		sig       string
		body      []byte
		now       time.Time
		tolerance time.Duration
		want      Reason
		text      string
	}{
		{"valid", "KEY", "1700000000", good, body, now, 0, 0, ""},
		{"valid at the tolerance", "KEY", "1700000000", good, body, now.Add(300 * time.Second), 0, 0, ""},
		{"tampered body", "KEY", "1700000000", good, []byte(`{"a":2}`), now, 0, SignatureMismatch, "signature does not match"},
		{"re-serialised body", "KEY", "1700000000", good, []byte(`{"a": 1}`), now, 0, SignatureMismatch, "signature does not match"},
		{"another key", "KEY2", "1700000000", good, body, now, 0, SignatureMismatch, "signature does not match"},
		{"another timestamp", "KEY", "1700000001", good, body, now, 0, SignatureMismatch, "signature does not match"},
		{"stale", "KEY", "1700000000", good, body, now.Add(412 * time.Second), 0, TimestampOld, "timestamp is 412 s old"},
		{"stale under a tighter tolerance", "KEY", "1700000000", good, body, now.Add(61 * time.Second), time.Minute, TimestampOld, "timestamp is 61 s old"},
		{"from the future", "KEY", "1700000000", good, body, now.Add(-400 * time.Second), 0, TimestampFuture, "timestamp is 400 s in the future"},
		{"no timestamp", "KEY", "", good, body, now, 0, TimestampMissing, "timestamp is missing"},
		{"timestamp in ms", "KEY", "1.7e9", good, body, now, 0, TimestampInvalid, "not a number of seconds"},
		{"no signature", "KEY", "1700000000", "", body, now, 0, SignatureMissing, "signature is missing"},
		{"no Secret Token", "", "1700000000", good, body, now, 0, NoSecretToken, "no Secret Token"},
		{"bare hex", "KEY", "1700000000", strings.TrimPrefix(good, "v0="), body, now, 0, SignatureMismatch, "signature does not match"},
	} {
		err := Verify(tc.key, tc.ts, tc.sig, tc.body, tc.now, tc.tolerance)
		if tc.want == 0 {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var ve *VerifyError
		if !errors.As(err, &ve) || ve.Reason != tc.want || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: got %v, want reason %d saying %q", tc.name, err, tc.want, tc.text)
		}
	}
}

func TestCheckURLValidation(t *testing.T) {
	const key, plain = "KEY", "plain-token-123"
	right := "ecabf36285f86985aadcfa70a68b66e812db44df6a5c3eaf8b67a6bd68e69acb"
	otherKey := hex.EncodeToString(hmacOf("OTHER", plain))
	unkeyed := sha256.Sum256([]byte(plain))
	answer := func(pt, enc string) []byte {
		b, _ := json.Marshal(map[string]string{"plainToken": pt, "encryptedToken": enc})
		return b
	}
	for _, tc := range []struct {
		name    string
		status  int
		body    []byte
		elapsed time.Duration
		want    AnswerProblem
		text    string
	}{
		{"right", 200, answer(plain, right), time.Millisecond, 0, ""},
		{"right, with spaces", 200, []byte(" {\"encryptedToken\": \"" + right + "\", \"plainToken\": \"" + plain + "\"}\n"), time.Second, 0, ""},
		{"wrong key", 200, answer(plain, otherKey), time.Millisecond, AnswerWrongKey, "encryptedToken is the HMAC of the plainToken with a different key: check the Secret Token"},
		{"unkeyed", 200, answer(plain, hex.EncodeToString(unkeyed[:])), 0, AnswerUnkeyedHash, "without a key"},
		{"upper case", 200, answer(plain, strings.ToUpper(right)), 0, AnswerUpperCase, "upper-case"},
		{"not hex", 200, answer(plain, "xyz"), 0, AnswerNotHMAC, "64 hex digits"},
		{"no encryptedToken", 200, []byte(`{"plainToken":"` + plain + `"}`), 0, AnswerNoEncrypted, "missing"},
		{"other plainToken", 200, answer("other", right), 0, AnswerPlainToken, "plainToken"},
		{"not JSON", 200, []byte("OK"), 0, AnswerNotJSON, "not a JSON object"},
		{"status", 204, answer(plain, right), 0, AnswerStatus, "answered 204; Zoom needs 200"},
		{"slow", 200, answer(plain, right), 3200 * time.Millisecond, AnswerSlow, "took 3.2 s; Zoom waits 3 s"},
	} {
		err := CheckURLValidation(key, plain, tc.status, tc.body, tc.elapsed)
		if tc.want == 0 {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var ae *AnswerError
		if !errors.As(err, &ae) || ae.Problem != tc.want || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: got %v, want problem %d saying %q", tc.name, err, tc.want, tc.text)
		}
	}
}

func TestURLValidationRequest(t *testing.T) {
	got := string(URLValidationRequest("abc", time.UnixMilli(1700000000123)))
	want := `{"event":"endpoint.url_validation","payload":{"plainToken":"abc"},"event_ts":1700000000123}`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func hmacOf(key, msg string) []byte {
	h := hmac.New(sha256.New, []byte(key))
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// The events the issue asks for are bundled, each shaped as Zoom's docs
// show them, stamped with now, and signed so that an independent HMAC
// check accepts it.
func TestSamples(t *testing.T) {
	want := []string{"app.deauthorized", "meeting.created", "meeting.ended", "meeting.participant_joined",
		"meeting.participant_left", "meeting.started", "recording.completed", "recording.transcript_completed",
		"user.created", "user.updated", "webinar.ended", "webinar.started"}
	got := Events()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Events() = %v, want %v", got, want)
	}
	now := time.UnixMilli(1700000000123)
	for _, name := range got {
		body, err := Sample(name, now)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var e struct {
			Event   string          `json:"event"`
			EventTS int64           `json:"event_ts"`
			Payload json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var p map[string]any
		_ = json.Unmarshal(e.Payload, &p)
		if e.Event != name || e.EventTS != now.UnixMilli() || p["account_id"] == "" || p["account_id"] == nil {
			t.Errorf("%s: event %q, event_ts %d, payload %v", name, e.Event, e.EventTS, p)
		}
		if _, ok := p["object"].(map[string]any); !ok && name != "app.deauthorized" {
			t.Errorf("%s: no payload.object", name)
		}
		if EventName(body) != name {
			t.Errorf("%s: EventName = %q", name, EventName(body))
		}
		sig := Sign("KEY", 1700000000, body)
		if want := "v0=" + hex.EncodeToString(hmacOf("KEY", "v0:1700000000:"+string(body))); sig != want {
			t.Errorf("%s: signature %s, independent %s", name, sig, want)
		}
	}
	var unknown *UnknownEventError
	for _, bad := range []string{"meeting.nope", "", "../webhook", "samples/meeting.started"} {
		if _, err := Sample(bad, now); !errors.As(err, &unknown) {
			t.Errorf("Sample(%q) = %v, want an UnknownEventError", bad, err)
		}
	}
}

func TestSet(t *testing.T) {
	body := []byte(`{"event":"x","event_ts":1,"payload":{"object":{"topic":"a","duration":60,"ok":true,"files":[{"s":"x"}]}}}`)
	for _, tc := range []struct {
		path, value string
		want        string
		fails       string
	}{
		{"payload.object.topic", "Standup", `"topic":"Standup"`, ""},
		{"payload.object.topic", "<b>&", `"topic":"<b>&"`, ""},
		{"payload.object.duration", "30", `"duration":30`, ""},
		{"payload.object.duration", "soon", `"duration":"soon"`, ""},
		{"payload.object.ok", "false", `"ok":false`, ""},
		{"payload.object.new.deep", "7", `"new":{"deep":"7"}`, ""},
		{"payload.object.files.0.s", "done", `"files":[{"s":"done"}]`, ""},
		{"payload.object.topic", "null", `"topic":null`, ""},
		{"payload.object.files.3.s", "x", "", "not an index"},
		{"payload.object.topic.x", "x", "", "is not an object"},
		{"payload..topic", "x", "", "empty part"},
	} {
		got, err := Set(body, tc.path, tc.value)
		if tc.fails != "" {
			var fe *FieldError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.fails) {
				t.Errorf("Set(%s=%s) = %v, want an error saying %q", tc.path, tc.value, err, tc.fails)
			}
			continue
		}
		if err != nil || !strings.Contains(string(got), tc.want) {
			t.Errorf("Set(%s=%s) = %s, %v; want it to hold %s", tc.path, tc.value, got, err, tc.want)
		}
	}
	if _, err := Set([]byte(`[1]`), "a", "b"); err == nil {
		t.Error("Set on an array: no error")
	}
}
