//go:build linux

package cli

// Issue 20's acceptance points that no other events test covers: the
// bounded forward queue with the handler down, server text on a real
// terminal (events listen and trigger), and listen + forward as real
// processes on the real keyring.

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zoomconn/auth/access"
	"zoomconn/auth/zoomtest"
	"zoomconn/internal/ptytest"
)

// The handler is down (it takes the first event and never answers): the
// events keep coming and printing, 1,000 wait in the queue, what overflows
// is dropped, counted and said, and Ctrl+C says how many were never
// forwarded.
func TestEventsListenBoundedQueueWhenTheHandlerIsDown(t *testing.T) {
	w, _ := listenWorld(t)
	release := make(chan struct{})
	var mu sync.Mutex
	got := 0
	h := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got++
		mu.Unlock()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(h.Close)
	t.Cleanup(func() { close(release) }) // runs before h.Close
	r := w.start("", "events", "listen", "Live", "--json", "--forward-to", h.URL)
	r.waitFor(t, "Listening for")
	w.waitSocket(t)
	w.zoom.EmitEvent("sub-1", []byte(`{"event":"n","n":0}`))
	until(t, "the handler to take the first event", func() bool { mu.Lock(); defer mu.Unlock(); return got == 1 })
	const over = 4
	for i := 1; i <= access.DefaultForwardQueue+over; i++ {
		if !w.zoom.EmitEvent("sub-1", fmt.Appendf(nil, `{"event":"n","n":%d}`, i)) {
			t.Fatalf("event %d: no socket", i)
		}
	}
	r.waitFor(t, fmt.Sprintf("this event was not forwarded (%d so far)", over))
	res := interrupt(t, r)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if n := strings.Count(res.stdout, "\n"); n != access.DefaultForwardQueue+over+1 {
		t.Errorf("%d events printed, want every one (%d)", n, access.DefaultForwardQueue+over+1)
	}
	if n := strings.Count(res.stderr, "The forward queue is full (1000 events waiting)"); n != over {
		t.Errorf("%d overflows said, want %d:\n%.2000s", n, over, res.stderr)
	}
	if !strings.Contains(res.stderr, "1000 events were not forwarded.") {
		t.Errorf("stderr does not count the unforwarded events:\n%.2000s", res.stderr[max(0, len(res.stderr)-2000):])
	}
	mu.Lock()
	if got != 1 {
		t.Errorf("the handler got %d requests, want the one it never answered", got)
	}
	mu.Unlock()
	w.assertNoSecretToken()
}

// terminalAttack is what a hostile event or handler could hold: an OSC
// title, a bell, a clear screen, a C1 CSI and a bidi override. In an
// event's JSON the C1 and bidi characters come raw (JSON allows them), the
// others escaped.
const (
	terminalAttack = "\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eevil"
	rawInJSON      = `\u001b]0;pwned\u0007\u001b[2J` + "\u009b31m\u202eevil"
)

// listenOnTerminal starts a command in-process with stdout and stderr on a
// pseudo-terminal, as a person runs it.
func (w *world) listenOnTerminal(args ...string) (*ptytest.Terminal, <-chan int) {
	w.t.Helper()
	tty := ptytest.Open(w.t)
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { devNull.Close() })
	e := fileEnv(devNull, tty.TTY, tty.TTY)
	if !e.StdoutIsTerminal {
		w.t.Fatal("the pseudo-terminal is not seen as a terminal")
	}
	e.ConfigDir, e.Keyring, e.Now, e.Sleep, e.Version = w.dir, w.secrets, w.clock.Now, w.sleep, "test"
	code := make(chan int, 1)
	go func() { code <- Main(args, e) }()
	return tty, code
}

