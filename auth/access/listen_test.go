package access

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/webhook"
	"zoomconn/auth/zoomtest"
)

// listener runs Listen in the background and collects what it hands over.
type listener struct {
	mu      sync.Mutex
	events  []string
	notices []string
	sleeps  []time.Duration
	got     chan string // each event
	conns   chan string // each connect's host
	done    chan error
	cancel  context.CancelFunc
}

func (e *env) listen(name string, opts ListenOptions) *listener {
	l := &listener{got: make(chan string, 16), conns: make(chan string, 16), done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	opts.OnEvent = func(raw []byte) {
		l.mu.Lock()
		l.events = append(l.events, string(raw))
		l.mu.Unlock()
		l.got <- string(raw)
	}
	opts.OnNotice = func(s string) { l.mu.Lock(); l.notices = append(l.notices, s); l.mu.Unlock() }
	opts.OnConnect = func(host string) { l.conns <- host }
	opts.Jitter = func(d time.Duration) time.Duration { return d }
	e.svc.Sleep = func(ctx context.Context, d time.Duration) error {
		l.mu.Lock()
		l.sleeps = append(l.sleeps, d)
		l.mu.Unlock()
		return ctx.Err()
	}
	go func() { l.done <- e.svc.Listen(ctx, name, opts) }()
	return l
}

func (l *listener) wait(t *testing.T, ch chan string, what string) string {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case err := <-l.done:
		t.Fatalf("Listen ended before %s: %v", what, err)
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s", what)
	}
	return ""
}

// open waits for a connect, and for the fake to register the socket (a
// dial returns before it has).
func (l *listener) open(t *testing.T, e *env, sub string) {
	t.Helper()
	l.wait(t, l.conns, "connection")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.zoom.WaitEventConnection(ctx, sub); err != nil {
		t.Fatal(err)
	}
}

func (l *listener) stop(t *testing.T) {
	t.Helper()
	l.cancel()
	select {
	case err := <-l.done:
		if err != nil {
			t.Errorf("Listen after ctx ended: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Listen did not stop when ctx ended")
	}
}

func (e *env) addS2SEvents(name, sub string) {
	e.t.Helper()
	eps := e.eps
	eps.EventsURL = e.zoom.Endpoints().EventsURL
	storetest.MustSaveConn(e.t, e.store, auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: s2sAccount, ClientID: s2sClient,
		ClientSecret: s2sSecret, Endpoints: eps, EventsSubscription: &sub})
	e.zoom.AddEventSubscription(s2sClient, sub)
}

// Listen hands over each event's exact bytes, reconnects after a drop
// (after a wait, saying events in the gap are lost) with a fresh token
// once the old one expired, and stops cleanly when ctx ends.
func TestListenReceivesAndReconnects(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2SEvents("S", "sub-1")
	l := e.listen("S", ListenOptions{})
	l.open(t, e, "sub-1")
	ev := `{"event":"meeting.started", "event_ts":1,"payload":{"object":{"topic":"Stand\u0075p"}}}`
	if !e.zoom.EmitEvent("sub-1", []byte(ev)) {
		t.Fatal("no connection at the fake")
	}
	if got := l.wait(t, l.got, "event"); got != ev {
		t.Errorf("event %q, want the exact bytes %q", got, ev)
	}
	// Drop, with the token expired meanwhile: the reconnect fetches a fresh one.
	e.clock.Advance(2 * time.Hour)
	e.zoom.DropEventConnection("sub-1")
	l.open(t, e, "sub-1")
	if !e.zoom.EmitEvent("sub-1", []byte(`{"event":"x"}`)) || l.wait(t, l.got, "event after reconnecting") != `{"event":"x"}` {
		t.Error("no event after reconnecting")
	}
	// Zoom refuses the cached token (revoked early): one fresh token, no wait.
	e.zoom.ExpireAccessTokens()
	e.zoom.DropEventConnection("sub-1")
	l.open(t, e, "sub-1")
	l.stop(t)
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := e.zoom.Stats().TokenRequests["account_credentials"]; n != 3 {
		t.Errorf("%d token requests, want 3 (first, after expiry, after the refusal)", n)
	}
	if len(l.sleeps) != 2 || l.sleeps[0] != listenBackoffMin {
		t.Errorf("waits %v, want two of %v", l.sleeps, listenBackoffMin)
	}
	all := strings.Join(l.notices, "\n")
	if !strings.Contains(all, "The events socket dropped") || !strings.Contains(all, "Events during the gap are lost") || !strings.Contains(all, "Reconnected to the events socket at 127.0.0.1:") {
		t.Errorf("notices:\n%s", all)
	}
	for _, s := range e.zoom.IssuedSecrets() {
		if strings.Contains(all, s) {
			t.Error("a notice carries a token")
		}
	}
}

// What Listen refuses before connecting, and a refusal at the first connect.
func TestListenRefusals(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2S("NoSub", s2sAccount, s2sClient, s2sSecret)
	var ns *NoSubscriptionError
	if err := e.svc.Listen(context.Background(), "NoSub", ListenOptions{}); !errors.As(err, &ns) {
		t.Errorf("no subscription: %v", err)
	}
	var nu *NoEventsURLError
	if err := e.svc.Listen(context.Background(), "NoSub", ListenOptions{Subscription: "x"}); !errors.As(err, &nu) || !strings.Contains(err.Error(), "without an events URL") {
		t.Errorf("custom endpoints without an events URL: %v", err)
	}
	e.addS2SEvents("S", "sub-1")
	var ee *EventsError
	err := e.svc.Listen(context.Background(), "S", ListenOptions{Subscription: "other"})
	if !errors.As(err, &ee) || ee.Status != 404 {
		t.Errorf("an unknown subscription: %v", err)
	}
	for _, s := range e.zoom.IssuedSecrets() {
		if strings.Contains(err.Error(), s) {
			t.Error("the error carries a token")
		}
	}
}

