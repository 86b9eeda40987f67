package access

// Zoom's webhook events, delivered from this machine: a signed event sent
// to a handler as Zoom would send it (trigger), the check of a handler's
// answer to URL validation, and the verification of a received event. The
// app's Secret Token is read from the store only to sign or verify here;
// it is sent nowhere. The protocol is auth/webhook's.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zoomconn/auth/webhook"
	"zoomconn/internal/safetext"
)

// Forgery is a deliberately wrong signature, to prove a handler checks them.
type Forgery string

const (
	ForgeNone    Forgery = ""
	ForgeBad     Forgery = "bad"     // signed with another key
	ForgeStale   Forgery = "stale"   // rightly signed, an hour old
	ForgeMissing Forgery = "missing" // no x-zm-signature header
)

// staleBy is how old a stale forgery's timestamp is: past any sane tolerance.
const staleBy = time.Hour

// maxHandlerAnswer is how much of a handler's answer is read.
const maxHandlerAnswer = 64 << 10

// handlerTimeout is how long a delivery waits for the handler (Zoom waits
// webhook.Deadline; a slower answer is reported as Zoom's failure).
const handlerTimeout = 15 * time.Second

// EventInput is the event a trigger sends.
type EventInput struct {
	// Event names a bundled sample ([EventNames]) unless Data is set.
	Event string
	// Data, if not nil, is the event's exact bytes.
	Data []byte
	// Fields are overrides, "payload.object.topic=Standup".
	Fields []string
}

// Delivery is where and how a trigger sends its event.
type Delivery struct {
	To string
	// AllowRemote lets To be off this machine (events carry names and
	// addresses: loopback only by default).
	AllowRemote bool
	Forge       Forgery
}

// DeliveryResult is the handler's answer.
type DeliveryResult struct {
	Event     string
	Status    int
	Elapsed   time.Duration
	Timestamp int64  // the x-zm-request-timestamp sent
	Answer    string // the start of the handler's body, cleaned (untrusted text)
	// Failed: Zoom would count the delivery as failed (not 2xx, or slower
	// than webhook.Deadline).
	Failed bool
	// TooSlow: the handler answered 2xx, but after webhook.Deadline, so
	// Zoom would count it failed all the same.
	TooSlow bool
	// Rejected: the handler refused the event (4xx), as it must a forgery.
	Rejected bool
}

// EventNames lists the bundled sample events.
func EventNames() []string { return webhook.Events() }

// URLValidationEvent is the event that asks a handler to prove it holds the
// Secret Token.
const URLValidationEvent = webhook.URLValidationEvent

// HandlerURLError: a handler URL zoomconn will not send events to.
type HandlerURLError struct {
	URL    string // cleaned
	Remote bool   // a host off this machine, without AllowRemote
}

func (e *HandlerURLError) Error() string {
	if e.Remote {
		return fmt.Sprintf("%s is not on this machine (127.0.0.1, ::1 or localhost); events carry names and addresses.", e.URL)
	}
	return fmt.Sprintf("%s is not an http:// or https:// URL.", e.URL)
}

// HandlerError: the handler could not be reached or did not answer.
type HandlerError struct {
	URL string // cleaned
	Err error
}

func (e *HandlerError) Error() string {
	return fmt.Sprintf("The handler at %s did not answer: %s", e.URL, safetext.Clean(e.Err.Error(), 200))
}
func (e *HandlerError) Unwrap() error { return e.Err }

// EventError: the event to send could not be made (no such sample, a
// field that cannot be set, data that is not JSON).
type EventError struct{ Err error }

func (e *EventError) Error() string { return e.Err.Error() }
func (e *EventError) Unwrap() error { return e.Err }

// checkHandlerURL parses to, refusing what is not http(s) or, without
// allowRemote, off loopback.
func checkHandlerURL(to string, allowRemote bool) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(to))
	shown := safetext.Clean(to, 200)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, &HandlerURLError{URL: shown}
	}
	h := u.Hostname()
	ip := net.ParseIP(h)
	if !allowRemote && !strings.EqualFold(h, "localhost") && (ip == nil || !ip.IsLoopback()) {
		return nil, &HandlerURLError{URL: shown, Remote: true}
	}
	return u, nil
}

// EventBody is the bytes a trigger sends for in: Data as given, or the
// bundled sample stamped now, then the Fields overrides.
func (sv *Service) EventBody(in EventInput) ([]byte, error) {
	body := in.Data
	if body == nil {
		var err error
		if body, err = webhook.Sample(in.Event, sv.now()); err != nil {
			return nil, &EventError{err}
		}
	}
	for _, f := range in.Fields {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, &EventError{fmt.Errorf("%q is not key=value (as in payload.object.topic=Standup)", safetext.Clean(f, 100))}
		}
		var err error
		if body, err = webhook.Set(body, k, v); err != nil {
			return nil, &EventError{err}
		}
	}
	return body, nil
}

