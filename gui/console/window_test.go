package console

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
)

// fakeAPI is the console's caller in tests: it gets a real token from the
// fake Zoom (so tests can check it never shows up anywhere), records each
// request and answers with what the test set.
type fakeAPI struct {
	svc func() *access.Service

	mu      sync.Mutex
	reqs    []Request
	conns   []string
	token   string
	block   bool          // wait for the context to end
	started chan struct{} // a call began (block only)
	resp    *Response
	err     error
	notice  string // told to the request's Notice before answering
}

func (f *fakeAPI) Call(ctx context.Context, name string, r Request) (*Response, error) {
	tok, err := f.svc().Token(ctx, name)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.token = tok.AccessToken
	f.reqs = append(f.reqs, r)
	f.conns = append(f.conns, name)
	block, resp, rerr, notice := f.block, f.resp, f.err, f.notice
	f.mu.Unlock()
	if notice != "" && r.Notice != nil {
		r.Notice(notice)
	}
	if block {
		f.started <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return resp, rerr
}

func (f *fakeAPI) last() (string, Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) == 0 {
		return "", Request{}
	}
	return f.conns[len(f.conns)-1], f.reqs[len(f.reqs)-1]
}

func (f *fakeAPI) accessToken() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.token
}

func newConsoleEnv(t *testing.T) (*env, *fakeAPI) {
	t.Helper()
	api := &fakeAPI{started: make(chan struct{}, 1), resp: &Response{
		Status: 200,
		Header: http.Header{"X-Ratelimit-Category": {"Light"}, "X-Ratelimit-Type": {"QPS"}, "X-Ratelimit-Remaining": {"\x1b[31m99"}},
		Body:   []byte(`{"id":"user-1","email":"ada@example.com","page_size":30}`),
	}}
	e := newEnv(t, func(e *env) {
		e.saveS2S("Ops", s2sSecret)
		e.saveS2S("Sales", s2sSecret)
	}, func(_ *env, o *Options) { o.API = api })
	api.svc = func() *access.Service { return e.u.sess.Service() }
	return e, api
}

// typeIn focuses an entry of the console and types, as a user.
func typeIn(c *console, f fyne.Focusable, text string) {
	c.win.Canvas().Focus(f)
	typeFocused(c.win.Canvas(), text)
}

// shownText is the response body as the console shows it: coloured, or
// as plain text.
func shownText(c *console) string {
	if c.pretty.Visible() {
		return c.pretty.String()
	}
	return c.response.Text
}

func sendAndWait(e *env, c *console) {
	e.t.Helper()
	test.Tap(c.sendButton)
	e.waitJobs()
}

