package console

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
)

// Issue 19, the first-time user: the console's answer always belongs to
// the request shown, path problems sit beside the path, Copy's note comes
// and goes without moving anything, Esc and Ctrl+W close, a picked path's
// placeholder is selected, the defaults are values, a disabled body looks
// disabled, Paginate says how far it got and what it got, and a large
// answer shows at once.

// answered says whether the console shows an answer: a status, a body, an
// error or a Copy response to press.
func answered(c *console) bool {
	return c.status.Text != "" || c.pretty.String() != "" || c.response.Text != "" || c.errorLine.Visible() || !c.copyResponseButton.Disabled()
}

func TestConsoleAnswerBelongsToTheRequestShown(t *testing.T) {
	e, api := newConsoleEnv(t)
	c := e.u.OpenConsole("Sales")
	sendAndWait(e, c)
	if !answered(c) {
		t.Fatal("no answer shown")
	}

	// Another connection: the answer was Sales', it goes.
	c.connSelect.SetSelected("Ops")
	if answered(c) {
		t.Errorf("after picking Ops: status %q, body %q; want nothing of Sales' answer", c.status.Text, c.pretty.String())
	}

	// A path error: said beside the path, under no earlier answer; it
	// goes once the path is fixed.
	sendAndWait(e, c)
	c.path.SetText("users/{userId}")
	test.Tap(c.sendButton)
	contains(t, "beside the path", c.pathError.Text, "Replace {userId}")
	if !c.pathError.Visible() || c.pathHint.Visible() {
		t.Error("the path's problem does not show in the hint's place")
	}
	if answered(c) {
		t.Errorf("the path error shows under the last answer (status %q)", c.status.Text)
	}
	c.win.Canvas().Focus(c.path)
	c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	for range len("{userId}") {
		c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	typeFocused(c.win.Canvas(), "me")
	if c.pathError.Visible() || c.pathError.Text != "" || !c.pathHint.Visible() {
		t.Errorf("the path is fixed (%q) but its error stays: %q", c.path.Text, c.pathError.Text)
	}
	contains(t, "hint", c.pathHint.Text, "Relative to "+e.ep.APIBaseURL)

	// Its connection deleted: the answer goes with it.
	sendAndWait(e, c)
	if !answered(c) {
		t.Fatal("no answer from Ops")
	}
	if err := e.store.DeleteConnection("Ops"); err != nil {
		t.Fatal(err)
	}
	e.u.reload()
	if c.connSelect.Selected != "" || answered(c) {
		t.Errorf("after the delete: connection %q, status %q; want no answer under (pick a connection)", c.connSelect.Selected, c.status.Text)
	}

	// A call still running when the connection changes: cancelled, and
	// its answer never shows under the other one.
	c.connSelect.SetSelected("Sales")
	api.mu.Lock()
	api.block = true
	api.mu.Unlock()
	test.Tap(c.sendButton)
	select {
	case <-api.started:
	case <-time.After(20 * time.Second):
		t.Fatal("the call did not start")
	}
	c.connSelect.SetSelected("")
	c.connSelect.ClearSelected()
	e.waitJobs()
	if answered(c) || c.status.Text == "Cancelled." {
		t.Errorf("a call of Sales answered under no connection: %q", c.status.Text)
	}
	if !c.cancelButton.Disabled() || c.progress.Visible() {
		t.Error("the call still shows as running")
	}
}

// fakeTimers is the context's AfterFunc in a test: what is due runs when
// the test says.
type fakeTimers struct{ due []func() }

func (f *fakeTimers) after(_ time.Duration, fn func()) { f.due = append(f.due, fn) }

// fire runs every timer set so far.
func (f *fakeTimers) fire() {
	due := f.due
	f.due = nil
	for _, fn := range due {
		fn()
	}
}

func TestConsoleCopyNoteIsTransientAndMovesNothing(t *testing.T) {
	e, _ := newConsoleEnv(t)
	timers := &fakeTimers{}
	e.u.room.AfterFunc = timers.after
	c := e.u.OpenConsole("Sales")
	sendAndWait(e, c)
	content := c.win.Content()
	size, minSize := c.win.Canvas().Size(), content.MinSize()
	history := c.historyList.Size()

	for _, copyButton := range []*widget.Button{&c.copyCurlButton.Button, &c.copyResponseButton.Button} {
		test.Tap(copyButton)
		if !c.noteLine.Visible() || !c.noteBox.Visible() || c.noteLine.Text == "" {
			t.Fatalf("%s: no note", copyButton.Text)
		}
		if got := content.MinSize(); got != minSize {
			t.Errorf("%s: the window's least size went from %v to %v", copyButton.Text, minSize, got)
		}
		if got := c.win.Canvas().Size(); got != size {
			t.Errorf("%s: the window went from %v to %v", copyButton.Text, size, got)
		}
		if got := c.historyList.Size(); got != history {
			t.Errorf("%s: the history went from %v to %v", copyButton.Text, history, got)
		}
		// The note lies over the body, in the window.
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.noteBox)
		if pos.X < 0 || pos.X+c.noteBox.Size().Width > size.Width+1 || c.noteBox.Size().Width <= 0 {
			t.Errorf("%s: the note lies at %v, %v in a window of %v", copyButton.Text, pos, c.noteBox.Size(), size)
		}
		e.pump()
		timers.fire()
		e.pump()
		if c.noteLine.Visible() || c.noteBox.Visible() {
			t.Errorf("%s: the note stays once its time is up", copyButton.Text)
		}
	}

	// A second Copy within the first's time: the first's timer does not
	// take the second's note away.
	test.Tap(c.copyCurlButton)
	first := timers.due
	timers.due = nil
	test.Tap(c.copyResponseButton)
	for _, fn := range first {
		fn()
	}
	e.pump()
	if !c.noteLine.Visible() || c.noteLine.Text != "Copied the response." {
		t.Errorf("an older note's timer took %q away", c.noteLine.Text)
	}
}