// Server text reaches a terminal with every escape made visible: events
// listen's lines and --json, and what a handler answers to trigger. On a pipe --json still gets the exact bytes
// (TestEventsListenForwardsAndReconnects).
func TestEventsServerTextOnATerminal(t *testing.T) {
	w, _ := listenWorld(t)
	event := `{"event":"meeting.participant_joined` + rawInJSON + `","payload":{"object":{"topic":"` + rawInJSON +
		`","participant":{"user_name":"` + rawInJSON + `"}}}}`
	h := newEventHandler(t, true, secretToken, w.now)
	for _, mode := range [][]string{nil, {"--json"}} {
		t.Run(fmt.Sprint("listen", mode), func(t *testing.T) {
			before := h.count()
			tty, code := w.listenOnTerminal(append([]string{"events", "listen", "Live", "--forward-to", h.srv.URL}, mode...)...)
			w.waitSocket(t)
			// Once the handler has the event, it was printed: the forward
			// follows the printing.
			w.zoom.EmitEvent("sub-1", []byte(event))
			until(t, "the forward", func() bool { return h.count() == before+1 })
			if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			select {
			case c := <-code:
				if c != 0 {
					t.Errorf("exit %d: %q", c, tty.Output())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("events listen did not end on Ctrl+C")
			}
			out := tty.Output()
			w.record([]string{"events", "listen"}, out, "")
			assertTerminalSafe(t, "the terminal", out, 8000)
			// Each escape written once, as the summary cleans it (the topic
			// quoted).
			want := `meeting.participant_joined\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil  topic "\\x1b]0;pwned`
			if mode != nil {
				want = `\u009b31m\u202eevil` // the same JSON, made visible
			}
			if !strings.Contains(out, want) {
				t.Errorf("the terminal shows %q; want %q in it", out, want)
			}
		})
	}
	t.Run("trigger", func(t *testing.T) {
		h := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			http.Error(rw, "no: "+terminalAttack, http.StatusBadRequest)
		}))
		t.Cleanup(h.Close)
		out, code := w.onTerminal("events", "trigger", "Live", "meeting.started", "--to", h.URL)
		if code != ExitFailed || !strings.Contains(out, "400") || !strings.Contains(out, `\x1b]0;pwned`) {
			t.Errorf("exit %d: %q", code, out)
		}
		assertTerminalSafe(t, "the terminal", out, 8000)
	})
	w.assertNoSecretToken()
}

// events listen --forward-to end to end, also as real processes on the real
// keyring: the handler gets each event's exact bytes with a signature an
// independent HMAC check accepts, stdout holds them, Ctrl+C ends it with
// exit 0, and no secret or token reaches any output, file or command line.
func TestEventsListenForwardBothWays(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.must(s2sSecret+"\n", append([]string{"add-s2s", "Live", "--account-id", "acct", "--client-id", "s2sID",
			"--events-url", w.zoom.Endpoints().EventsURL, "--events-subscription", "sub-1"}, w.endpointFlags()...)...)
		w.must(secretToken+"\n", "events", "secret", "Live")
		w.zoom.AddEventSubscription("s2sID", "sub-1")
		h := newEventHandler(t, true, secretToken, w.now)
		r := w.start("", "events", "listen", "Live", "--json", "--forward-to", h.srv.URL+"/webhook")
		r.waitFor(t, `Listening for the events of "Live"`)
		w.waitSocket(t)
		events := []string{
			`{"event":"meeting.started",  "payload":{"object":{"topic":"Caf\u00e9"}}}`,
			`{"event":"meeting.ended","event_ts":1700000000000,"payload":{"object":{"topic":"Café ✓"}}}`,
		}
		for i, ev := range events {
			if !w.zoom.EmitEvent("sub-1", []byte(ev)) {
				t.Fatal("no socket open")
			}
			until(t, "the forward", func() bool { return h.count() == i+1 })
			if got := h.last(t); string(got.body) != ev || got.sig != independentSignature(secretToken, got.ts, got.body) {
				t.Errorf("the handler got %q signed %q", got.body, got.sig)
			}
		}
		until(t, "both tries said", func() bool { return strings.Count(r.stderr.String(), "-> 200 in") == 2 })
		var res result
		if w.processes {
			if err := r.proc.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			res = r.wait()
		} else {
			res = interrupt(t, r)
		}
		if res.code != 0 || res.stdout != events[0]+"\n"+events[1]+"\n" || !strings.Contains(res.stderr, "Stopped listening.") {
			t.Errorf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
		}
		w.assertNoSecretToken()
	})
}
