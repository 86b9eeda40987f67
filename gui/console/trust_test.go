package console

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/test"
)

// assertShownSafe fails if s holds a character a terminal or a bidi
// renderer acts on (newlines and tabs are layout).
func assertShownSafe(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7f && r < 0xa0 || unicode.Is(unicode.Cf, r)) {
			t.Fatalf("%s holds %U at %d: %q", what, r, i, s[max(0, i-40):min(len(s), i+40)])
		}
	}
}

// Issue 17: the console shows a server's body with escapes made visible,
// JSON or not, and Copy response still copies what the server sent.
func TestConsoleShowsServerTextSafely(t *testing.T) {
	const attack = "\x1b]0;pwned\x07\u009b31m\u202eevil"
	for _, tc := range []struct{ name, body, shows string }{
		{"JSON", `{"topic":"` + "\u009b31m\u202eevil" + `"}`, `"topic": "\u009b31m\u202eevil"`},
		{"text", "<h1>" + attack + "</h1>", `<h1>\x1b]0;pwned\x07\u009b31m\u202eevil</h1>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, api := newConsoleEnv(t)
			api.resp = &Response{Status: 200, Body: []byte(tc.body)}
			c := e.u.OpenConsole("Sales")
			typeIn(c, c.path, "users/me")
			sendAndWait(e, c)
			contains(t, "response", shownText(c), tc.shows)
			assertShownSafe(t, "the response", shownText(c))
			c.selectText.SetChecked(true)
			assertShownSafe(t, "the selectable response", c.response.Text)
			test.Tap(c.copyResponseButton)
			if got := e.app.Clipboard().Content(); !strings.Contains(got, strings.TrimPrefix(strings.TrimSuffix(tc.body, `"}`), `{"topic":"`)) {
				t.Errorf("Copy response copied %q, not what the server sent", got)
			}
		})
	}
}

// loopingPages answers the API's user list with pages whose
// next_page_token alternates A, B, A…, and passes the token request on.
type loopingPages struct{ pages int }

func (p *loopingPages) RoundTrip(r *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(r.URL.Path, "/users") {
		return http.DefaultTransport.RoundTrip(r)
	}
	p.pages++
	if p.pages > 100 {
		return nil, fmt.Errorf("the console kept following")
	}
	body, _ := json.Marshal(map[string]any{"users": []any{map[string]any{"id": fmt.Sprint(p.pages)}}, "next_page_token": []string{"A", "B"}[(p.pages-1)%2]})
	return &http.Response{StatusCode: 200, Proto: "HTTP/1.1", Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(string(body))), Request: r}, nil
}

// Issue 17, finding 7: Paginate stops when next_page_token comes back,
// shows why, and shows the pages so far.
func TestConsolePaginateStopsWhenTokensRepeat(t *testing.T) {
	pages := &loopingPages{}
	e := newEnv(t, func(e *env) { e.saveS2S("Sales", s2sSecret) }, func(_ *env, o *Options) {
		o.Service.HTTPClient = &http.Client{Transport: pages}
	})
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users")
	test.Tap(c.paginate)
	sendAndWait(e, c)
	if pages.pages != 3 {
		t.Fatalf("the console fetched %d pages, want 3", pages.pages)
	}
	contains(t, "error", c.errorLine.Text, "Pagination stopped at page 3")
	var merged struct{ Users []struct{ ID string } }
	if err := json.Unmarshal([]byte(shownText(c)), &merged); err != nil || len(merged.Users) != 3 {
		t.Errorf("the console shows %d users (%v):\n%s", len(merged.Users), err, shownText(c))
	}
}
