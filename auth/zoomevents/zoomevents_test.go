package zoomevents

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestURL(t *testing.T) {
	tests := []struct {
		base, sub, token string
		want             string
		wantErr          bool
	}{
		{DefaultURL, "sub-1", "tok", "wss://ws.zoom.us/ws?subscriptionId=sub-1&access_token=tok", false},
		{"ws://127.0.0.1:8765/ws", "a b", "t+/=", "ws://127.0.0.1:8765/ws?subscriptionId=a+b&access_token=t%2B%2F%3D", false},
		{"wss://ws.zoom.us/ws?region=x", "s", "t", "wss://ws.zoom.us/ws?region=x&subscriptionId=s&access_token=t", false},
		{"https://ws.zoom.us/ws", "s", "t", "", true},
		{"wss:///ws", "s", "t", "", true},
		{"wss://user:pw@ws.zoom.us/ws", "s", "t", "", true},
		{"wss://ws.zoom.us/ws#f", "s", "t", "", true},
		{"wss://ws.zoom.us/ws?access_token=old", "s", "t", "", true},
		{"wss://ws.zoom.us/ws?subscriptionId=old", "s", "t", "", true},
		{DefaultURL, "", "t", "", true},
		{DefaultURL, " s", "t", "", true},
		{DefaultURL, "s", "", "", true},
		{"::", "s", "t", "", true},
	}
	for _, tt := range tests {
		got, err := URL(tt.base, tt.sub, tt.token)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("URL(%q, %q, %q) = %q, %v; want %q, error %v", tt.base, tt.sub, tt.token, got, err, tt.want, tt.wantErr)
		}
		if err != nil && strings.Contains(tt.base, "access_token=old") && strings.Contains(err.Error(), "old") {
			t.Errorf("URL(%q): error %q shows the token given in the base", tt.base, err)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"wss://ws.zoom.us/ws?subscriptionId=s&access_token=eyJ.abc-_", "wss://ws.zoom.us/ws?subscriptionId=s&access_token=REDACTED"},
		{"wss://h/ws?access_token=abc&subscriptionId=s", "wss://h/ws?access_token=REDACTED&subscriptionId=s"},
		{`Get "http://h/ws?subscriptionId=s&access_token=t%2Bx": dial tcp: refused`, `Get "http://h/ws?subscriptionId=s&access_token=REDACTED": dial tcp: refused`},
		{"url=wss%3A%2F%2Fh%2Fws%3Faccess_token%3Dsecret%26x", "url=wss%3A%2F%2Fh%2Fws%3Faccess_token%3DREDACTED%26x"},
		{"ACCESS_TOKEN=abc def", "ACCESS_TOKEN=REDACTED def"},
		{"no token here", "no token here"},
		{"access_token=", "access_token=REDACTED"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactToken(t *testing.T) {
	tests := []struct{ in, token, want string }{
		{"token abc+/= in text", "abc+/=", "token REDACTED in text"},
		{"escaped abc%2B%2F%3D", "abc+/=", "escaped REDACTED"},
		{"h/ws?access_token=abc", "abc", "h/ws?access_token=REDACTED"},
		{"nothing", "", "nothing"},
	}
	for _, tt := range tests {
		if got := RedactToken(tt.in, tt.token); got != tt.want {
			t.Errorf("RedactToken(%q, %q) = %q, want %q", tt.in, tt.token, got, tt.want)
		}
	}
}

// TestRedactCatchesAFailedDial: the websocket library's dial error quotes
// the URL with its token; Redact must take it out. A refused local port
// makes the real error without any network beyond this machine.
func TestRedactCatchesAFailedDial(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // now refused
	const token = "secret-token-value"
	u, err := URL("ws://"+addr+"/ws", "sub", token)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http"+strings.TrimPrefix(u, "ws"), nil)
	_, derr := http.DefaultClient.Do(req)
	if derr == nil {
		t.Fatal("dial to a closed port succeeded")
	}
	if !strings.Contains(derr.Error(), token) {
		t.Fatalf("the HTTP error does not quote the URL, so this test proves nothing: %v", derr)
	}
	if got := Redact(derr.Error()); strings.Contains(got, token) {
		t.Errorf("Redact left the token in %q", got)
	}
}

func TestParse(t *testing.T) {
	event := `{"event":"meeting.started","event_ts":1700000000000,"payload":{"account_id":"a","object":{"topic":"Standup \u003c1\u003e"}}}`
	yes := true
	tests := []struct {
		name    string
		frame   string
		want    Message
		wantErr bool
	}{
		{"heartbeat reply", `{"module":"heartbeat","success":true}`, Message{Kind: KindHeartbeat, Module: "heartbeat", Success: &yes}, false},
		{"string content", string(MessageFrame([]byte(event))), Message{Kind: KindEvent, Module: "message", Event: []byte(event)}, false},
		{"object content, bytes as sent", `{"module":"message","content": ` + event + ` }`, Message{Kind: KindEvent, Module: "message", Event: []byte(event)}, false},
		{"object content with spacing kept", `{"module":"message","content":{ "event" : "x" }}`, Message{Kind: KindEvent, Module: "message", Event: []byte(`{ "event" : "x" }`)}, false},
		{"unknown module", `{"module":"build_connection","success":true}`, Message{Kind: KindUnknown, Module: "build_connection", Success: &yes}, false},
		{"no module", `{"content":"{}"}`, Message{}, true},
		{"not JSON", `heartbeat`, Message{}, true},
		{"array", `[1]`, Message{}, true},
		{"message without content", `{"module":"message"}`, Message{}, true},
		{"null content", `{"module":"message","content":null}`, Message{}, true},
		{"string content not JSON", `{"module":"message","content":"not json"}`, Message{}, true},
		{"string content not an object", `{"module":"message","content":"[1,2]"}`, Message{}, true},
		{"number content", `{"module":"message","content":5}`, Message{}, true},
	}
	for _, tt := range tests {
		got, err := Parse([]byte(tt.frame))
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: Parse error = %v, want error %v", tt.name, err, tt.wantErr)
			continue
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("%s: error %T is not a *ParseError", tt.name, err)
			}
			continue
		}
		if got.Kind != tt.want.Kind || got.Module != tt.want.Module || !bytes.Equal(got.Event, tt.want.Event) ||
			(got.Success == nil) != (tt.want.Success == nil) || got.Success != nil && *got.Success != *tt.want.Success {
			t.Errorf("%s: Parse = %+v (event %s), want %+v (event %s)", tt.name, got, got.Event, tt.want, tt.want.Event)
		}
	}
}

func TestHeartbeatIsZoomsFrame(t *testing.T) {
	if string(Heartbeat) != `{"module":"heartbeat"}` {
		t.Errorf("Heartbeat = %s", Heartbeat)
	}
}
