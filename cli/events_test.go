package cli

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth/access"
	"zoomconn/auth/zoomtest"
)

const secretToken = "cli-secret-token-4242"

// independentSignature is Zoom's signature computed here, apart from
// auth/webhook: v0= + hex(HMAC-SHA256(token, "v0:{ts}:{body}")).
func independentSignature(token, ts string, body []byte) string {
	h := hmac.New(sha256.New, []byte(token))
	h.Write([]byte("v0:" + ts + ":"))
	h.Write(body)
	return "v0=" + hex.EncodeToString(h.Sum(nil))
}

// received is one request a test handler got.
type received struct {
	ts, sig string
	body    []byte
}

// eventHandler is a local webhook handler. checking: it refuses (401) an
// event whose signature an independent HMAC check rejects, or whose
// timestamp is over 5 minutes off now(); else it answers 200. It answers
// URL validation with key (a wrong key makes a wrong handler).
type eventHandler struct {
	srv      *httptest.Server
	mu       sync.Mutex
	got      []received
	checking bool
	key      string
	now      func() time.Time
	status   int // when not 0, the answer to any event
}

func newEventHandler(t *testing.T, checking bool, key string, now func() time.Time) *eventHandler {
	h := &eventHandler{checking: checking, key: key, now: now}
	h.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, sig := r.Header.Get("x-zm-request-timestamp"), r.Header.Get("x-zm-signature")
		h.mu.Lock()
		h.got = append(h.got, received{ts, sig, body})
		h.mu.Unlock()
		if h.checking {
			sec, err := strconv.ParseInt(ts, 10, 64)
			off := h.now().Sub(time.Unix(sec, 0))
			if sig == "" || !hmac.Equal([]byte(sig), []byte(independentSignature(h.key, ts, body))) || err != nil || off > 5*time.Minute || off < -5*time.Minute {
				http.Error(rw, "bad signature \x1b[31m", http.StatusUnauthorized)
				return
			}
		}
		var e struct {
			Event   string `json:"event"`
			Payload struct {
				PlainToken string `json:"plainToken"`
			} `json:"payload"`
		}
		_ = json.Unmarshal(body, &e)
		if e.Event == "endpoint.url_validation" {
			m := hmac.New(sha256.New, []byte(h.key))
			m.Write([]byte(e.Payload.PlainToken))
			_ = json.NewEncoder(rw).Encode(map[string]string{"plainToken": e.Payload.PlainToken, "encryptedToken": hex.EncodeToString(m.Sum(nil))})
			return
		}
		if h.status != 0 {
			rw.WriteHeader(h.status)
		}
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *eventHandler) last(t *testing.T) received {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.got) == 0 {
		t.Fatal("the handler received nothing")
	}
	return h.got[len(h.got)-1]
}

func (h *eventHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.got)
}

// eventsWorld has a Server-to-Server connection "Reports" with a Secret Token.
func eventsWorld(t *testing.T) *world {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.must(secretToken+"\n", "events", "secret", "Reports")
	return w
}

// assertNoSecretToken checks the Secret Token reached no output and no
// file of the config dir or home.
func (w *world) assertNoSecretToken() {
	w.t.Helper()
	w.mu.Lock()
	out := w.output.String()
	w.mu.Unlock()
	if strings.Contains(out, secretToken) {
		w.t.Error("the Secret Token appeared in command output")
	}
	for _, dir := range []string{w.dir, w.home} {
		w.walkForSecrets(dir, []string{secretToken})
	}
	w.assertHygiene()
}

func TestEventsSecret(t *testing.T) {
	w := eventsWorld(t)
	if w.secrets.Snapshot()["connection/"+w.connectionID("Reports")+"/secret-token"] != secretToken {
		t.Fatal("the Secret Token is not stored under the connection")
	}
	// Replacing, then refusals that change nothing.
	if r := w.run(secretToken+"\n", "events", "secret", "Reports"); r.code != 0 || !strings.Contains(r.stderr, "Replaced the Secret Token of the connection \"Reports\"") {
		t.Errorf("replace: %d %q", r.code, r.stderr)
	}
	before := w.secrets.Snapshot()
	if r := w.run("\n", "events", "secret", "Reports"); r.code != ExitUsage || !strings.Contains(r.stderr, "Secret Token is empty") {
		t.Errorf("empty token: %d %q", r.code, r.stderr)
	}
	if r := w.run("x\n", "events", "secret", "Nope"); r.code != ExitUsage || !strings.Contains(r.stderr, `There is no connection or OAuth client named "Nope"`) {
		t.Errorf("unknown name: %d %q", r.code, r.stderr)
	}
	if len(w.secrets.Snapshot()) != len(before) {
		t.Error("a refused Secret Token changed the secrets")
	}
	// An OAuth connection's name reaches its client's.
	w.addOAuth("Mine", "genID", false)
	if r := w.run("client-token-1\n", "events", "secret", "Mine"); r.code != 0 || !strings.Contains(r.stderr, `the OAuth client "Mine-client" (the app of "Mine")`) {
		t.Errorf("through an OAuth connection: %d %q", r.code, r.stderr)
	}
	// Removing the connection removes its Secret Token.
	key := "connection/" + w.connectionID("Reports") + "/secret-token"
	w.must("", "remove", "Reports")
	if _, ok := w.secrets.Snapshot()[key]; ok {
		t.Error("removing the connection left its Secret Token behind")
	}
	w.assertNoSecretToken()
}

