//go:build shots

package shots

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"zoomconn/auth/webhook"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui"
	"zoomconn/gui/guitest"
)

// eventsConnection is the seeded connection the Events window listens on.
const eventsConnection = "Reporting (S2S)"

// eventsShots are the Events window's screenshots: listening, with a few
// of the bundled sample events emitted by the fake Zoom and forwarded to
// a local handler (which fails meeting.ended, so a failure and its retry
// show), one selected; then Send test event… with its result.
func (d *driver) eventsShots(u *gui.Driver) []step {
	var ev *guitest.Events
	var h *httptest.Server
	var got atomic.Int64
	return []step{
		{"28-events.png", func(name string) error {
			h = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got.Add(1)
				var b bytes.Buffer
				_, _ = b.ReadFrom(r.Body)
				if webhook.EventName(b.Bytes()) == "meeting.ended" {
					w.WriteHeader(http.StatusInternalServerError)
				}
			}))
			d.ui(func() {
				ev = guitest.EventsOf(u.OpenEvents(eventsConnection))
				ev.ForwardTo.SetText(h.URL + "/webhook")
				ev.Listen.OnTapped()
			})
			if err := d.until("a connected events socket", ev.Connected); err != nil {
				return err
			}
			names := []string{"meeting.created", "meeting.started", "meeting.participant_joined", "meeting.participant_left", "meeting.ended", "recording.completed"}
			for _, n := range names {
				if err := d.emit(n); err != nil {
					return err
				}
			}
			if err := d.until("the events listed and forwarded", func() bool {
				return ev.List.Length() == len(names) && got.Load() >= int64(len(names))
			}); err != nil {
				return err
			}
			d.ui(func() { ev.List.Select(1) })
			return d.capture(ev.Window, name)
		}},
		{"29-events-test-event.png", func(name string) error {
			defer h.Close()
			before := got.Load()
			d.ui(func() {
				ev.Stop.OnTapped()
				ev.SendTest.OnTapped()
				if m := u.TopModal(); m != nil {
					m.Button("Send").OnTapped()
				}
			})
			if err := d.until("the test event at the handler", func() bool { return got.Load() > before }); err != nil {
				return err
			}
			err := d.capture(ev.Window, name)
			d.ui(func() {
				if m := u.TopModal(); m != nil {
					m.Hide()
				}
				ev.Window.Close()
			})
			return err
		}},
	}
}

// emit has the fake Zoom send one bundled sample event, stamped now, to
// the demo subscription, as a Zoom event would arrive.
func (d *driver) emit(event string) error {
	body, err := webhook.Sample(event, time.Now())
	if err != nil {
		return err
	}
	url := strings.TrimRight(d.st.opts.ZoomURL, "/") + zoomtest.EmitPath + "?subscriptionId=" + zoomtest.DemoSubscriptionID
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("emitting %s: the fake Zoom answered %d", event, resp.StatusCode)
	}
	return nil
}