func TestConsoleSendPaginateCurlHistory(t *testing.T) {
	e, api := newConsoleEnv(t)
	c := e.u.OpenConsole("Sales")
	if c == nil || !windowOpen(e.app, c.win) {
		t.Fatal("API… opened no console")
	}
	if c.connSelect.Selected != "Sales" {
		t.Fatalf("console is for %q; want the selected connection Sales", c.connSelect.Selected)
	}
	if !c.body.Disabled() {
		t.Error("the JSON body is enabled for GET")
	}
	// Pick another connection and back, as a user would.
	c.connSelect.SetSelected("Ops")
	c.connSelect.SetSelected("Sales")

	typeIn(c, c.path, "/users/me")
	typeIn(c, c.query, "page_size=30")
	sendAndWait(e, c)

	name, r := api.last()
	if name != "Sales" || r.Method != "GET" || r.Path != "users/me" || r.Query.Get("page_size") != "30" || r.Paginate {
		t.Fatalf("call = %q %+v; want Sales GET users/me page_size=30, no paginate", name, r)
	}
	contains(t, "status", c.status.Text, "200 OK")
	contains(t, "rate limits", c.rateLimit.Text, "X-RateLimit-Category: Light", "X-RateLimit-Type: QPS", "X-RateLimit-Remaining:")
	if strings.Contains(c.rateLimit.Text, "\x1b") {
		t.Errorf("rate limits = %q; a header's control character reached the window", c.rateLimit.Text)
	}
	contains(t, "response", shownText(c), "{\n  \"id\": \"user-1\",\n  \"email\": \"ada@example.com\"")
	if c.errorLine.Visible() || c.marketplace.Visible() {
		t.Error("an error shows after a 200")
	}
	test.Tap(c.copyResponseButton)
	if got := e.app.Clipboard().Content(); got != shownText(c) {
		t.Errorf("Copy response copied %q", got)
	}

	// Paginate, sent with Ctrl+Enter from the path entry.
	test.Tap(c.paginate)
	c.win.Canvas().Focus(c.path)
	c.path.TypedShortcut(ctrlEnter)
	e.waitJobs()
	if _, r := api.last(); !r.Paginate || len(api.reqs) != 2 {
		t.Fatalf("after Paginate and Ctrl+Enter: %d calls, last %+v; want a second, paginated", len(api.reqs), r)
	}

	// Copy as curl: the command gets its token from zoomconn, through a pipe.
	test.Tap(c.copyCurlButton)
	curl := e.app.Clipboard().Content()
	want := `zoomconn token --format header -- Sales | curl -H @- '` + e.ep.APIBaseURL + `/users/me?page_size=30'`
	if curl != want {
		t.Errorf("curl = %q\nwant  %q", curl, want)
	}
	tok := api.accessToken()
	if tok == "" {
		t.Fatal("the fake caller got no token")
	}
	for what, s := range map[string]string{"curl": curl, "response": shownText(c), "status": c.status.Text, "rate limits": c.rateLimit.Text} {
		if strings.Contains(s, tok) {
			t.Errorf("the access token appears in the %s", what)
		}
	}

	// History: shown, kept in the config dir without a token or the query.
	if len(c.history) != 2 {
		t.Fatalf("history has %d entries; want 2", len(c.history))
	}
	contains(t, "history row", historyText(c.history[0]), "GET users/me · 200")
	conn, _ := e.data().Connection("Sales")
	path := filepath.Join(e.store.Dir(), "history", conn.ID+".json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("history mode = %v; want 0600", st.Mode().Perm())
	}
	for _, bad := range []string{tok, "page_size", "ada@example.com", "Bearer"} {
		if strings.Contains(string(raw), bad) {
			t.Errorf("history file holds %q:\n%s", bad, raw)
		}
	}
	var list []store.HistoryEntry
	if err := json.Unmarshal(raw, &list); err != nil || len(list) != 2 || list[0].Status != 200 || list[0].Path != "users/me" {
		t.Errorf("history file = %s (%v)", raw, err)
	}
	// Another connection has its own history; reusing an entry fills the inputs.
	c.connSelect.SetSelected("Ops")
	if len(c.history) != 0 {
		t.Errorf("Ops shows %d history entries; want none", len(c.history))
	}
	c.connSelect.SetSelected("Sales")
	c.path.SetText("")
	c.historyList.Select(0)
	if c.path.Text != "users/me" || c.method.Selected != "GET" {
		t.Errorf("reusing history set %s %q", c.method.Selected, c.path.Text)
	}

	// Deleting the connection clears its history.
	if err := e.store.DeleteConnection("Sales"); err != nil {
		t.Fatal(err)
	}
	e.u.reload()
	e.waitJobs()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("history file after delete: %v; want it gone", err)
	}
	if c.connSelect.Selected != "" {
		t.Errorf("console still offers the deleted connection %q", c.connSelect.Selected)
	}
	if !c.sendButton.Disabled() {
		t.Error("Send is enabled with no connection")
	}
}