func TestEventsVerify(t *testing.T) {
	w := eventsWorld(t)
	body := `{"event":"meeting.started","payload":{"object":{"topic":"Standup"}}}`
	ts := strconv.FormatInt(w.now().Unix(), 10)
	sig := independentSignature(secretToken, ts, []byte(body))
	if r := w.run(body, "events", "verify", "Reports", "--timestamp", ts, "--signature", sig); r.code != 0 || r.stdout != "" {
		t.Errorf("valid: %d %q", r.code, r.stderr)
	}
	if r := w.run(strings.Replace(body, "Standup", "Standdown", 1), "events", "verify", "Reports", "--timestamp", ts, "--signature", sig); r.code != ExitFailed || !strings.Contains(r.stderr, "zoomconn events verify: signature does not match") {
		t.Errorf("tampered: %d %q", r.code, r.stderr)
	}
	old := strconv.FormatInt(w.now().Unix()-412, 10)
	if r := w.run(body, "events", "verify", "Reports", "--timestamp", old, "--signature", independentSignature(secretToken, old, []byte(body))); r.code != ExitFailed || !strings.Contains(r.stderr, "timestamp is 412 s old") {
		t.Errorf("stale: %d %q", r.code, r.stderr)
	}
	if r := w.run(body, "events", "verify", "Reports", "--timestamp", old, "--signature", independentSignature(secretToken, old, []byte(body)), "--tolerance", "10m"); r.code != 0 {
		t.Errorf("within a wider tolerance: %d %q", r.code, r.stderr)
	}
	if r := w.run(body, "events", "verify", "Reports", "--timestamp", ts); r.code != ExitUsage {
		t.Errorf("no signature: %d %q", r.code, r.stderr)
	}
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Bare", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	if r := w.run(body, "events", "verify", "Bare", "--timestamp", ts, "--signature", sig); r.code != ExitFailed || !strings.Contains(r.stderr, "zoomconn events secret Bare") {
		t.Errorf("no Secret Token: %d %q", r.code, r.stderr)
	}
	w.assertNoSecretToken()
}

// Every bundled event reaches the handler as exact bytes with a signature
// an independent check accepts.
func TestEventsTriggerEveryBundledEvent(t *testing.T) {
	w := eventsWorld(t)
	h := newEventHandler(t, true, secretToken, w.now)
	events := []string{"app.deauthorized", "meeting.created", "meeting.ended", "meeting.participant_joined",
		"meeting.participant_left", "meeting.started", "recording.completed", "recording.transcript_completed",
		"user.created", "user.updated", "webinar.ended", "webinar.started"}
	// The twelve, and every sample bundled (sorted, as both are).
	if bundled := access.EventNames(); !slices.Equal(bundled, events) {
		t.Errorf("bundled samples %v, want the twelve %v", bundled, events)
	}
	for _, ev := range events {
		r := w.run("", "events", "trigger", "Reports", ev, "--to", h.srv.URL+"/webhook")
		if r.code != 0 || !strings.HasPrefix(r.stdout, ev+": 200 in ") {
			t.Errorf("%s: %d %q %q", ev, r.code, r.stdout, r.stderr)
			continue
		}
		got := h.last(t)
		if got.sig != independentSignature(secretToken, got.ts, got.body) {
			t.Errorf("%s: the signature does not check", ev)
		}
		var e struct {
			Event   string `json:"event"`
			EventTS int64  `json:"event_ts"`
			Payload struct {
				AccountID string `json:"account_id"`
			} `json:"payload"`
		}
		if err := json.Unmarshal(got.body, &e); err != nil || e.Event != ev || e.Payload.AccountID == "" || e.EventTS != w.now().UnixMilli() {
			t.Errorf("%s: the handler got %s", ev, got.body)
		}
	}
	// -f overrides a field; --data sends the exact bytes.
	w.must("", "events", "trigger", "Reports", "meeting.created", "--to", h.srv.URL, "-f", "payload.object.topic=Standup")
	if got := h.last(t); !strings.Contains(string(got.body), `"topic":"Standup"`) {
		t.Errorf("-f: %s", got.body)
	}
	data := "{\"event\": \"meeting.started\",\n  \"payload\": {\"x\": \"é\"}}\n"
	file := filepath.Join(t.TempDir(), "event.json")
	_ = os.WriteFile(file, []byte(data), 0o600)
	for _, args := range [][]string{{"--data", file}, {"--data", "-"}} {
		w.must(data, append([]string{"events", "trigger", "Reports", "meeting.started", "--to", h.srv.URL}, args...)...)
		if got := h.last(t); string(got.body) != data || got.sig != independentSignature(secretToken, got.ts, got.body) {
			t.Errorf("%v: the handler got %q", args, got.body)
		}
	}
	if r := w.run("", "events", "trigger", "Reports", "meeting.nope", "--to", h.srv.URL); r.code != ExitUsage || !strings.Contains(r.stderr, "no sample of the event") {
		t.Errorf("unknown event: %d %q", r.code, r.stderr)
	}
	// What Zoom counts as a failure.
	h.status = 500
	if r := w.run("", "events", "trigger", "Reports", "meeting.started", "--to", h.srv.URL); r.code != ExitFailed || !strings.Contains(r.stderr, "Zoom would count this delivery as failed (it answered 500") {
		t.Errorf("a 500: %d %q", r.code, r.stderr)
	}
	w.assertNoSecretToken()
}

