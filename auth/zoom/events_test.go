package zoom_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomevents"
	"zoomconn/auth/zoomtest"
)

const (
	evAccount = "ev-account"
	evClient  = "evClientID"
	evSecret  = "evSecret"
	evSub     = "sub-123"
)

// eventsFake is a fake Zoom with one S2S app that owns evSub, and a token
// of that app.
func eventsFake(t *testing.T) (*zoomtest.Server, string) {
	t.Helper()
	s := zoomtest.NewServer(zoomtest.Options{})
	t.Cleanup(s.Close)
	s.AddS2SApp(zoomtest.S2SApp{AccountID: evAccount, ClientID: evClient, ClientSecret: evSecret, Activated: true})
	s.AddEventSubscription(evClient, evSub)
	tok, err := (&zoom.Client{}).ServerToServer(context.Background(), s.Endpoints().TokenURL, evAccount, zoom.App{ClientID: evClient, Secret: evSecret})
	if err != nil {
		t.Fatal(err)
	}
	return s, tok.AccessToken
}

// handTicker is a ticker the test ticks.
type handTicker struct{ c chan time.Time }

func (h *handTicker) new(time.Duration) (<-chan time.Time, func()) { return h.c, func() {} }
func (h *handTicker) tick()                                        { h.c <- time.Time{} }

func dialFake(t *testing.T, s *zoomtest.Server, token string) (*zoom.EventsConn, *handTicker) {
	t.Helper()
	h := &handTicker{c: make(chan time.Time)}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := zoom.DialEvents(ctx, s.Endpoints().EventsURL, evSub, token, &zoom.EventsDialer{Ticker: h.new})
	if err != nil {
		t.Fatalf("DialEvents: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if err := s.WaitEventConnection(ctx, evSub); err != nil {
		t.Fatal(err)
	}
	return c, h
}

func next(t *testing.T, c *zoom.EventsConn) (zoomevents.Message, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.Next(ctx)
}

func noToken(t *testing.T, err error, token string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "access_token=") && !strings.Contains(err.Error(), "access_token="+zoomevents.Redacted) {
		t.Errorf("error carries the token: %v", err)
	}
}

