package access

// Zoom's events over its WebSocket (events listen): a token fetched as
// Token does for each connection, the socket of the connection's own
// deployment (the token goes to that origin only), each event handed over
// as its exact bytes, and a reconnect with backoff and jitter when the
// socket drops. The protocol is auth/zoomevents' and auth/zoom's.

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/deploy"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomevents"
	"zoomconn/internal/safetext"
)

// Reconnect backoff: the first wait after a drop, the longest, and how long
// the handshake may take.
const (
	listenBackoffMin = time.Second
	listenBackoffMax = 30 * time.Second
	handshakeTimeout = 30 * time.Second
)

// EventsError is a failure of the events socket (see [zoom.EventsError]);
// its text never carries the access token.
type EventsError = zoom.EventsError

// ListenOptions says what a [Service.Listen] does with what arrives.
type ListenOptions struct {
	// Subscription overrides the app's stored WebSocket subscription ID
	// for this run.
	Subscription string
	// OnEvent gets each event's JSON, the exact bytes Zoom sent. It runs
	// on the reading goroutine: a slow OnEvent delays the next read.
	OnEvent func(raw []byte)
	// OnNotice gets a sentence about the socket (a drop, a reconnect, a
	// frame that is not Zoom's). It never carries the token.
	OnNotice func(string)
	// OnConnect, if set, is called each time the socket is open, with the
	// events URL's host.
	OnConnect func(host string)
	// OnDrop, if set, is called each time an open socket ended other than
	// by ctx (a drop, or a renewal before the token expires): a reconnect
	// follows, and events until then are lost.
	OnDrop func()
	// Dialer opens the sockets; nil dials with the Service's HTTP client.
	Dialer *zoom.EventsDialer
	// Jitter spreads a reconnect's wait; nil means a random 80–120 %.
	Jitter func(time.Duration) time.Duration
	// After is the timer of the reconnect before the token expires; nil
	// means time.After. Tests fire it by hand.
	After func(time.Duration) <-chan time.Time
	// Forward, if set, also sends each event to a handler, signed as Zoom
	// would (see [ForwardOptions]).
	Forward *ForwardOptions
}

// NoEventsURLError: the connection's deployment has no events socket this
// program knows (ZoomGov's is unverified), or custom endpoints without an
// events URL.
type NoEventsURLError struct {
	Connection string // the connection's name, or the OAuth client's when it was named
	Client     string // the OAuth client that keeps the endpoints; "" for Server-to-Server
	Preset     auth.EndpointPreset
}

func (e *NoEventsURLError) Error() string {
	if e.Preset == auth.PresetCustom && e.Client != "" && e.Client == e.Connection {
		return fmt.Sprintf("The OAuth client %q has custom endpoints without an events URL.", e.Connection)
	}
	if e.Preset == auth.PresetCustom {
		return fmt.Sprintf("The connection %q has custom endpoints without an events URL.", e.Connection)
	}
	return fmt.Sprintf("The events socket of %s is unknown (not verified), so no access token is sent to a guessed host for %q.", e.Preset.Label(), e.Connection)
}

// NoSubscriptionError: no WebSocket subscription ID is stored for the
// connection's app, and none was given.
type NoSubscriptionError struct {
	Connection string // the connection's name, or the OAuth client's when it was named
	Client     string // the OAuth client that keeps it; "" for Server-to-Server
}

func (e *NoSubscriptionError) Error() string {
	return fmt.Sprintf("No WebSocket subscription ID is stored for %q.", e.Connection)
}

// EventsURLError: a stored events URL that is not wss:// (or ws:// on
// 127.0.0.1 or ::1), as a hand-edited file might hold.
type EventsURLError struct{ URL string }

func (e *EventsURLError) Error() string {
	return fmt.Sprintf("The events URL %s is not wss:// (plain ws:// only on 127.0.0.1 and ::1).", e.URL)
}