// Before the token expires, Listen reconnects at once with a fresh one,
// saying events in the gap are lost.
func TestListenRenewsBeforeExpiry(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2SEvents("S", "sub-1")
	renew := make(chan time.Time)
	var mu sync.Mutex
	var asked []time.Duration
	l := e.listen("S", ListenOptions{After: func(d time.Duration) <-chan time.Time {
		mu.Lock()
		asked = append(asked, d)
		mu.Unlock()
		return renew
	}})
	l.open(t, e, "sub-1")
	mu.Lock()
	if len(asked) != 1 || asked[0] <= 50*time.Minute || asked[0] >= time.Hour {
		t.Errorf("renewal timers %v, want one a minute before the hour's end", asked)
	}
	mu.Unlock()
	e.clock.Advance(asked[0])
	renew <- e.clock.Now()
	l.open(t, e, "sub-1")
	if !e.zoom.EmitEvent("sub-1", []byte(`{"event":"y"}`)) || l.wait(t, l.got, "event after renewing") != `{"event":"y"}` {
		t.Error("no event after renewing")
	}
	l.stop(t)
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := e.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
	if len(l.sleeps) != 0 || !strings.Contains(strings.Join(l.notices, "\n"), "The access token expires soon; reconnecting with a fresh one. Events during the gap are lost") {
		t.Errorf("waits %v, notices %q", l.sleeps, l.notices)
	}
}

// The forward queue is bounded (overflow dropped and counted), forwards in
// order, and retries a failing handler after 1, 5 and 20 s.
func TestForwardQueue(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2SEvents("S", "sub-1")
	if _, err := e.store.SetSecretToken("S", "tok-secret"); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var bodies []string
	fail := 2
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		bodies = append(bodies, string(b))
		if fail > 0 {
			fail--
			w.WriteHeader(503)
		}
	}))
	t.Cleanup(h.Close)
	var waits []time.Duration
	e.svc.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return nil
	}
	tries := make(chan ForwardResult, 16)
	q, err := e.svc.NewForwardQueue("S", Delivery{To: h.URL}, 2, func(fr ForwardResult) { tries <- fr })
	if err != nil {
		t.Fatal(err)
	}
	if !q.Push([]byte(`{"n":1}`)) || !q.Push([]byte(`{"n":2}`)) || q.Push([]byte(`{"n":3}`)) || q.Dropped() != 1 {
		t.Fatalf("a queue of 2 took the third event (dropped %d)", q.Dropped())
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); q.Run(ctx) }()
	var got []ForwardResult
	for len(got) < 4 {
		select {
		case fr := <-tries:
			got = append(got, fr)
		case <-time.After(10 * time.Second):
			t.Fatalf("tries so far: %+v", got)
		}
	}
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(bodies) != `[{"n":1} {"n":1} {"n":1} {"n":2}]` || fmt.Sprint(waits) != "[1s 5s]" {
		t.Errorf("bodies %v, waits %v", bodies, waits)
	}
	if got[0].Result.Status != 503 || got[0].Retry != time.Second || got[1].Retry != 5*time.Second || got[2].Result.Status != 200 || got[2].Try != 3 || got[2].Retry != 0 {
		t.Errorf("tries %+v", got)
	}
	for _, fr := range got {
		if fr.GaveUp || fr.Result.TooSlow {
			t.Errorf("a try that was retried or delivered in time: %+v", fr)
		}
	}
	var hu *HandlerURLError
	if _, err := e.svc.NewForwardQueue("S", Delivery{To: "http://example.com/"}, 0, nil); !errors.As(err, &hu) || !hu.Remote {
		t.Errorf("a remote handler: %v", err)
	}
}

// A handler that answers 200 after Zoom's 3 s is a delivery Zoom counts
// failed: the fact the front-ends word as "too slow". The Service's clock
// makes the handler slow, with no waiting.
func TestSlowHandlerIsTooSlow(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2SEvents("S", "sub-1")
	if _, err := e.store.SetSecretToken("S", "tok-secret"); err != nil {
		t.Fatal(err)
	}
	delay := webhook.Deadline + time.Second
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.clock.Advance(delay)
		if r.URL.Path == "/fails" {
			w.WriteHeader(500)
		}
	}))
	t.Cleanup(h.Close)
	for _, tt := range []struct {
		path            string
		failed, tooSlow bool
	}{{"/ok", true, true}, {"/fails", true, false}} {
		res, err := e.svc.TriggerEvent(context.Background(), "S", EventInput{Event: "meeting.started"}, Delivery{To: h.URL + tt.path})
		if err != nil {
			t.Fatal(err)
		}
		if res.Elapsed != delay || res.Failed != tt.failed || res.TooSlow != tt.tooSlow {
			t.Errorf("%s: %+v", tt.path, res)
		}
	}
}
