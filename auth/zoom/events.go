package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/coder/websocket"

	"zoomconn/auth/zoomevents"
	"zoomconn/internal/safetext"
)

// EventsSocket is one WebSocket connection as [DialEvents] uses it: the
// seam tests may replace ([EventsDialer.Dial]). Read returns one text
// frame; Close closes with a normal closure; Abort drops the connection.
type EventsSocket interface {
	Read(ctx context.Context) ([]byte, error)
	Write(ctx context.Context, frame []byte) error
	Close() error
	Abort()
}

// EventsDialer opens events sockets. The zero value (or nil) works.
type EventsDialer struct {
	// HTTP makes the handshake; nil means a client of its own. Redirects
	// are never followed: the token goes to the events URL's origin only.
	HTTP *http.Client
	// Dial opens the socket; nil means the WebSocket library.
	Dial func(ctx context.Context, url string, h *http.Client) (EventsSocket, error)
	// Heartbeat is how often the heartbeat is sent; 0 means Zoom's 30 s.
	Heartbeat time.Duration
	// Ticker is the clock: it ticks every d until stop is called; nil
	// means time.NewTicker. Tests tick by hand.
	Ticker func(d time.Duration) (ticks <-chan time.Time, stop func())
	// WriteTimeout bounds one heartbeat's write; 0 means 10 s.
	WriteTimeout time.Duration
}

// ErrHeartbeatUnanswered ends a connection on which nothing arrived
// between two heartbeats: Zoom answers every one.
var ErrHeartbeatUnanswered = errors.New("Zoom did not answer the events socket's heartbeat")

// EventsError is a failure of the events socket. Its text never carries
// the access token, and it keeps no error of the library (whose text
// quotes the URL, token and all).
type EventsError struct {
	Op string // "connect", "read" or "heartbeat"
	// Status is the HTTP status of a refused handshake, and Code and
	// Message Zoom's {"code","message"} body (Message cleaned).
	Status  int
	Code    int
	Message string
	// CloseCode is the WebSocket close status the peer sent, -1 for none
	// (the connection dropped).
	CloseCode int
	Detail    string // what went wrong, redacted and cleaned
	// Unanswered is set when the heartbeat went unanswered.
	Unanswered bool
}

func (e *EventsError) Error() string {
	switch {
	case e.Unanswered:
		return ErrHeartbeatUnanswered.Error()
	case e.Status != 0 && e.Message != "":
		return fmt.Sprintf("Zoom refused the events socket: HTTP %d, %d %s", e.Status, e.Code, e.Message)
	case e.Status != 0:
		return fmt.Sprintf("Zoom refused the events socket: HTTP %d", e.Status)
	case e.CloseCode >= 0:
		return fmt.Sprintf("Zoom closed the events socket (%d): %s", e.CloseCode, e.Detail)
	}
	return fmt.Sprintf("events socket %s failed: %s", e.Op, e.Detail)
}

// Is makes errors.Is(err, ErrHeartbeatUnanswered) work.
func (e *EventsError) Is(target error) bool {
	return target == ErrHeartbeatUnanswered && e.Unanswered
}

// EventsConn is one open events socket: Next reads it, a goroutine sends
// the heartbeat, Close ends it. It holds no state beyond the connection.
type EventsConn struct {
	sock  EventsSocket
	token string

	done      chan struct{}
	closeOnce sync.Once
	stopTick  func()

	mu      sync.Mutex
	waiting bool  // a heartbeat went out and nothing has arrived since
	failed  error // why the heartbeat ended the connection
}

// DialEvents connects to the events socket at base (e.g.
// zoomevents.DefaultURL) for subscriptionID with token, and starts the
// heartbeat. ctx bounds the handshake only. No error it returns carries
// the token.
func DialEvents(ctx context.Context, base, subscriptionID, token string, d *EventsDialer) (*EventsConn, error) {
	if d == nil {
		d = &EventsDialer{}
	}
	u, err := zoomevents.URL(base, subscriptionID, token)
	if err != nil {
		return nil, errors.New(zoomevents.RedactToken(err.Error(), token))
	}
	h := d.HTTP
	if h == nil {
		h = &http.Client{}
	}
	noRedirect := *h
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	dial := d.Dial
	if dial == nil {
		dial = dialWebSocket
	}
	sock, err := dial(ctx, u, &noRedirect)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, eventsError("connect", err, token)
	}
	c := &EventsConn{sock: sock, token: token, done: make(chan struct{})}
	every := d.Heartbeat
	if every <= 0 {
		every = zoomevents.HeartbeatInterval
	}
	newTicker := d.Ticker
	if newTicker == nil {
		newTicker = func(d time.Duration) (<-chan time.Time, func()) {
			t := time.NewTicker(d)
			return t.C, t.Stop
		}
	}
	ticks, stop := newTicker(every)
	c.stopTick = stop
	wt := d.WriteTimeout
	if wt <= 0 {
		wt = 10 * time.Second
	}
	go c.heartbeat(ticks, wt)
	return c, nil
}