func TestConsoleCancel(t *testing.T) {
	e, api := newConsoleEnv(t)
	api.block = true
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users")
	test.Tap(c.sendButton)
	select {
	case <-api.started:
	case <-time.After(20 * time.Second):
		t.Fatal("the call did not start")
	}
	e.pump()
	if c.cancelButton.Disabled() || !c.sendButton.Disabled() || !c.progress.Visible() {
		t.Fatal("while calling: want Cancel enabled, Send disabled and the progress bar shown")
	}
	test.Tap(c.cancelButton)
	e.waitJobs()
	if c.status.Text != "Cancelled." || c.progress.Visible() || c.sendButton.Disabled() || !c.cancelButton.Disabled() {
		t.Errorf("after Cancel: status %q, progress %v, Send disabled %v", c.status.Text, c.progress.Visible(), c.sendButton.Disabled())
	}
	if len(c.history) != 0 {
		t.Errorf("a cancelled call was kept in the history: %+v", c.history)
	}
}

// The core's progress notices (retries) reach the status line while the
// call runs.
func TestConsoleNotice(t *testing.T) {
	e, api := newConsoleEnv(t)
	api.block = true
	api.notice = "rate limited (Light, QPS), retrying in 2 s\x1b[31m"
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users/me")
	test.Tap(c.sendButton)
	select {
	case <-api.started:
	case <-time.After(20 * time.Second):
		t.Fatal("the call did not start")
	}
	e.pumpUntil("the notice", func() bool { return strings.Contains(c.status.Text, "retrying") })
	contains(t, "status", c.status.Text, "Calling GET users/me…", "rate limited (Light, QPS), retrying in 2 s")
	if strings.Contains(c.status.Text, "\x1b") {
		t.Errorf("status = %q; a notice's control character reached the window", c.status.Text)
	}
	test.Tap(c.cancelButton)
	e.waitJobs()
	if c.status.Text != "Cancelled." {
		t.Errorf("after Cancel: status %q", c.status.Text)
	}

	// A call that answers after a notice shows its answer, not the notice.
	api.mu.Lock()
	api.block = false
	api.mu.Unlock()
	sendAndWait(e, c)
	contains(t, "status", c.status.Text, "200 OK")
	if strings.Contains(c.status.Text, "retrying") {
		t.Errorf("status = %q after the answer", c.status.Text)
	}
}

// The body is coloured JSON; Select text shows it as a selectable label;
// a large body is plain monospace text.
func TestConsoleColouredBody(t *testing.T) {
	e, api := newConsoleEnv(t)
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users/me")
	sendAndWait(e, c)
	if !c.pretty.Visible() || c.response.Visible() || len(c.pretty.Segments) < 3 {
		t.Fatalf("JSON body: coloured view shown %v with %d segments, label shown %v", c.pretty.Visible(), len(c.pretty.Segments), c.response.Visible())
	}
	if got := segmentColour(c, `"ada@example.com"`); got != jsonStringColour {
		t.Errorf("a string has colour %q", got)
	}
	want := "{\n  \"id\": \"user-1\",\n  \"email\": \"ada@example.com\",\n  \"page_size\": 30\n}"
	if got := c.pretty.String(); got != want {
		t.Errorf("coloured body = %q; want %q", got, want)
	}
	test.Tap(c.selectText)
	if c.pretty.Visible() || !c.response.Visible() || !c.response.Selectable || c.response.Text != want {
		t.Errorf("Select text: coloured shown %v, label %q (selectable %v)", c.pretty.Visible(), c.response.Text, c.response.Selectable)
	}
	test.Tap(c.selectText)
	if !c.pretty.Visible() || c.response.Visible() {
		t.Error("unticking Select text did not bring the colours back")
	}

	// Over maxColouredBody: plain monospace lines, still pretty; too
	// large to select, so Copy response it is.
	big := `{"users":[` + strings.Repeat(`{"id":"abcdefgh","n":1},`, maxColouredBody/20) + `{}]}`
	api.mu.Lock()
	api.resp = &Response{Status: 200, Header: http.Header{}, Body: []byte(big)}
	api.mu.Unlock()
	sendAndWait(e, c)
	if !c.pretty.Visible() || c.response.Visible() || !c.selectText.Disabled() || c.copyResponseButton.Disabled() {
		t.Errorf("large body: RichText shown %v, label shown %v, Select text disabled %v", c.pretty.Visible(), c.response.Visible(), c.selectText.Disabled())
	}
	if got := segmentColour(c, `"id": "abcdefgh",`); got != jsonPunctColour {
		t.Errorf("large body: a line has colour %q; want plain", got)
	}
	contains(t, "large body", c.pretty.String(), "{\n  \"users\": [\n    {\n      \"id\": \"abcdefgh\"")

	// Not JSON: as is, plain.
	api.mu.Lock()
	api.resp = &Response{Status: 502, Header: http.Header{}, Body: []byte("<html>Bad gateway</html>")}
	api.mu.Unlock()
	sendAndWait(e, c)
	if got := c.pretty.String(); got != "<html>Bad gateway</html>" || segmentColour(c, got) != jsonPunctColour {
		t.Errorf("non-JSON body = %q in colour %q", got, segmentColour(c, got))
	}
}

