package gui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/gui/guitest"
	"zoomconn/gui/kit"
	apptheme "zoomconn/gui/theme"
)

// The SDK secrets the tests store; no widget may ever show them.
const (
	videoSDKSecret   = "video-sdk-secret-0123456789"
	meetingSDKSecret = "meeting-sdk-secret-9876543210"
)

func (e *env) saveSDKs() {
	e.t.Helper()
	for _, in := range []auth.SDKInput{
		{Name: "Video prod", Type: auth.SDKVideo, SDKKey: "vidKeyAB", Secret: videoSDKSecret},
		{Name: "Kiosk", Type: auth.SDKMeeting, SDKKey: "legacyKey9", Secret: meetingSDKSecret},
	} {
		if _, err := e.store.SaveSDK(in); err != nil {
			e.t.Fatal(err)
		}
	}
}

// sdkSectionShown says whether the SDK section is laid out in the window.
func sdkSectionShown(e *env) bool {
	return slices.Contains(test.LaidOutObjects(e.u.win.Content()), fyne.CanvasObject(e.u.sdks.List))
}

// With no SDK credential the window has no SDK section; with some, the
// section under the OAuth clients lists each by name with its type and
// SDK key, sorted by name, and never shows a secret.
func TestSDKSectionListsCredentialsWithoutSecrets(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	e.u.win.Resize(defaultSize)
	if sdkSectionShown(e) {
		t.Fatal("an SDK section shows with no SDK credential")
	}
	e.saveSDKs()
	e.u.reload()
	e.u.win.Resize(defaultSize)
	if !sdkSectionShown(e) {
		t.Fatal("no SDK section with two SDK credentials")
	}
	var rows []string
	for _, c := range e.u.sdks.Rows() {
		cells := []fyne.CanvasObject{&kit.FitLabel{}, &kit.FitLabel{}, &kit.FitLabel{}, &kit.FitLabel{}}
		e.u.sdks.render(c, cells)
		var texts []string
		for _, x := range cells {
			texts = append(texts, x.(*kit.FitLabel).Text)
		}
		rows = append(rows, strings.Join(texts, " | "))
	}
	want := []string{"Kiosk | Meeting SDK | legacyKey9 | Meeting SDK signatures", "Video prod | Video SDK | vidKeyAB | Video SDK tokens"}
	if !slices.Equal(rows, want) {
		t.Errorf("rows\n%q\nwant\n%q", rows, want)
	}
	e.u.selectSDK("Video prod")
	all := shownTexts(e.u.win)
	for _, s := range []string{"SDK credentials", "vidKeyAB", "Video prod · Video SDK credential", "Video SDK tokens"} {
		if !strings.Contains(all, s) {
			t.Errorf("the window does not show %q", s)
		}
	}
	for _, s := range []string{videoSDKSecret, meetingSDKSecret} {
		if strings.Contains(all, s) {
			t.Errorf("the window shows an SDK secret")
		}
	}
	// The last one deleted (by the command line, say): the section goes.
	for _, n := range []string{"Video prod", "Kiosk"} {
		if err := e.store.DeleteSDK(n); err != nil {
			t.Fatal(err)
		}
	}
	e.u.reload()
	if sdkSectionShown(e) {
		t.Error("the SDK section stays with no SDK credential left")
	}
}

// Selecting a credential describes it and enables its actions, which open
// gui/sdk's windows: Signature… its Video SDK token window, Edit its form
// (the secret masked and empty), Delete asks and then deletes it (its
// secret with it: the store's tests check that).
func TestSDKSectionActions(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveSDKs() })
	l := e.u.sdks
	for _, b := range []*kit.Button{l.signButton, l.editButton, l.deleteButton} {
		if !b.Disabled() {
			t.Errorf("%s is enabled with nothing selected", b.Text)
		}
	}
	if l.details.Visible() {
		t.Errorf("details %q shown with nothing selected", l.details.Text)
	}
	if !e.u.selectSDK("Video prod") {
		t.Fatal("no Video prod")
	}
	contains(t, "details", l.details.Text, "Video prod · Video SDK credential", "Video SDK tokens", "keyring")
	for _, b := range []*kit.Button{l.signButton, l.editButton, l.deleteButton, l.newButton} {
		if b.Disabled() {
			t.Errorf("%s is disabled on a selected credential", b.Text)
		}
	}

	test.Tap(l.signButton)
	w := guitest.Window(e.app, "Video SDK token — Video prod")
	if w == nil {
		t.Fatal("Signature… opened no Video SDK token window")
	}
	w.Close()

	test.Tap(l.editButton)
	w = guitest.Window(e.app, "Edit SDK credential — Video prod")
	if w == nil {
		t.Fatal("Edit opened no form")
	}
	for _, en := range guitest.All[*kit.FormEntry](w.Content()) {
		if en.Password && en.Text != "" {
			t.Error("the form shows a stored secret")
		}
		if en.Text == videoSDKSecret {
			t.Error("the form holds the SDK secret")
		}
	}
	w.Close()

	test.Tap(l.newButton)
	w = guitest.Window(e.app, "New SDK credential")
	if w == nil {
		t.Fatal("New SDK credential opened no form")
	}
	w.Close()

	test.Tap(l.deleteButton)
	m := e.topModal()
	contains(t, "question", m.Title, "Delete the SDK credential?")
	tapButton(t, m, "Delete")
	e.waitJobs()
	if _, ok := e.data().SDKCredential("Video prod"); ok {
		t.Fatal("Delete left the credential")
	}
	if got := len(l.Rows()); got != 1 {
		t.Errorf("%d rows after the delete; want 1", got)
	}
}

