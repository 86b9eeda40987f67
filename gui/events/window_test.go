package events

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui/internal/testbench"
)

const (
	sub         = "sub-events"
	secretToken = "events-secret-token"
)

// env is a test's fake Zoom, store and Events window opener.
type env struct {
	*testbench.Bench
	room *testbench.Room
	ws   *Windows
}

// newEnv stores the Server-to-Server connection "Ops" with an events URL
// (the fake's socket), a subscription ID and a Secret Token.
func newEnv(t *testing.T) *env {
	t.Helper()
	b := testbench.New(t)
	ep := b.EP
	ep.EventsURL = b.Fake.Endpoints().EventsURL
	s := sub
	if _, err := b.Store.SaveConnection(auth.ConnectionInput{Name: "Ops", Type: auth.AuthS2S, AccountID: testbench.AccountID,
		ClientID: testbench.S2SClientID, ClientSecret: testbench.S2SSecret, Endpoints: ep, EventsSubscription: &s}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Store.SetSecretToken("Ops", secretToken); err != nil {
		t.Fatal(err)
	}
	b.Fake.AddEventSubscription(testbench.S2SClientID, sub)
	e := &env{Bench: b, room: b.Room()}
	e.ws = New(e.room.Context)
	e.room.OnReload = e.ws.Refresh
	return e
}

// open opens the window on Ops; closing it at the end stops what it runs.
func (e *env) open() *window {
	e.T.Helper()
	if e.ws.Open("Ops") == nil {
		e.T.Fatal("the Events window did not open")
	}
	w := e.ws.current()
	e.T.Cleanup(func() {
		if !w.closed {
			w.close()
		}
	})
	return w
}

// listen taps Listen and waits until the socket is open at the fake.
func (e *env) listen(w *window) {
	e.T.Helper()
	test.Tap(w.listenButton)
	e.PumpUntil("connected", func() bool { return strings.HasPrefix(w.state.Text, "Connected to") })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.Fake.WaitEventConnection(ctx, sub); err != nil {
		e.T.Fatal(err)
	}
}

// Listen shows each emitted event with its summary; selecting one shows
// its JSON with a topic's escape and bidi characters escaped; Stop closes
// the socket.
func TestListenListsEventsSafely(t *testing.T) {
	e := newEnv(t)
	w := e.open()
	if w.connSelect.Selected != "Ops" || w.listenButton.Disabled() || !w.stopButton.Disabled() {
		t.Fatal("the window did not open ready to listen on Ops")
	}
	e.listen(w)
	if !w.listenButton.Disabled() || w.stopButton.Disabled() || !w.connSelect.Disabled() {
		t.Error("while listening, Listen and the connection should be disabled and Stop enabled")
	}
	ev := `{"event":"meeting.started","event_ts":1,"payload":{"object":{"topic":"Stand` + "\\u001b" + `[31mup` + "\u202e" + `x","host_id":"h"}}}`
	if !e.Fake.EmitEvent(sub, []byte(ev)) {
		t.Fatal("no connection at the fake")
	}
	e.PumpUntil("the event listed", func() bool { return len(w.log.entries) == 1 })
	line := w.log.entries[0].line
	testbench.Contains(t, "the row", line, "meeting.started", `topic "Stand`)
	if strings.ContainsAny(line, "\x1b\u202e") {
		t.Errorf("the row %q holds a raw escape or bidi character", line)
	}
	if string(w.log.entries[0].raw) != ev {
		t.Errorf("kept %q, want the exact bytes", w.log.entries[0].raw)
	}
	w.log.list.Select(0)
	shown := w.detail.text.Text
	testbench.Contains(t, "the JSON", shown, `"event": "meeting.started"`, `\u001b[31mup`, `\u202e`)
	if strings.ContainsAny(shown, "\x1b\u202e") {
		t.Errorf("the JSON %q holds a raw escape or bidi character", shown)
	}
	if w.detail.copyJSON.Disabled() {
		t.Error("Copy JSON is disabled with an event selected")
	}

	test.Tap(w.stopButton)
	e.WaitJobs(e.room.Jobs)
	if w.state.Text != stateStopped || w.listenButton.Disabled() {
		t.Errorf("after Stop: state %q, Listen disabled %v", w.state.Text, w.listenButton.Disabled())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.Fake.WaitNoEventConnection(ctx, sub); err != nil {
		t.Fatal("Stop left the socket open")
	}
	if len(w.log.entries) != 1 {
		t.Error("Stop cleared the list")
	}
}

// Events forwarded to a handler arrive as their exact bytes, signed with
// the Secret Token (checked with an independent HMAC), and the row says
// the handler's status; a remote handler is refused before connecting.
func TestForwardSignsTheExactBytes(t *testing.T) {
	e := newEnv(t)
	type got struct{ body, ts, sig string }
	var mu sync.Mutex
	var reqs []got
	h := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		reqs = append(reqs, got{string(b), r.Header.Get("x-zm-request-timestamp"), r.Header.Get("x-zm-signature")})
		mu.Unlock()
	}))
	t.Cleanup(h.Close)
	w := e.open()
	w.fwd.url.SetText("http://example.com/webhook")
	test.Tap(w.listenButton)
	e.WaitJobs(e.room.Jobs)
	testbench.Contains(t, "the refusal", w.notice.Text, "example.com/webhook", "not on this machine")
	if e.Fake.Stats().EventConnects != 0 {
		t.Error("a remote handler was refused after connecting")
	}

	w.fwd.url.SetText(h.URL + "/webhook")
	e.listen(w)
	ev := `{"event":"meeting.ended", "payload":{"object":{"topic":"Retro"}}}`
	if !e.Fake.EmitEvent(sub, []byte(ev)) {
		t.Fatal("no connection at the fake")
	}
	e.PumpUntil("the forward shown", func() bool { return len(w.log.entries) == 1 && w.log.entries[0].fwd != "" })
	testbench.Contains(t, "the row's forward", w.log.entries[0].fwd, "→ 200 · ")
	testbench.Contains(t, "the forward's sentence", w.log.entries[0].fwdFull, "→ 200 in", " at ")
	if w.log.entries[0].fwdFail {
		t.Error("a 200 in time is flagged failed")
	}
	w.log.list.Select(0)
	if !w.detail.fwd.Visible() || w.detail.fwd.Text != w.log.entries[0].fwdFull {
		t.Errorf("the selected event's forward shows %q", w.detail.fwd.Text)
	}
	mu.Lock()
	r := reqs[0]
	mu.Unlock()
	if r.body != ev {
		t.Errorf("the handler got %q, want the exact bytes %q", r.body, ev)
	}
	mac := hmac.New(sha256.New, []byte(secretToken))
	mac.Write([]byte("v0:" + r.ts + ":" + r.body))
	if want := "v0=" + hex.EncodeToString(mac.Sum(nil)); r.sig != want {
		t.Errorf("signature %q, want %q", r.sig, want)
	}
	test.Tap(w.stopButton)
	e.WaitJobs(e.room.Jobs)
}

