package access

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
)

// Listen with Forward sends each event's exact bytes to the handler, each
// try numbered by its event (Seq), and says a drop on OnDrop; a remote
// handler is refused before connecting.
func TestListenForwards(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2SEvents("S", "sub-1")
	if _, err := e.store.SetSecretToken("S", "tok-secret"); err != nil {
		t.Fatal(err)
	}
	bodies := make(chan string, 4)
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- string(b)
	}))
	t.Cleanup(h.Close)
	tries := make(chan ForwardResult, 4)
	drops := make(chan struct{}, 4)
	l := e.listen("S", ListenOptions{
		Forward: &ForwardOptions{Delivery: Delivery{To: h.URL}, OnTry: func(fr ForwardResult) { tries <- fr }},
		OnDrop:  func() { drops <- struct{}{} },
	})
	l.open(t, e, "sub-1")
	for i, ev := range []string{`{"event":"a"}`, `{"event":"b" }`} {
		if !e.zoom.EmitEvent("sub-1", []byte(ev)) {
			t.Fatal("no connection at the fake")
		}
		l.wait(t, l.got, "event")
		if got := l.wait(t, bodies, "forward"); got != ev {
			t.Errorf("forwarded %q, want the exact bytes %q", got, ev)
		}
		if fr := <-tries; fr.Seq != i+1 || fr.Result.Status != 200 || fr.Try != 1 {
			t.Errorf("try %+v, want event %d answered 200", fr, i+1)
		}
	}
	e.zoom.DropEventConnection("sub-1")
	l.open(t, e, "sub-1")
	select {
	case <-drops:
	default:
		t.Error("a drop was not said on OnDrop")
	}
	l.stop(t)
	var hu *HandlerURLError
	err := e.svc.Listen(t.Context(), "S", ListenOptions{Forward: &ForwardOptions{Delivery: Delivery{To: "http://example.com/"}}})
	if !errors.As(err, &hu) || !hu.Remote {
		t.Errorf("a remote handler: %v", err)
	}
}

// SummarizeEvent names the event and its topic and user or participant,
// cleaned; the line events listen prints is its String.
func TestSummarizeEvent(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"event":"meeting.started","payload":{"object":{"topic":"Stand\u001bup"}}}`, `meeting.started  topic "Stand\\x1bup"`}, // made visible by Clean, then quoted
		{`{"event":"meeting.participant_joined","payload":{"object":{"topic":"T","participant":{"user_name":"Ada"}}}}`, `meeting.participant_joined  topic "T"  participant Ada`},
		{`{"event":"user.created","payload":{"object":{"first_name":"Ada","last_name":"L"}}}`, `user.created  user Ada L`},
		{`not json`, `(unnamed event)`},
	} {
		if got := SummarizeEvent([]byte(c.in)).String(); got != c.want {
			t.Errorf("SummarizeEvent(%s) = %q, want %q", c.in, got, c.want)
		}
	}
	if s := SummarizeEvent([]byte(`{"event":"x","payload":{"object":{"topic":"a\u202eb"}}}`)); strings.ContainsRune(s.String(), '\u202e') {
		t.Errorf("a bidi control survived: %q", s)
	}
}