// segmentColour is the colour of the response segment whose trimmed text
// is text, or "none".
func segmentColour(c *console, text string) fyne.ThemeColorName {
	for _, s := range c.pretty.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && strings.TrimSpace(ts.Text) == text {
			return ts.Style.ColorName
		}
	}
	return "none"
}

func TestConsoleScopeError(t *testing.T) {
	e, api := newConsoleEnv(t)
	scopeErr := &zoom.Error{Kind: zoom.KindMissingScopes, Code: "4711", Status: 400,
		Message: "This call needs one of the scopes meeting:read:admin, meeting:read; the token grants user:read:admin.",
		Hint:    "Add one of them in the Zoom App Marketplace under your app's Scopes, then run it again.",
		Scopes:  []string{"meeting:read:admin", "meeting:read"}}
	api.resp = &Response{Status: 400, Header: http.Header{}, Body: []byte(`{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:read:admin, meeting:read]."}`)}
	api.err = scopeErr
	var opened string
	e.u.opts.OpenURL = func(u *url.URL) error { opened = u.String(); return nil }
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users/me/meetings")
	sendAndWait(e, c)
	contains(t, "status", c.status.Text, "400 Bad Request")
	if !c.errorLine.Visible() || c.errorLine.Text != scopeErr.Error() {
		t.Errorf("error = %q (shown %v); want %q", c.errorLine.Text, c.errorLine.Visible(), scopeErr.Error())
	}
	if !c.marketplace.Visible() {
		t.Fatal("no Marketplace button for a 4711")
	}
	test.Tap(c.marketplace)
	if opened != marketplaceHome {
		t.Errorf("opened %q; want %q", opened, marketplaceHome)
	}
	if c.history[0].Status != 400 {
		t.Errorf("history status = %d; want 400", c.history[0].Status)
	}

	// A 4711 that arrives as a body only is recognised too.
	api.err = nil
	sendAndWait(e, c)
	if !c.marketplace.Visible() || !strings.Contains(c.errorLine.Text, "does not contain scopes") {
		t.Errorf("body-only 4711: error %q, Marketplace shown %v", c.errorLine.Text, c.marketplace.Visible())
	}
}

func TestConsoleInputs(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Sales", s2sSecret) })
	c := e.u.OpenConsole("Sales")
	// The console starts with real values (issue 19): cleared here. A
	// path's problem is said beside the path.
	c.path.SetText("")
	c.query.SetText("")
	test.Tap(c.sendButton)
	contains(t, "empty path", c.pathError.Text, "Type the path")
	c.path.SetText("meetings/{meetingId}")
	test.Tap(c.sendButton)
	contains(t, "placeholder", c.pathError.Text, "Replace {meetingId}")
	c.path.SetText("https://evil.example/v2/users")
	test.Tap(c.sendButton)
	contains(t, "foreign host", c.pathError.Text, "Only addresses under")
	c.method.SetSelected("POST")
	if c.body.Disabled() || !c.paginate.Disabled() {
		t.Error("POST: want the body enabled and Paginate disabled")
	}
	c.path.SetText("users")
	typeIn(c, c.body, "{not json")
	c.body.TypedShortcut(ctrlEnter)
	contains(t, "bad JSON", c.errorLine.Text, "not valid JSON")
	c.body.SetText(`{"email":"x@example.com"}`)
	test.Tap(c.copyCurlButton)
	contains(t, "POST curl", e.app.Clipboard().Content(), "curl -X POST ", `--data '{"email":"x@example.com"}'`, "'"+e.ep.APIBaseURL+"/users'")
	sendAndWait(e, c) // to the fake Zoom, which takes no POST /users
	contains(t, "status", c.status.Text, "405 Method Not Allowed")
	contains(t, "error", c.errorLine.Text, "405")
	if len(c.history) != 1 || c.history[0].Status != 405 || c.history[0].Method != "POST" {
		t.Errorf("history = %+v; want the POST with its 405", c.history)
	}
}