// TriggerEvent sends one event, signed with the Secret Token of the app
// name reaches (or forged as d.Forge says), to the handler d.To, as Zoom
// would: a POST of the exact bytes with x-zm-request-timestamp and
// x-zm-signature.
func (sv *Service) TriggerEvent(ctx context.Context, name string, in EventInput, d Delivery) (DeliveryResult, error) {
	u, err := checkHandlerURL(d.To, d.AllowRemote)
	if err != nil {
		return DeliveryResult{}, err
	}
	_, token, err := sv.Store.SecretToken(name)
	if err != nil {
		return DeliveryResult{}, err
	}
	body, err := sv.EventBody(in)
	if err != nil {
		return DeliveryResult{}, err
	}
	res, _, err := sv.deliver(ctx, u, token, body, d.Forge)
	return res, err
}

// CheckURLValidation sends the handler Zoom's endpoint.url_validation with
// a fresh plainToken and checks its answer as Zoom would; a refusal Zoom
// would make is a [*webhook.AnswerError] (its sentence says what is wrong).
func (sv *Service) CheckURLValidation(ctx context.Context, name string, d Delivery) (DeliveryResult, error) {
	u, err := checkHandlerURL(d.To, d.AllowRemote)
	if err != nil {
		return DeliveryResult{}, err
	}
	_, token, err := sv.Store.SecretToken(name)
	if err != nil {
		return DeliveryResult{}, err
	}
	var raw [16]byte
	_, _ = rand.Read(raw[:])
	plain := base64.RawURLEncoding.EncodeToString(raw[:])
	res, answer, err := sv.deliver(ctx, u, token, webhook.URLValidationRequest(plain, sv.now()), ForgeNone)
	if err != nil {
		return res, err
	}
	return res, webhook.CheckURLValidation(token, plain, res.Status, answer, res.Elapsed)
}

// VerifyEvent checks a received event's signature and timestamp with the
// Secret Token of the app name reaches: nil, or a [*webhook.VerifyError]
// whose sentence is the reason.
func (sv *Service) VerifyEvent(name, timestamp, signature string, body []byte, tolerance time.Duration) error {
	_, token, err := sv.Store.SecretToken(name)
	if err != nil {
		return err
	}
	return webhook.Verify(token, timestamp, signature, body, sv.now(), tolerance)
}

// deliver POSTs body to u, signed with token (or forged), never following
// a redirect, and returns the result and the handler's answer.
func (sv *Service) deliver(ctx context.Context, u *url.URL, token string, body []byte, forge Forgery) (DeliveryResult, []byte, error) {
	now := sv.now()
	ts := now.Unix()
	sig := webhook.Sign(token, ts, body)
	switch forge {
	case ForgeNone:
	case ForgeBad:
		var other [32]byte
		_, _ = rand.Read(other[:])
		sig = webhook.Sign(base64.RawURLEncoding.EncodeToString(other[:]), ts, body)
	case ForgeStale:
		ts = now.Add(-staleBy).Unix()
		sig = webhook.Sign(token, ts, body)
	case ForgeMissing:
		sig = ""
	default:
		return DeliveryResult{}, nil, &EventError{fmt.Errorf("unknown forgery %q (bad, stale or missing)", safetext.Clean(string(forge), 40))}
	}
	ctx, cancel := context.WithTimeout(ctx, handlerTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return DeliveryResult{}, nil, &HandlerError{URL: safetext.Clean(u.String(), 200), Err: err}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "Zoom Marketplace/1.0a")
	req.Header.Set(webhook.HeaderTimestamp, strconv.FormatInt(ts, 10))
	if sig != "" {
		req.Header.Set(webhook.HeaderSignature, sig)
	}
	client := &http.Client{Timeout: handlerTimeout}
	if sv.HTTPClient != nil {
		c := *sv.HTTPClient
		client = &c
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	start := sv.now() // the Service's clock, so a test can make a handler slow
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is said once, by HandlerError
		}
		return DeliveryResult{}, nil, &HandlerError{URL: safetext.Clean(u.String(), 200), Err: err}
	}
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxHandlerAnswer))
	_ = resp.Body.Close()
	elapsed := sv.now().Sub(start)
	res := DeliveryResult{
		Event: webhook.EventName(body), Status: resp.StatusCode, Elapsed: elapsed, Timestamp: ts,
		Answer:   safetext.Clean(string(answer), 300),
		Failed:   resp.StatusCode < 200 || resp.StatusCode > 299 || elapsed > webhook.Deadline,
		TooSlow:  resp.StatusCode >= 200 && resp.StatusCode <= 299 && elapsed > webhook.Deadline,
		Rejected: resp.StatusCode >= 400 && resp.StatusCode <= 499,
	}
	return res, answer, nil
}