// A handler answering 500 is flagged as Zoom would count it failed, with
// the retry said; the core's Sleep seam makes the retries wait for nothing.
func TestForwardFlagsFailures(t *testing.T) {
	e := newEnv(t)
	svc := e.room.Session.Service()
	svc.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	h := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { rw.WriteHeader(500) }))
	t.Cleanup(h.Close)
	w := e.open()
	w.fwd.url.SetText(h.URL)
	e.listen(w)
	e.Fake.EmitEvent(sub, []byte(zoomtest.SampleEvent))
	e.PumpUntil("the forward given up", func() bool {
		return len(w.log.entries) == 1 && strings.Contains(w.log.entries[0].fwdFull, "gave up after 4 tries")
	})
	if !w.log.entries[0].fwdFail {
		t.Error("a 500 is not flagged")
	}
	testbench.Contains(t, "the row's forward", w.log.entries[0].fwd, "→ 500 · ", "failed", "gave up (4 tries)")
	testbench.Contains(t, "the forward's sentence", w.log.entries[0].fwdFull, "→ 500", "Zoom needs 200 or 204")
	testbench.Contains(t, "the totals", w.fwd.totals.Text, "4 tries, 4 that Zoom would count failed")
	test.Tap(w.stopButton)
	e.WaitJobs(e.room.Jobs)
}

// The list keeps the last maxEvents, says how many it dropped, and keeps
// the selection on its event as rows move up.
func TestListIsBounded(t *testing.T) {
	test.NewTempApp(t)
	var shown []string
	l := newEventLog(3, func(e entry) { shown = append(shown, string(e.raw)) })
	l.startRun()
	at := time.Unix(1700000000, 0)
	for _, n := range []string{"a", "b", "c"} {
		l.add([]byte(`{"event":"`+n+`"}`), at)
	}
	l.list.Select(1) // b
	l.add([]byte(`{"event":"d"}`), at)
	if len(l.entries) != 3 || !strings.Contains(l.entries[0].line, "b") || l.dropped != 1 {
		t.Fatalf("entries %v, dropped %d", l.entries, l.dropped)
	}
	testbench.Contains(t, "the dropped line", l.droppedLine.Text, "1 older events were dropped", "last 3")
	if l.selected != (key{1, 2}) || shown[len(shown)-1] != `{"event":"b"}` {
		t.Errorf("selection %v, shown %q", l.selected, shown)
	}
	l.forwarded(4, "→ 200", "→ 200 in 1 ms", false)
	if l.entries[2].fwd != "→ 200" || l.entries[2].fwdFull != "→ 200 in 1 ms" {
		t.Error("a forward of the newest event was not shown on its row")
	}
	l.forwarded(1, "→ 200", "", false) // dropped: nothing to show it on
}