func TestEventsReceivesTheExactBytes(t *testing.T) {
	s, token := eventsFake(t)
	c, _ := dialFake(t, s, token)
	event := []byte(`{"event":"meeting.started","event_ts":1,"payload":{"object":{"topic":"A <b> & \"c\"\u00e9"}}}`)
	for _, tc := range []struct {
		name string
		emit func() bool
	}{
		{"string content", func() bool { return s.EmitEvent(evSub, event) }},
		{"object content", func() bool {
			return s.EmitFrame(evSub, []byte(`{"module":"message","content":`+string(event)+`}`))
		}},
	} {
		if !tc.emit() {
			t.Fatalf("%s: no connection to emit to", tc.name)
		}
		m, err := next(t, c)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if m.Kind != zoomevents.KindEvent || string(m.Event) != string(event) {
			t.Errorf("%s: got %+v %s, want the event %s", tc.name, m, m.Event, event)
		}
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := next(t, c); !errors.Is(err, zoom.ErrEventsClosed) {
		t.Errorf("Next after Close = %v, want ErrEventsClosed", err)
	}
}

func TestEventsHeartbeatIsAnswered(t *testing.T) {
	s, token := eventsFake(t)
	c, tick := dialFake(t, s, token)
	for i := 0; i < 3; i++ {
		tick.tick()
		m, err := next(t, c)
		if err != nil || m.Kind != zoomevents.KindHeartbeat {
			t.Fatalf("heartbeat %d: %+v, %v", i, m, err)
		}
	}
	if got := s.Stats().Heartbeats; got != 3 {
		t.Errorf("the fake saw %d heartbeats, want 3", got)
	}
}

func TestEventsUnansweredHeartbeatEndsTheConnection(t *testing.T) {
	s, token := eventsFake(t)
	s.RefuseHeartbeats(1)
	c, tick := dialFake(t, s, token)
	tick.tick()    // sent, left unanswered
	go tick.tick() // nothing arrived since: the connection is dead
	_, err := next(t, c)
	if !errors.Is(err, zoom.ErrHeartbeatUnanswered) {
		t.Fatalf("Next = %v, want ErrHeartbeatUnanswered", err)
	}
	noToken(t, err, token)
}

func TestEventsDropEndsNextWithoutTheToken(t *testing.T) {
	s, token := eventsFake(t)
	c, _ := dialFake(t, s, token)
	if !s.DropEventConnection(evSub) {
		t.Fatal("nothing to drop")
	}
	_, err := next(t, c)
	var ee *zoom.EventsError
	if !errors.As(err, &ee) || ee.Op != "read" {
		t.Fatalf("Next after a drop = %v, want a read EventsError", err)
	}
	noToken(t, err, token)
	if s.EmitEvent(evSub, []byte(`{"event":"x"}`)) {
		t.Error("the fake still had a connection after the drop")
	}
}

func TestEventsNewConnectionClosesTheOld(t *testing.T) {
	s, token := eventsFake(t)
	old, _ := dialFake(t, s, token)
	_, _ = dialFake(t, s, token)
	_, err := next(t, old)
	var ee *zoom.EventsError
	if !errors.As(err, &ee) || ee.CloseCode != 1000 {
		t.Fatalf("the old connection's Next = %v, want a normal closure", err)
	}
	noToken(t, err, token)
}

func TestEventsRefusals(t *testing.T) {
	s, token := eventsFake(t)
	s.AddS2SApp(zoomtest.S2SApp{AccountID: evAccount, ClientID: "other", ClientSecret: "o", Activated: true})
	other, err := (&zoom.Client{}).ServerToServer(context.Background(), s.Endpoints().TokenURL, evAccount, zoom.App{ClientID: "other", Secret: "o"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, sub, token string
		status, code     int
		expire           bool
	}{
		{"unknown token", evSub, "not-a-token-xyz", 401, zoomtest.CodeInvalidAccessToken, false},
		{"another app's subscription", evSub, other.AccessToken, 404, 404, false},
		{"unknown subscription", "nope", token, 404, 404, false},
		{"expired token", evSub, token, 401, zoomtest.CodeInvalidAccessToken, true},
	} {
		if tc.expire {
			s.ExpireAccessTokens()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := zoom.DialEvents(ctx, s.Endpoints().EventsURL, tc.sub, tc.token, nil)
		cancel()
		var ee *zoom.EventsError
		if !errors.As(err, &ee) || ee.Status != tc.status || ee.Code != tc.code {
			t.Errorf("%s: DialEvents = %v, want HTTP %d code %d", tc.name, err, tc.status, tc.code)
			continue
		}
		noToken(t, err, tc.token)
	}
}

func TestEventsDialFailureCarriesNoToken(t *testing.T) {
	s := zoomtest.NewServer(zoomtest.Options{})
	url := s.Endpoints().EventsURL
	s.Close() // refused from now on
	const token = "tok-secret-123"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := zoom.DialEvents(ctx, url, evSub, token, nil)
	var ee *zoom.EventsError
	if !errors.As(err, &ee) || ee.Op != "connect" {
		t.Fatalf("DialEvents to a closed port = %v", err)
	}
	noToken(t, err, token)
	if !strings.Contains(err.Error(), "access_token="+zoomevents.Redacted) {
		t.Errorf("the dial error no longer quotes the URL (so the redaction is untested here): %v", err)
	}
}

func TestEventsFakeEmitPath(t *testing.T) {
	s, token := eventsFake(t)
	emit := func(body string) int {
		t.Helper()
		resp, err := http.Post(s.URL()+zoomtest.EmitPath+"?subscriptionId="+evSub, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := emit(""); got != http.StatusConflict {
		t.Errorf("emit with no connection: %d, want 409", got)
	}
	c, _ := dialFake(t, s, token)
	if got := emit(""); got != http.StatusNoContent {
		t.Fatalf("emit: %d, want 204", got)
	}
	if m, err := next(t, c); err != nil || string(m.Event) != zoomtest.SampleEvent {
		t.Errorf("Next = %s, %v; want the sample event", m.Event, err)
	}
	if got := emit(`{"event":"user.created"}`); got != http.StatusNoContent {
		t.Fatalf("emit: %d, want 204", got)
	}
	if m, err := next(t, c); err != nil || string(m.Event) != `{"event":"user.created"}` {
		t.Errorf("Next = %s, %v; want the posted event", m.Event, err)
	}
}