// Listen connects to the events socket of the deployment of name (a
// connection, or an OAuth client: see listenTarget) and hands each event
// to opts.OnEvent until ctx ends (then it closes the socket with a normal
// closure and returns nil). Each connect takes a token as [Service.Token]
// does, or for an OAuth client a fresh app-level one (client_credentials);
// a fresh one when Zoom refuses the cached one, or when it nears its
// expiry: then Listen reconnects at once;
// a drop is said on OnNotice and followed by a reconnect after a doubling
// wait with jitter. A failure of the first connect, or one
// a retry cannot mend (an unknown subscription, refused credentials), is
// returned.
//
// With opts.Forward, the handler URL is checked and the Secret Token read
// before connecting; each event then also goes, after OnEvent, to a
// bounded queue that forwards it apart from the reading (see
// [ForwardOptions]). An overflow, and the events still queued at the end,
// are said on OnNotice.
func (sv *Service) Listen(ctx context.Context, name string, opts ListenOptions) error {
	if opts.Forward == nil {
		return sv.listen(ctx, name, opts)
	}
	return sv.listenForwarding(ctx, name, opts)
}

// listen is Listen without forwarding.
func (sv *Service) listen(ctx context.Context, name string, opts ListenOptions) error {
	t, err := sv.listenTarget(name, opts.Subscription)
	if err != nil {
		return err
	}
	sub := t.sub
	if sub == "" {
		e := &NoSubscriptionError{Connection: t.name}
		if t.client != nil {
			e.Client = t.client.Name
		}
		return e
	}
	base := t.endpoints.EventsBase()
	if base == "" {
		p := t.endpoints.Preset
		if p == "" {
			p = auth.PresetZoom
		}
		e := &NoEventsURLError{Connection: t.name, Preset: p}
		if t.client != nil {
			e.Client = t.client.Name
		}
		return e
	}
	if err := checkEventsURL(base); err != nil {
		return err
	}
	host := deploy.Host(base)
	dialer := opts.Dialer
	if dialer == nil {
		dialer = &zoom.EventsDialer{}
		if sv.HTTPClient != nil {
			h := *sv.HTTPClient
			h.Timeout = 0 // the WebSocket library refuses one: the handshake has its own
			dialer.HTTP = &h
		}
	}
	after := opts.After
	if after == nil {
		after = time.After
	}
	jitter := opts.Jitter
	if jitter == nil {
		jitter = func(d time.Duration) time.Duration { return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64())) }
	}
	notice := func(token, msg string) {
		if opts.OnNotice != nil {
			opts.OnNotice(zoomevents.RedactToken(msg, token))
		}
	}
	if gov := deploy.Gov(); t.endpoints.Preset == auth.PresetZoomGov && !gov.EventsVerified {
		notice("", fmt.Sprintf("ZoomGov's events socket %s is not verified against Zoom's documentation: it is Zoom's %s on ZoomGov's own domain, so the token goes nowhere but zoomgov.com. If it does not answer, ZoomGov's events socket is elsewhere: custom endpoints can name it.", gov.EventsURL, deploy.Commercial().EventsURL))
	}
	const lost = " Events during the gap are lost: Zoom does not redeliver them."
	backoff := listenBackoffMin
	wait := func() bool {
		err := sv.sleep(ctx, jitter(backoff))
		backoff = min(2*backoff, listenBackoffMax)
		return err == nil && ctx.Err() == nil
	}
	connected := false
	rejected := "" // a token the socket refused (401): the next is a fresh one, once
	for {
		tok, err := t.token(ctx, rejected)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if !connected || !transient(err) {
				return err
			}
			notice("", fmt.Sprintf("Could not get a token to reconnect (%s); trying again.%s", err, lost))
			if !wait() {
				return nil
			}
			continue
		}
		dctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
		conn, err := zoom.DialEvents(dctx, base, sub, tok.AccessToken, dialer)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var ee *zoom.EventsError
			if errors.As(err, &ee) && ee.Status == http.StatusUnauthorized && rejected == "" {
				rejected = tok.AccessToken // expired or revoked early: fetch a fresh one, once
				continue
			}
			if !connected || !transient(err) {
				return err
			}
			notice(tok.AccessToken, fmt.Sprintf("Could not reconnect to the events socket at %s (%s); trying again.%s", host, err, lost))
			if !wait() {
				return nil
			}
			continue
		}
		// Renew before the token expires (a minute, or MinTokenLifetime,
		// early): the next connect then fetches a fresh one.
		var renew <-chan time.Time
		if left := tok.Expiry.Sub(sv.now()) - sv.margin(); !tok.Expiry.IsZero() && left > 0 {
			renew = after(left)
		}
		if connected {
			notice(tok.AccessToken, fmt.Sprintf("Reconnected to the events socket at %s.", host))
		}
		if opts.OnConnect != nil {
			opts.OnConnect(host)
		}
		connected, rejected = true, ""
		got, err := readEvents(ctx, conn, opts, renew, func(msg string) { notice(tok.AccessToken, msg) })
		if ctx.Err() != nil {
			return nil
		}
		if got {
			backoff = listenBackoffMin
		}
		if opts.OnDrop != nil {
			opts.OnDrop()
		}
		if errors.Is(err, errRenew) {
			notice(tok.AccessToken, "The access token expires soon; reconnecting with a fresh one."+lost)
			continue
		}
		notice(tok.AccessToken, fmt.Sprintf("The events socket dropped (%s); reconnecting with a fresh token.%s", err, lost))
		if !wait() {
			return nil
		}
	}
}