func TestConsoleEscAndCtrlWClose(t *testing.T) {
	e, _ := newConsoleEnv(t)
	for _, tc := range []struct {
		name  string
		focus func(c *console) fyne.Focusable // nil: nothing
		key   fyne.KeyName                    // "": Ctrl+W
	}{
		{"Esc in the path", func(c *console) fyne.Focusable { return c.path }, fyne.KeyEscape},
		{"Esc in the query", func(c *console) fyne.Focusable { return c.query }, fyne.KeyEscape},
		{"Esc on the connection", func(c *console) fyne.Focusable { return c.connSelect }, fyne.KeyEscape},
		{"Esc on Paginate", func(c *console) fyne.Focusable { return c.paginate }, fyne.KeyEscape},
		{"Esc on Send", func(c *console) fyne.Focusable { return c.sendButton }, fyne.KeyEscape},
		{"Esc on the history", func(c *console) fyne.Focusable { return c.historyList }, fyne.KeyEscape},
		{"Esc with nothing focused", nil, fyne.KeyEscape},
		{"Ctrl+W in the path", func(c *console) fyne.Focusable { return c.path }, ""},
		{"Ctrl+W in the body", func(c *console) fyne.Focusable { c.method.SetSelected("POST"); return c.body }, ""},
		{"Ctrl+W with nothing focused", nil, ""},
	} {
		c := e.u.OpenConsole("Sales")
		cv := c.win.Canvas()
		cv.Unfocus()
		var target fyne.Focusable
		if tc.focus != nil {
			target = tc.focus(c)
			cv.Focus(target)
		}
		switch {
		case tc.key != "" && target != nil:
			target.TypedKey(&fyne.KeyEvent{Name: tc.key})
		case tc.key != "":
			cv.OnTypedKey()(&fyne.KeyEvent{Name: tc.key})
		case target != nil:
			// The driver gives a shortcut to a focused widget that takes
			// shortcuts, else to the window.
			if s, ok := target.(fyne.Shortcutable); ok {
				s.TypedShortcut(ctrlW)
			} else {
				cv.(fyne.Shortcutable).TypedShortcut(ctrlW)
			}
		default:
			cv.(fyne.Shortcutable).TypedShortcut(ctrlW)
		}
		if windowOpen(e.app, c.win) {
			t.Errorf("%s did not close the console", tc.name)
			c.win.Close()
		}
	}
}

// pickFromMenu taps the item of the path's drop-down labelled label.
func pickFromMenu(t *testing.T, c *console, label string) {
	t.Helper()
	test.Tap(c.path.dropDown)
	pm := c.path.popUp
	if pm == nil || !pm.Visible() || c.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the drop-down shows no menu")
	}
	for i, p := range c.path.suggestions() {
		if p == label {
			pm.Items[i].(fyne.Tappable).Tapped(&fyne.PointEvent{})
			return
		}
	}
	t.Fatalf("the drop-down offers no %q", label)
}

