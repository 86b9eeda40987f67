package zoomtest

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/coder/websocket"

	"zoomconn/auth/zoomevents"
)

// The fake's events socket, Zoom's WebSocket event subscription: connect
// to Endpoints().EventsURL with ?subscriptionId=…&access_token=…, send
// {"module":"heartbeat"} and get {"module":"heartbeat","success":true}
// back; events arrive as {"module":"message","content":"<event JSON>"}.
// Events emitted while no connection is open are lost, as at Zoom, and a
// new connection of a subscription closes the old one (reportedly Zoom's
// behaviour).
//
// Refusals, before the upgrade: a missing, unknown, revoked or expired
// token gets Zoom's API answer, 401 {"code":124,…}; a missing subscription
// ID 400, and a subscription that does not exist or belongs to another app
// than the token's 404 (Zoom does not document these two; the codes are
// the fake's).
const (
	// EventsPath is the events socket's path, as at ws.zoom.us.
	EventsPath = "/ws"
	// EmitPath is the fake-only POST that emits an event (see handleEmit).
	EmitPath = "/_fake/events/emit"
	// MessageUnknownSubscription is the 404 message of the events socket.
	MessageUnknownSubscription = "Subscription does not exist."
)

// SampleEvent is the event EmitPath sends when the POST has no body.
const SampleEvent = `{"event":"meeting.started","event_ts":1700000000000,"payload":{"account_id":"demo-account","object":{"id":"85746065432","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"demo-user","topic":"Demo standup","type":2,"start_time":"2023-11-14T22:13:20Z","timezone":"UTC","duration":30}}}`

// eventConn is one open events socket.
type eventConn struct {
	c      *websocket.Conn
	ctx    context.Context
	cancel context.CancelFunc
}

// AddEventSubscription registers a WebSocket event subscription of the
// app clientID (a Server-to-Server or General app): a token of that app
// may connect to it.
func (s *Server) AddEventSubscription(clientID, subscriptionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subscriptions == nil {
		s.subscriptions = map[string]string{}
	}
	s.subscriptions[subscriptionID] = clientID
}

// RefuseHeartbeats makes the events socket leave the next n heartbeats
// unanswered.
func (s *Server) RefuseHeartbeats(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refusedHeartbeats += n
}

// EmitEvent sends event (its JSON) to the open connection of
// subscriptionID as Zoom does, the content a string, and reports whether
// one was open.
func (s *Server) EmitEvent(subscriptionID string, event []byte) bool {
	return s.EmitFrame(subscriptionID, zoomevents.MessageFrame(event))
}

// EmitFrame sends one raw frame (e.g. an event whose content is an object)
// to the open connection of subscriptionID and reports whether one was open.
func (s *Server) EmitFrame(subscriptionID string, frame []byte) bool {
	s.mu.Lock()
	ec := s.eventConns[subscriptionID]
	s.mu.Unlock()
	if ec == nil {
		return false
	}
	return ec.c.Write(ec.ctx, websocket.MessageText, frame) == nil
}

// DropEventConnection cuts the open connection of subscriptionID without a
// close handshake, as a network failure would, and reports whether one
// was open.
func (s *Server) DropEventConnection(subscriptionID string) bool {
	s.mu.Lock()
	ec := s.eventConns[subscriptionID]
	delete(s.eventConns, subscriptionID)
	s.eventsChanged()
	s.mu.Unlock()
	if ec == nil {
		return false
	}
	ec.c.CloseNow()
	ec.cancel()
	return true
}