// The search box filters the SDK section with the other lists, on name,
// type and SDK key.
func TestSearchFiltersSDKCredentials(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveSDKs()
	})
	names := func() []string {
		var out []string
		for _, c := range e.u.sdks.Rows() {
			out = append(out, c.Name)
		}
		return out
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{{"", []string{"Kiosk", "Video prod"}}, {"video", []string{"Video prod"}}, {"meeting sdk", []string{"Kiosk"}}, {"LEGACYKEY", []string{"Kiosk"}}, {"reports", nil}} {
		e.u.conns.search.SetText(tc.q)
		if got := names(); !slices.Equal(got, tc.want) {
			t.Errorf("search %q shows %q; want %q", tc.q, got, tc.want)
		}
	}
	if len(e.u.conns.Rows()) != 1 {
		t.Error("the search for a connection hid it")
	}
}

// By keys alone, as in the other lists: Tab reaches the SDK list after the
// OAuth clients, Down and Space select, Return edits, Delete asks (Esc
// cancels), F1 opens the guide at its SDK tab.
func TestKeyboardInTheSDKSection(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveOAuth("My meetings")
		e.saveSDKs()
	})
	c := e.u.win.Canvas()
	var order []fyne.Focusable
	for range 60 {
		test.FocusNext(c)
		f := c.Focused()
		if f == nil || slices.Contains(order, f) {
			break
		}
		order = append(order, f)
	}
	clients, sdkNew, sdks := slices.Index(order, fyne.Focusable(e.u.clients.List)), slices.Index(order, fyne.Focusable(e.u.sdks.newButton)), slices.Index(order, fyne.Focusable(e.u.sdks.List))
	if clients < 0 || sdkNew < 0 || sdks < 0 || !(clients < sdkNew && sdkNew < sdks) {
		t.Fatalf("Tab order: OAuth client list %d, New SDK credential %d, SDK list %d", clients, sdkNew, sdks)
	}
	c.Focus(e.u.sdks.List)
	keys := func(names ...fyne.KeyName) {
		for _, k := range names {
			c.Focused().TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	keys(fyne.KeyDown, fyne.KeySpace)
	if got, _ := e.u.sdks.selected(); got.Name != "Video prod" {
		t.Fatalf("Down, Space selected %q; want Video prod", got.Name)
	}
	keys(fyne.KeyReturn)
	w := guitest.Window(e.app, "Edit SDK credential — Video prod")
	if w == nil {
		t.Fatal("Return did not edit the selected credential")
	}
	w.Close()
	c.Focus(e.u.sdks.List)
	keys(fyne.KeyDelete)
	contains(t, "question", e.topModal().Title, "Delete the SDK credential?")
	typeKey(e, fyne.KeyEscape)
	if len(e.data().SDKCredentials) != 2 || e.u.topModal() != nil {
		t.Error("Esc did not cancel the deletion")
	}
	c.Focus(e.u.sdks.List)
	keys(fyne.KeyF1)
	g := guitest.Window(e.app, "Set-up guide")
	if g == nil {
		t.Fatal("F1 opened no guide")
	}
	if tabs := findTabs(g.Content()); tabs == nil || tabs.SelectedIndex() != guideSDKTab {
		t.Error("F1 in the SDK list did not open the guide at its SDK tab")
	}
	g.Close()
}

// With SDK credentials the default window shows rows of every list:
// connections (fewer than the eight without them: the OAuth clients and
// SDK credentials take at least a row each), OAuth clients and SDK
// credentials, and the details in full.
func TestDefaultWindowWithSDKCredentialsShowsEveryList(t *testing.T) {
	e := newEnv(t, func(e *env) {
		for i := range 12 {
			e.saveS2S("Conn "+string(rune('A'+i)), s2sSecret)
		}
		for i := range 3 {
			if _, err := e.store.SaveClient(auth.ClientInput{Name: "Client " + string(rune('A'+i)), ClientID: genClientID, ClientSecret: genSecret, Endpoints: e.ep}); err != nil {
				t.Fatal(err)
			}
		}
		e.saveSDKs()
	})
	e.app.Settings().SetTheme(apptheme.App())
	e.u.selectConnection("Conn C")
	e.u.selectSDK("Kiosk")
	e.u.win.Resize(fyne.NewSize(defaultSize.Width, defaultSize.Height-menuBarHeight))
	t.Logf("rows shown: connections %d, OAuth clients %d, SDK credentials %d", rowsShown(e.u.conns.List), rowsShown(e.u.clients.List), rowsShown(e.u.sdks.List))
	if n := rowsShown(e.u.conns.List); n < 5 {
		t.Errorf("%d connection rows shown; want at least 5", n)
	}
	if n := rowsShown(e.u.clients.List); n < 1 {
		t.Errorf("%d OAuth client rows shown; want at least 1", n)
	}
	if n := rowsShown(e.u.sdks.List); n < 1 {
		t.Errorf("%d SDK credential rows shown; want at least 1", n)
	}
	if l := e.u.sdks.details; l.Size().Height+0.5 < l.MinSize().Height {
		t.Errorf("the SDK details line is %v high, needs %v", l.Size().Height, l.MinSize().Height)
	}

	// The details of a connection agents used show their last calls too:
	// the tallest the pane gets.
	c, _ := e.data().Connection("Conn C")
	for range 4 {
		if err := e.store.AppendMCPCall(c.ID, store.MCPCall{Time: time.Now(), Tool: "zoom_api", Method: "GET", Path: "/users/me", Status: 200, Outcome: store.MCPOutcomeOK}); err != nil {
			t.Fatal(err)
		}
	}
	e.u.reload()
	e.waitJobs()
	e.u.win.Resize(fyne.NewSize(defaultSize.Width, defaultSize.Height-menuBarHeight+1))
	if !e.u.details.agentRow.Visible() {
		t.Fatal("no agent calls in the details")
	}
	t.Logf("with the agent calls: connections %d", rowsShown(e.u.conns.List))
	if n := rowsShown(e.u.conns.List); n < 3 {
		t.Errorf("with the agent calls, %d connection rows shown; want at least 3", n)
	}
	for _, l := range []*widget.Label{e.u.details.label, e.u.details.calls} {
		if l.Size().Height+0.5 < l.MinSize().Height {
			t.Errorf("details line %q is %v high, needs %v", l.Text, l.Size().Height, l.MinSize().Height)
		}
	}
}

// The connection's details show its last AI agent calls, newest first,
// only when there are any, cleaned, with no token; the button opens the AI
// agent window on it.
func TestDetailsShowTheLastAgentCalls(t *testing.T) {
	var reports auth.Connection
	e := newEnv(t, func(e *env) {
		reports = e.saveS2S("Reports", s2sSecret)
		e.saveS2S("Quiet", s2sSecret)
	})
	d := e.u.details
	e.u.selectConnection("Reports")
	e.waitJobs()
	if d.agentRow.Visible() {
		t.Fatal("agent calls show for a connection no agent used")
	}
	at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for i := range 5 {
		call := store.MCPCall{Time: at.Add(time.Duration(i) * time.Minute), Tool: "zoom_api", Method: "GET", Path: "/users/me?next_page_token=tok" + string(rune('0'+i)), Status: 200, Outcome: store.MCPOutcomeOK, Duration: 12 * time.Millisecond}
		if i == 4 {
			call = store.MCPCall{Time: at.Add(4 * time.Minute), Tool: "zoom_api", Method: "POST", Path: "/users/me/meetings\x1b[2J", Outcome: store.MCPOutcomeRefused}
		}
		if err := e.store.AppendMCPCall(reports.ID, call); err != nil {
			t.Fatal(err)
		}
	}
	e.u.reload() // as after an action, or when the window comes back
	e.waitJobs()
	if !d.agentRow.Visible() {
		t.Fatal("the details do not show the agent calls")
	}
	lines := strings.Split(d.calls.Text, "\n")
	if len(lines) != detailsCalls {
		t.Fatalf("%d calls shown; want %d:\n%s", len(lines), detailsCalls, d.calls.Text)
	}
	if l := lines[0]; !strings.HasPrefix(l, at.Add(4*time.Minute).Local().Format("2 Jan 15:04:05")+"  zoom_api  POST /users/me/meetings") || !strings.HasSuffix(l, "  refused  0s") {
		t.Errorf("newest call %q", l)
	}
	if want := at.Add(3*time.Minute).Local().Format("2 Jan 15:04:05") + "  zoom_api  GET /users/me  200  12ms"; lines[1] != want {
		t.Errorf("older call %q; want %q", lines[1], want)
	}
	if strings.Contains(d.calls.Text, "tok") || strings.Contains(d.calls.Text, "next_page_token") || strings.ContainsRune(d.calls.Text, 0x1b) {
		t.Errorf("the calls show a query or a raw escape:\n%s", d.calls.Text)
	}
	if strings.Contains(shownTexts(e.u.win), s2sSecret) {
		t.Error("the window shows the secret")
	}

	e.u.selectConnection("Quiet")
	e.waitJobs()
	if d.agentRow.Visible() {
		t.Error("Quiet shows Reports' agent calls")
	}
	e.u.selectConnection("Reports")
	e.waitJobs()
	test.Tap(d.agentOpen)
	w := guitest.Window(e.app, "Use with an AI agent: Reports")
	if w == nil {
		t.Fatal("the button opened no AI agent window on Reports")
	}
	w.Close()
}