func TestConsolePickedPathSelectsItsPlaceholder(t *testing.T) {
	e, api := newConsoleEnv(t)
	c := e.u.OpenConsole("Sales")
	c.path.SetText("recordings")
	pickFromMenu(t, c, "users/{userId}/recordings")
	if c.path.Text != "users/{userId}/recordings" || c.path.SelectedText() != "{userId}" || c.win.Canvas().Focused() != c.path {
		t.Fatalf("picked: %q, selected %q, focus %T", c.path.Text, c.path.SelectedText(), c.win.Canvas().Focused())
	}
	typeFocused(c.win.Canvas(), "me")
	if c.path.Text != "users/me/recordings" {
		t.Fatalf("typing over the placeholder gave %q", c.path.Text)
	}
	sendAndWait(e, c)
	if _, r := api.last(); r.Path != "users/me/recordings" {
		t.Errorf("sent %q", r.Path)
	}
	// A path without a placeholder: the cursor at its end, nothing selected.
	c.path.SetText("")
	pickFromMenu(t, c, "users/me")
	if c.path.SelectedText() != "" || c.path.CursorColumn != len("users/me") {
		t.Errorf("picked users/me: selected %q, cursor at %d", c.path.SelectedText(), c.path.CursorColumn)
	}
}

func TestConsoleDefaultsAreValues(t *testing.T) {
	e, api := newConsoleEnv(t)
	c := e.u.OpenConsole("Sales")
	if c.path.Text != defaultPath || c.query.Text != defaultQuery {
		t.Fatalf("the console opens with path %q, query %q; want values to send", c.path.Text, c.query.Text)
	}
	sendAndWait(e, c)
	if c.pathError.Text != "" {
		t.Fatalf("Send on the defaults: %q", c.pathError.Text)
	}
	if _, r := api.last(); r.Path != "users/me" || r.Query.Get("page_size") != "30" {
		t.Errorf("Send on the defaults sent %q %v", r.Path, r.Query)
	}
	// A path set while the default is selected (a history entry reused)
	// is not left half selected.
	c.win.Canvas().Focus(c.path)
	c.path.SetText("meetings")
	if got := c.path.SelectedText(); got != "" {
		t.Errorf("the path set over a selection has %q selected", got)
	}
	// A default is selected where the keyboard brings the focus, so typing
	// replaces it; once typed, it is kept.
	c.win.Canvas().Focus(c.query)
	typeFocused(c.win.Canvas(), "status=active")
	if c.query.Text != "status=active" {
		t.Errorf("typing into the default query gave %q", c.query.Text)
	}
	c.win.Canvas().Focus(c.path)
	c.win.Canvas().Focus(c.query)
	typeFocused(c.win.Canvas(), "\npage_size=5")
	if c.query.Text != "status=active\npage_size=5" {
		t.Errorf("typing into a typed query gave %q", c.query.Text)
	}
}

func TestConsoleDisabledBodyLooksDisabled(t *testing.T) {
	e, _ := newConsoleEnv(t)
	c := e.u.OpenConsole("Sales")
	for _, tc := range []struct {
		method   string
		disabled bool
	}{{"GET", true}, {"POST", false}, {"DELETE", true}, {"PATCH", false}} {
		c.method.SetSelected(tc.method)
		if c.body.Disabled() != tc.disabled || c.bodyCover.Visible() != tc.disabled {
			t.Errorf("%s: body disabled %v, flat cover shown %v; want %v", tc.method, c.body.Disabled(), c.bodyCover.Visible(), tc.disabled)
		}
		if tc.disabled {
			contains(t, tc.method+" cover", c.bodyCover.Text, tc.method+" sends no body")
			if c.bodyCover.Size() != c.body.Size() || c.bodyCover.Position() != c.body.Position() {
				t.Errorf("%s: the cover lies at %v %v, the body at %v %v", tc.method, c.bodyCover.Position(), c.bodyCover.Size(), c.body.Position(), c.body.Size())
			}
		}
	}
}

// pagingAPI answers a paginated call page by page, telling the console
// each page and waiting for the test between them.
type pagingAPI struct {
	next chan struct{}
	body []byte
}