// Send test event sends a bundled sample signed to a handler, and the URL
// validation check, with the result sentence.
func TestSendTestEvent(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	var bodies []string
	h := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
	}))
	t.Cleanup(h.Close)
	w := e.open()
	w.fwd.url.SetText(h.URL)
	tr := w.showTrigger()
	if len(tr.event.Options) != 13 || tr.to.Text != h.URL {
		t.Fatalf("options %v, handler %q", tr.event.Options, tr.to.Text)
	}
	tr.event.SetSelected("meeting.created")
	test.Tap(tr.send)
	e.WaitJobs(e.room.Jobs)
	testbench.Contains(t, "the result", tr.result.Text, "meeting.created: 200 in", "Zoom would count it delivered.")
	mu.Lock()
	if len(bodies) != 1 || !strings.Contains(bodies[0], `"meeting.created"`) {
		t.Errorf("the handler got %q", bodies)
	}
	mu.Unlock()
	tr.event.SetSelected(urlValidationOption)
	test.Tap(tr.send)
	e.WaitJobs(e.room.Jobs)
	testbench.Contains(t, "the validation result", tr.result.Text, "endpoint.url_validation: 200 in")
	if tr.result.Importance != widget.DangerImportance {
		t.Errorf("a handler that does not answer the check passed: %q", tr.result.Text)
	}
	tr.modal.Hide()
}

// An OAuth client is offered beside the connections and listens on its
// own subscription with an app-level token.
func TestListenThroughAnOAuthClient(t *testing.T) {
	e := newEnv(t)
	s := "sub-client"
	if _, err := e.Store.SaveClient(auth.ClientInput{Name: "Team app", ClientID: testbench.GenClientID, ClientSecret: testbench.GenSecret,
		Endpoints: eventsEndpoints(e), EventsSubscription: &s}); err != nil {
		t.Fatal(err)
	}
	e.Fake.AddEventSubscription(testbench.GenClientID, s)
	e.room.Reload()
	w := e.open()
	w.selectConnection("Team app")
	if w.connSelect.Selected != "Team app"+clientSuffix || w.picked() != "Team app" {
		t.Fatalf("picked %q", w.connSelect.Selected)
	}
	test.Tap(w.listenButton)
	e.PumpUntil("connected", func() bool { return strings.HasPrefix(w.state.Text, "Connected to") })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.Fake.WaitEventConnection(ctx, s); err != nil {
		t.Fatal(err)
	}
	e.Fake.EmitEvent(s, []byte(zoomtest.SampleEvent))
	e.PumpUntil("the event listed", func() bool { return len(w.log.entries) == 1 })
	testbench.Contains(t, "the row", w.log.entries[0].line, "meeting.started", `topic "Demo standup"`)
	test.Tap(w.stopButton)
	e.WaitJobs(e.room.Jobs)
}

// eventsEndpoints are the fake's endpoints with its events socket.
func eventsEndpoints(e *env) auth.Endpoints {
	ep := e.EP
	ep.EventsURL = e.Fake.Endpoints().EventsURL
	return ep
}

// A drop says Reconnecting (events during the gap are lost), then
// Connected again; nothing shown carries the token or its URL.
func TestDropSaysReconnecting(t *testing.T) {
	e := newEnv(t)
	e.room.Session.Service().Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	w := e.open()
	e.listen(w)
	var seen []string
	e.Fake.DropEventConnection(sub)
	e.PumpUntil("reconnecting", func() bool {
		seen = append(seen, w.state.Text, w.notice.Text)
		return w.state.Text == stateReconnecting
	})
	e.PumpUntil("connected again", func() bool {
		seen = append(seen, w.state.Text, w.notice.Text)
		return strings.HasPrefix(w.state.Text, "Connected to")
	})
	testbench.Contains(t, "the notices", strings.Join(seen, "\n"), "Events during the gap are lost")
	for _, s := range seen {
		if strings.Contains(s, "access_token") || strings.Contains(s, "subscriptionId") {
			t.Errorf("shown: %q", s)
		}
	}
	test.Tap(w.stopButton)
	e.WaitJobs(e.room.Jobs)
}

// A connection with no subscription ID stays not listening and says, in
// the app's terms, where to put one; nothing connects.
func TestListenWithoutASubscriptionSaysWhatToDo(t *testing.T) {
	e := newEnv(t)
	e.SaveS2S("Plain", testbench.S2SSecret)
	e.room.Reload()
	w := e.open()
	w.selectConnection("Plain")
	test.Tap(w.listenButton)
	e.WaitJobs(e.room.Jobs)
	testbench.Contains(t, "the failure", w.notice.Text, `"Plain"`, "tick Events settings", "subscription ID")
	if w.run != nil || w.listenButton.Disabled() || w.state.Text != "Not listening." {
		t.Errorf("after the refusal: state %q, Listen disabled %v", w.state.Text, w.listenButton.Disabled())
	}
	if n := e.Fake.Stats().EventConnects; n != 0 {
		t.Errorf("%d connects to the events socket", n)
	}
}