func (c *EventsConn) heartbeat(ticks <-chan time.Time, writeTimeout time.Duration) {
	for {
		select {
		case <-c.done:
			return
		case <-ticks:
		}
		c.mu.Lock()
		if c.waiting {
			c.failed = &EventsError{Op: "heartbeat", CloseCode: -1, Unanswered: true}
			c.mu.Unlock()
			c.sock.Abort()
			return
		}
		c.waiting = true
		c.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		err := c.sock.Write(ctx, zoomevents.Heartbeat)
		cancel()
		if err != nil {
			select {
			case <-c.done:
				return // closed meanwhile
			default:
			}
			c.mu.Lock()
			c.failed = eventsError("heartbeat", err, c.token)
			c.mu.Unlock()
			c.sock.Abort()
			return
		}
	}
}

// Next reads the next frame: a heartbeat reply, an event (its JSON as
// Zoom sent it) or a module this client does not know. Call it in a loop:
// it is what notices Zoom's heartbeat replies. A frame that is not Zoom's
// returns a *zoomevents.ParseError and the connection stays usable; any
// other error ends the connection. If ctx ends, the connection is closed
// (the WebSocket library cannot abandon a read) and ctx's error returned.
// No error carries the token.
func (c *EventsConn) Next(ctx context.Context) (zoomevents.Message, error) {
	data, err := c.sock.Read(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return zoomevents.Message{}, ctx.Err()
		}
		c.mu.Lock()
		failed := c.failed
		c.mu.Unlock()
		if failed != nil {
			return zoomevents.Message{}, failed
		}
		select {
		case <-c.done:
			return zoomevents.Message{}, ErrEventsClosed
		default:
		}
		return zoomevents.Message{}, eventsError("read", err, c.token)
	}
	c.mu.Lock()
	c.waiting = false
	c.mu.Unlock()
	return zoomevents.Parse(data)
}

// ErrEventsClosed is what Next returns after Close.
var ErrEventsClosed = errors.New("the events socket was closed")

// Close stops the heartbeat and closes the socket with a normal closure.
func (c *EventsConn) Close() error {
	var err error
	c.closeOnce.Do(func() {
		close(c.done)
		c.stopTick()
		if cerr := c.sock.Close(); cerr != nil {
			err = eventsError("close", cerr, c.token)
		}
	})
	return err
}

// eventsError turns a library error into an EventsError whose text holds
// no token.
func eventsError(op string, err error, token string) *EventsError {
	e := &EventsError{Op: op, CloseCode: -1}
	var refused *handshakeError
	if errors.As(err, &refused) {
		e.Status, e.Code, e.Message = refused.status, refused.code, refused.message
		return e
	}
	if code := websocket.CloseStatus(err); code != -1 {
		e.CloseCode = int(code)
	}
	e.Detail = safetext.Clean(zoomevents.RedactToken(err.Error(), token), safetext.MaxServer)
	return e
}

// handshakeError is a refused upgrade with Zoom's answer.
type handshakeError struct {
	status, code int
	message      string
}

func (e *handshakeError) Error() string { return "HTTP " + strconv.Itoa(e.status) }

// wsSocket is the WebSocket library's connection.
type wsSocket struct{ c *websocket.Conn }

func dialWebSocket(ctx context.Context, url string, h *http.Client) (EventsSocket, error) {
	c, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: h})
	if err != nil {
		if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
			he := &handshakeError{status: resp.StatusCode}
			if resp.Body != nil {
				var body struct {
					Code    int    `json:"code"`
					Message string `json:"message"`
				}
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
				if json.Unmarshal(b, &body) == nil {
					he.code, he.message = body.Code, safetext.Clean(body.Message, safetext.MaxServer)
				}
			}
			return nil, he
		}
		return nil, err
	}
	c.SetReadLimit(zoomevents.MaxFrame)
	return wsSocket{c}, nil
}

func (s wsSocket) Read(ctx context.Context) ([]byte, error) {
	for {
		typ, data, err := s.c.Read(ctx)
		if err != nil || typ == websocket.MessageText {
			return data, err
		}
		// Zoom sends text; a binary frame is skipped.
	}
}

func (s wsSocket) Write(ctx context.Context, frame []byte) error {
	return s.c.Write(ctx, websocket.MessageText, frame)
}

func (s wsSocket) Close() error { return s.c.Close(websocket.StatusNormalClosure, "") }
func (s wsSocket) Abort()       { s.c.CloseNow() }
