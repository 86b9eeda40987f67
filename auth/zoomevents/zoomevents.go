// Package zoomevents owns Zoom's WebSocket events protocol as data, with no
// I/O: the connect URL (wss://ws.zoom.us/ws?subscriptionId=…&access_token=…),
// the heartbeat message the client sends about every 30 s, the parsing of a
// frame Zoom sends into a typed [Message] (a heartbeat reply, an event with
// its JSON bytes exactly as sent, or a module it does not know), and the
// redaction that keeps the access token, which travels in the URL, out of
// every error, log line and message ([Redact], [RedactToken]). The network
// loop is auth/zoom's; which token and subscription to use is auth/access's.
package zoomevents

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"zoomconn/internal/safetext"
)

// DefaultURL is Zoom's events socket (the commercial deployment's).
const DefaultURL = "wss://ws.zoom.us/ws"

// HeartbeatInterval is how often Zoom asks a client to send the heartbeat.
const HeartbeatInterval = 30 * time.Second

// MaxFrame bounds one frame a client reads; an event is a few KiB.
const MaxFrame = 1 << 20

// Modules of a frame.
const (
	ModuleHeartbeat = "heartbeat"
	ModuleMessage   = "message"
)

// Heartbeat is the frame a client sends to keep the socket open.
var Heartbeat = []byte(`{"module":"heartbeat"}`)

// Redacted replaces an access token wherever one would be shown.
const Redacted = "REDACTED"

// URL builds the events socket's address for a subscription and a token.
// base is ws:// or wss:// with a host and no query of its own that names
// subscriptionId or access_token; the result carries the token in its
// query, so it must never be shown: pass it through [Redact] first.
func URL(base, subscriptionID, token string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("events URL %q is not a URL", safetext.Clean(Redact(base), safetext.MaxURL))
	}
	if u.Scheme != "ws" && u.Scheme != "wss" || u.Host == "" {
		return "", fmt.Errorf("events URL %q must be ws:// or wss:// with a host", safetext.Clean(Redact(base), safetext.MaxURL))
	}
	if u.User != nil || u.Fragment != "" {
		return "", fmt.Errorf("events URL %q must carry no user information or fragment", safetext.Clean(Redact(base), safetext.MaxURL))
	}
	if subscriptionID == "" || strings.TrimSpace(subscriptionID) != subscriptionID {
		return "", errors.New("the events subscription ID is empty or has spaces around it")
	}
	if token == "" {
		return "", errors.New("no access token for the events socket")
	}
	q := u.Query()
	if q.Has("subscriptionId") || q.Has("access_token") {
		return "", fmt.Errorf("events URL %q already names a subscription or a token", safetext.Clean(Redact(base), safetext.MaxURL))
	}
	// Zoom's samples put subscriptionId first; keep that order.
	extra := "subscriptionId=" + url.QueryEscape(subscriptionID) + "&access_token=" + url.QueryEscape(token)
	if u.RawQuery != "" {
		u.RawQuery += "&" + extra
	} else {
		u.RawQuery = extra
	}
	return u.String(), nil
}

// tokenParam matches an access_token query parameter's value, raw or
// query-escaped inside another URL (access_token%3D…), up to the next
// separator: &, %26, a quote, a space or the end.
var tokenParam = regexp.MustCompile(`(?i)(access_token(?:=|%3D))(?:[^%&\s"'<>\x60]|%(?:[013-9a-f]|2[0-57-9a-f])|%$)*`)

// Redact strips the value of every access_token parameter from text (a
// URL, or an error that quotes one, as a failed dial's does).
func Redact(text string) string {
	return tokenParam.ReplaceAllString(text, "${1}"+Redacted)
}

// RedactToken strips the access_token parameters from text and the token
// itself wherever it occurs, raw or query-escaped.
func RedactToken(text, token string) string {
	text = Redact(text)
	if token == "" {
		return text
	}
	for _, form := range []string{token, url.QueryEscape(token), url.PathEscape(token)} {
		if form != "" {
			text = strings.ReplaceAll(text, form, Redacted)
		}
	}
	return text
}

// Kind says what a frame is.
type Kind int

const (
	// KindUnknown is a frame of a module this package does not know (or
	// none); Module names it.
	KindUnknown Kind = iota
	// KindHeartbeat is Zoom's answer to a heartbeat.
	KindHeartbeat
	// KindEvent is an event; Event holds its JSON.
	KindEvent
)

// Message is one frame from Zoom.
type Message struct {
	Kind   Kind
	Module string // as sent (cleaned by the caller before it is shown)
	// Event is the event's JSON exactly as Zoom sent it: the bytes of the
	// string content, or the raw bytes of an object content.
	Event []byte
	// Success is the frame's "success" field where it has one.
	Success *bool
}

// ParseError says why a frame is not one of Zoom's.
type ParseError struct {
	Reason string
}

func (e *ParseError) Error() string { return "Zoom sent an events frame that " + e.Reason }

type frame struct {
	Module  *string         `json:"module"`
	Content json.RawMessage `json:"content"`
	Success *bool           `json:"success"`
}

// Parse reads one frame. An event's content may be a JSON string holding
// the event (as in Zoom's samples) or the event object itself; either way
// Event is the event's bytes as sent, and must be a JSON object.
func Parse(data []byte) (Message, error) {
	var f frame
	if err := json.Unmarshal(data, &f); err != nil {
		return Message{}, &ParseError{"is not a JSON object"}
	}
	if f.Module == nil {
		return Message{}, &ParseError{"names no module"}
	}
	m := Message{Module: *f.Module, Success: f.Success}
	switch *f.Module {
	case ModuleHeartbeat:
		m.Kind = KindHeartbeat
	case ModuleMessage:
		m.Kind = KindEvent
		content := bytes.TrimSpace(f.Content)
		switch {
		case len(content) == 0 || string(content) == "null":
			return Message{}, &ParseError{"carries a message with no content"}
		case content[0] == '"':
			var s string
			if err := json.Unmarshal(content, &s); err != nil {
				return Message{}, &ParseError{"carries a message whose content is not a string"}
			}
			m.Event = []byte(s)
		default:
			m.Event = append([]byte(nil), content...)
		}
		if ev := bytes.TrimSpace(m.Event); len(ev) == 0 || ev[0] != '{' || !json.Valid(ev) {
			return Message{}, &ParseError{"carries a message whose content is not a JSON object"}
		}
	default:
		m.Kind = KindUnknown
	}
	return m, nil
}

// MessageFrame is the frame Zoom sends for an event: module "message" with
// the event JSON as a string, as Zoom's samples show. The fake uses it.
func MessageFrame(event []byte) []byte {
	b, _ := json.Marshal(struct {
		Module  string `json:"module"`
		Content string `json:"content"`
	}{ModuleMessage, string(event)})
	return b
}