// WaitEventConnection blocks until subscriptionID has an open connection
// or ctx ends: a dial returns before the fake has registered it.
func (s *Server) WaitEventConnection(ctx context.Context, subscriptionID string) error {
	for {
		s.mu.Lock()
		open := s.eventConns[subscriptionID] != nil
		ch := s.eventsChange
		if ch == nil {
			ch = make(chan struct{})
			s.eventsChange = ch
		}
		s.mu.Unlock()
		if open {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitNoEventConnection blocks until subscriptionID has no open
// connection (its client closed it, or it dropped) or ctx ends.
func (s *Server) WaitNoEventConnection(ctx context.Context, subscriptionID string) error {
	for {
		s.mu.Lock()
		open := s.eventConns[subscriptionID] != nil
		ch := s.eventsChange
		if ch == nil {
			ch = make(chan struct{})
			s.eventsChange = ch
		}
		s.mu.Unlock()
		if !open {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// eventsChanged wakes WaitEventConnection; callers hold s.mu.
func (s *Server) eventsChanged() {
	if s.eventsChange != nil {
		close(s.eventsChange)
		s.eventsChange = nil
	}
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	q := r.URL.Query()
	sub, tok := q.Get("subscriptionId"), q.Get("access_token")
	s.mu.Lock()
	s.stats.EventConnects++
	msg := MessageInvalidAccessToken
	var clientID string
	if at := s.access[tok]; tok != "" && at != nil && !at.grant.revoked {
		if now.Before(at.expires) {
			msg, clientID = "", at.grant.clientID
		} else {
			msg = MessageExpiredAccessToken
		}
	}
	owner, known := s.subscriptions[sub]
	s.mu.Unlock()
	switch {
	case msg != "":
		writeAPIError(w, http.StatusUnauthorized, CodeInvalidAccessToken, msg)
		return
	case sub == "":
		writeAPIError(w, http.StatusBadRequest, 300, "subscriptionId is required.")
		return
	case !known || owner != clientID:
		writeAPIError(w, http.StatusNotFound, 404, MessageUnknownSubscription)
		return
	}
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return // Accept has answered
	}
	c.SetReadLimit(zoomevents.MaxFrame)
	ctx, cancel := context.WithCancel(context.Background())
	ec := &eventConn{c: c, ctx: ctx, cancel: cancel}
	s.mu.Lock()
	old := s.eventConns[sub]
	if s.eventConns == nil {
		s.eventConns = map[string]*eventConn{}
	}
	s.eventConns[sub] = ec
	s.eventsChanged()
	s.mu.Unlock()
	if old != nil {
		go old.c.Close(websocket.StatusNormalClosure, "replaced by a new connection")
	}
	go func() {
		select {
		case <-s.closed:
			c.CloseNow()
		case <-ctx.Done():
		}
	}()
	defer func() {
		cancel()
		c.CloseNow()
		s.mu.Lock()
		if s.eventConns[sub] == ec {
			delete(s.eventConns, sub)
			s.eventsChanged()
		}
		s.mu.Unlock()
	}()
	for {
		_, data, err := c.Read(ctx)
		if err != nil {
			return
		}
		m, err := zoomevents.Parse(data)
		if err != nil || m.Kind != zoomevents.KindHeartbeat {
			continue // Zoom ignores what it does not expect
		}
		s.mu.Lock()
		s.stats.Heartbeats++
		refuse := s.refusedHeartbeats > 0
		if refuse {
			s.refusedHeartbeats--
		}
		s.mu.Unlock()
		if !refuse {
			if c.Write(ctx, websocket.MessageText, []byte(`{"module":"heartbeat","success":true}`)) != nil {
				return
			}
		}
	}
}

// handleEmit is the fake-only POST EmitPath?subscriptionId=ID: its body
// (SampleEvent when empty) goes to the subscription's open connection as
// an event. 204 when sent, 409 when no connection is open (the event is
// lost, as at Zoom), 405 for another method.
func (s *Server) handleEmit(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeAPIError(w, http.StatusMethodNotAllowed, 405, "POST an event.")
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if strings.TrimSpace(string(body)) == "" {
		body = []byte(SampleEvent)
	}
	if !s.EmitEvent(r.URL.Query().Get("subscriptionId"), body) {
		writeAPIError(w, http.StatusConflict, 409, "No events connection is open for this subscription; the event is lost.")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