func TestSuggestPaths(t *testing.T) {
	got := suggestPaths("partic")
	if len(got) == 0 || !strings.Contains(strings.Join(got, " "), "past_meetings/{meetingId}/participants") {
		t.Errorf("suggestPaths(partic) = %q", got)
	}
	for _, want := range []string{"users/me", "webinars/{webinarId}", "report/daily", "users/{userId}/recordings", "phone/users"} {
		found := false
		for _, p := range suggestPaths("") {
			found = found || p == want
		}
		if !found {
			t.Errorf("no suggestion %q", want)
		}
	}
}

// The app's own caller: the core's API call against the fake Zoom.
func TestConsoleCallsZoom(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Sales", s2sSecret) })
	for i := 2; i <= 5; i++ {
		e.fake.AddUser(zoomtest.User{ID: fmt.Sprintf("user-%d", i), Email: fmt.Sprintf("u%d@example.com", i), AccountID: accountID})
	}
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users/me")
	sendAndWait(e, c)
	contains(t, "status", c.status.Text, "200 OK")
	contains(t, "response", shownText(c), `"email": "`+userEmail+`"`)

	c.path.SetText("users")
	typeIn(c, c.query, "page_size=2")
	test.Tap(c.paginate)
	sendAndWait(e, c)
	contains(t, "status", c.status.Text, "200 OK")
	var merged struct {
		Users         []map[string]any `json:"users"`
		NextPageToken *string          `json:"next_page_token"`
	}
	if err := json.Unmarshal([]byte(shownText(c)), &merged); err != nil || len(merged.Users) != 5 || merged.NextPageToken != nil {
		t.Errorf("merged pages: %d users, next_page_token %v, err %v:\n%s", len(merged.Users), merged.NextPageToken, err, shownText(c))
	}

	// A call the token lacks the scopes for: the scope doctor's sentence.
	test.Tap(c.paginate)
	c.query.SetText("")
	c.path.SetText("users/me/meetings")
	sendAndWait(e, c)
	contains(t, "status", c.status.Text, "400")
	contains(t, "scope error", c.errorLine.Text, "one of:")
	if !c.marketplace.Visible() {
		t.Error("no Marketplace button for a 4711 from Zoom")
	}
}

// The console calls, and its curl command names, the address the core's
// call goes to: Zoom's regional host once a token announced one.
func TestConsoleUsesTheRegionalAPIBase(t *testing.T) {
	e, _ := newConsoleEnv(t)
	res, err := e.store.SaveConnection(auth.ConnectionInput{Name: "EU", Type: auth.AuthS2S, AccountID: "acct", ClientID: "cid",
		ClientSecret: "eu-secret", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.UpdateConnection(res.Connection.ID, func(c *auth.Connection) { c.TokenAPIURL = "https://eu01api.zoom.us" }); err != nil {
		t.Fatal(err)
	}
	e.u.reload()
	c := e.u.OpenConsole("EU")
	c.query.SetText("") // no query, as the wanted address has none
	typeIn(c, c.path, "users/me")
	test.Tap(c.copyCurlButton)
	if curl := e.app.Clipboard().Content(); !strings.HasSuffix(curl, " 'https://eu01api.zoom.us/v2/users/me'") {
		t.Fatalf("curl = %q; want the regional API host", curl)
	}
}