// errRenew ends a connection whose token nears its expiry.
var errRenew = errors.New("the access token expires soon")

// readEvents reads conn until it fails, ctx ends or renew fires (then it
// closes conn with a normal closure; errRenew for renew). got says whether
// any frame arrived.
func readEvents(ctx context.Context, conn *zoom.EventsConn, opts ListenOptions, renew <-chan time.Time, notice func(string)) (got bool, err error) {
	stop := make(chan struct{})
	closed := make(chan struct{})
	var renewing atomic.Bool
	go func() {
		defer close(closed)
		select {
		case <-ctx.Done():
		case <-stop:
		case <-renew:
			renewing.Store(true)
		}
		_ = conn.Close()
	}()
	defer func() {
		close(stop)
		<-closed
	}()
	for {
		// Not ctx: its end closes the socket cleanly (above), which ends the read.
		m, err := conn.Next(context.Background())
		var pe *zoomevents.ParseError
		switch {
		case errors.As(err, &pe):
			got = true
			notice(pe.Error() + "; it was skipped.")
			continue
		case err != nil && renewing.Load():
			return got, errRenew
		case err != nil:
			return got, err
		}
		got = true
		if m.Kind == zoomevents.KindEvent && opts.OnEvent != nil {
			opts.OnEvent(m.Event)
		}
	}
}

// transient says whether a failure to connect may pass on its own: the
// network, Zoom's servers or its rate limit, not a refusal of what was sent.
func transient(err error) bool {
	var ee *zoom.EventsError
	if errors.As(err, &ee) {
		return ee.Status == 0 || ee.Status == http.StatusTooManyRequests || ee.Status >= 500
	}
	for _, k := range []string{zoom.KindTimeout, zoom.KindDNS, zoom.KindConnect, zoom.KindServerError, zoom.KindRateLimited} {
		if zoom.IsKind(err, k) {
			return true
		}
	}
	return false
}

// checkEventsURL refuses an events URL a hand-edited file could hold: the
// token may go only to wss://, or ws:// on loopback.
func checkEventsURL(raw string) error {
	u, err := url.Parse(raw)
	if err == nil && u.Host != "" && u.User == nil {
		ip := net.ParseIP(u.Hostname())
		if u.Scheme == "wss" || u.Scheme == "ws" && ip != nil && (ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback)) {
			return nil
		}
	}
	return &EventsURLError{URL: safetext.Clean(zoomevents.Redact(raw), safetext.MaxURL)}
}