func (p *pagingAPI) Call(ctx context.Context, _ string, r Request) (*Response, error) {
	for page := 1; page <= 4; page++ {
		select {
		case <-p.next:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		r.OnPage(access.PageProgress{Pages: page, Items: min(300*page, 1000), List: "users"})
	}
	return &Response{Status: 200, Header: http.Header{}, Body: p.body, Duration: 3100 * time.Millisecond}, nil
}

func TestConsolePaginateSaysHowFarAndWhatItGot(t *testing.T) {
	api := &pagingAPI{next: make(chan struct{}), body: []byte(`{"users":[]}`)}
	e := newEnv(t, func(e *env) { e.saveS2S("Sales", s2sSecret) }, func(_ *env, o *Options) { o.API = api })
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users")
	test.Tap(c.paginate)
	test.Tap(c.sendButton)
	for page, want := range []string{"1 page, 300 users so far…", "2 pages, 600 users so far…", "3 pages, 900 users so far…"} {
		api.next <- struct{}{}
		e.pumpUntil("page "+fmt.Sprint(page+1), func() bool { return strings.HasSuffix(c.status.Text, want) })
		contains(t, "status", c.status.Text, "Calling GET users… ")
	}
	api.next <- struct{}{}
	e.waitJobs()
	if c.status.Text != "200 OK · 4 pages · 1,000 users · 3.1 s" {
		t.Errorf("summary %q", c.status.Text)
	}
	// Not paginated: the status and the time.
	test.Tap(c.paginate)
	go func() {
		for range 4 {
			api.next <- struct{}{}
		}
	}()
	sendAndWait(e, c)
	if c.status.Text != "200 OK · 3.1 s" {
		t.Errorf("summary %q", c.status.Text)
	}

	for _, tc := range []struct {
		d    time.Duration
		want string
	}{{300 * time.Microsecond, "<1 ms"}, {11 * time.Millisecond, "11 ms"}, {999 * time.Millisecond, "999 ms"}, {3140 * time.Millisecond, "3.1 s"}} {
		if got := durationText(tc.d); got != tc.want {
			t.Errorf("durationText(%v) = %q; want %q", tc.d, got, tc.want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
	if got := countOf(1, "users"); got != "1 user" {
		t.Errorf("countOf(1, users) = %q", got)
	}
}

// The console's own caller, against the fake Zoom: the pages merged, the
// summary true to them, the page fields of one page gone.
func TestConsolePaginateAgainstZoom(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Sales", s2sSecret) })
	e.fake.AddUsers(accountID, 6)
	c := e.u.OpenConsole("Sales")
	typeIn(c, c.path, "users")
	typeIn(c, c.query, "page_size=3")
	test.Tap(c.paginate)
	sendAndWait(e, c)
	var merged map[string]json.RawMessage
	if err := json.Unmarshal([]byte(c.full), &merged); err != nil {
		t.Fatalf("%v: %s", err, c.full)
	}
	var users []json.RawMessage
	_ = json.Unmarshal(merged["users"], &users)
	pages := (len(users) + 2) / 3
	contains(t, "summary", c.status.Text, fmt.Sprintf("200 OK · %d pages · %d users · ", pages, len(users)))
	for _, gone := range []string{"page_count", "page_number", "next_page_token"} {
		if _, ok := merged[gone]; ok {
			t.Errorf("the merged document keeps %s", gone)
		}
	}
}

// A 5 MB answer shows at once: the body view holds the lines in view, not
// all of them, and follows the scroll.
func TestConsoleLargeBodyShowsFast(t *testing.T) {
	e, api := newConsoleEnv(t)
	var b strings.Builder
	b.WriteString(`{"page_size":300,"users":[`)
	for i := 0; b.Len() < 5<<20; i++ {
		fmt.Fprintf(&b, `{"id":"user-%d","email":"u%d@example.com","first_name":"Ada","last_name":"Lovelace","type":1,"status":"active"},`, i, i)
	}
	b.WriteString(`{"id":"last"}]}`)
	api.resp = &Response{Status: 200, Header: http.Header{}, Body: []byte(b.String())}
	c := e.u.OpenConsole("Sales")
	t0 := time.Now()
	sendAndWait(e, c)
	c.win.Content().Refresh()
	took := time.Since(t0)
	t.Logf("a %d KiB body showed in %v", b.Len()>>10, took)
	if took > 3*time.Second { // a few hundred ms without -race
		t.Errorf("a 5 MB body took %v to show", took)
	}
	contains(t, "status", c.status.Text, "200 OK")
	if !c.bodyView.windowed() {
		t.Fatal("the large body is laid out whole")
	}
	if rows := strings.Count(c.pretty.String(), "\n"); rows > 500 {
		t.Errorf("the RichText holds %d rows; want those in view", rows)
	}
	contains(t, "top", c.pretty.String(), "{\n  \"page_size\": 300,\n  \"users\": [")
	if got := segmentColour(c, `"id": "user-0",`); got != jsonPunctColour {
		t.Errorf("a large body is coloured (%q)", got)
	}
	// Scrolled to the end: the lines there.
	c.bodyView.scroll.ScrollToBottom()
	contains(t, "bottom", c.pretty.String(), "cut at 1 MiB")
	if strings.Contains(c.pretty.String(), `"page_size": 300`) {
		t.Error("the top lines stay after scrolling to the end")
	}
	if len(c.full) < 5<<20 {
		t.Errorf("Copy response would copy %d bytes", len(c.full))
	}
}