func TestEventsTriggerURLValidation(t *testing.T) {
	w := eventsWorld(t)
	right := newEventHandler(t, true, secretToken, w.now)
	if r := w.run("", "events", "trigger", "Reports", "endpoint.url_validation", "--to", right.srv.URL); r.code != 0 || !strings.Contains(r.stderr, "Zoom would accept") {
		t.Errorf("right handler: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if got := right.last(t); got.sig != independentSignature(secretToken, got.ts, got.body) {
		t.Error("the URL validation request is not signed")
	}
	wrong := newEventHandler(t, false, "another-secret-token", w.now)
	if r := w.run("", "events", "trigger", "Reports", "endpoint.url_validation", "--to", wrong.srv.URL); r.code != ExitFailed ||
		!strings.Contains(r.stderr, "encryptedToken is the HMAC of the plainToken with a different key: check the Secret Token") {
		t.Errorf("wrong handler: %d %q %q", r.code, r.stdout, r.stderr)
	}
	w.assertNoSecretToken()
}

// A forgery passes (exit 0) only when the handler rejects it.
func TestEventsTriggerForgedSignatures(t *testing.T) {
	w := eventsWorld(t)
	checking := newEventHandler(t, true, secretToken, w.now)
	careless := newEventHandler(t, false, secretToken, w.now)
	for _, forge := range []string{"bad", "stale", "missing"} {
		r := w.run("", "events", "trigger", "Reports", "meeting.started", "--to", checking.srv.URL, "--signature", forge)
		if r.code != 0 || !strings.Contains(r.stderr, "The handler rejected") {
			t.Errorf("%s against a checking handler: %d %q", forge, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "\x1b") {
			t.Errorf("%s: the handler's escape reached stderr: %q", forge, r.stderr)
		}
		r = w.run("", "events", "trigger", "Reports", "meeting.started", "--to", careless.srv.URL, "--signature", forge)
		if r.code != ExitFailed || !strings.Contains(r.stderr, "the handler did not reject") {
			t.Errorf("%s against a careless handler: %d %q", forge, r.code, r.stderr)
		}
	}
	got := careless.last(t)
	if got.sig != "" {
		t.Error("--signature missing sent a signature")
	}
	if r := w.run("", "events", "trigger", "Reports", "meeting.started", "--to", checking.srv.URL, "--signature", "odd"); r.code != ExitUsage {
		t.Errorf("--signature odd: %d", r.code)
	}
	w.assertNoSecretToken()
}

// Events carry names and addresses: off loopback only with --allow-remote.
func TestEventsTriggerStaysOnThisMachine(t *testing.T) {
	w := eventsWorld(t)
	h := newEventHandler(t, true, secretToken, w.now)
	for _, to := range []string{"http://example.com/webhook", "https://10.0.0.1/zoom", "http://[::2]/"} {
		r := w.run("", "events", "trigger", "Reports", "meeting.started", "--to", to)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "is not on this machine") || !strings.Contains(r.stderr, "--allow-remote") {
			t.Errorf("%s: %d %q", to, r.code, r.stderr)
		}
	}
	if r := w.run("", "events", "trigger", "Reports", "meeting.started", "--to", "ftp://127.0.0.1/"); r.code != ExitUsage {
		t.Errorf("ftp: %d %q", r.code, r.stderr)
	}
	n := h.count()
	local := strings.Replace(h.srv.URL, "127.0.0.1", "localhost", 1)
	w.must("", "events", "trigger", "Reports", "meeting.started", "--to", local)
	w.must("", "events", "trigger", "Reports", "meeting.started", "--to", h.srv.URL, "--allow-remote")
	if h.count() != n+2 {
		t.Errorf("the handler got %d events, want 2", h.count()-n)
	}
	w.assertNoSecretToken()
}
