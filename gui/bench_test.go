package gui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
)

// seedConnections writes n connections straight into the metadata file
// (saving them one by one would rewrite the file n times).
func seedConnections(tb testing.TB, n int, secrets secret.Store) *store.Store {
	tb.Helper()
	store, err := store.Open(filepath.Join(tb.TempDir(), "config"), secrets)
	if err != nil {
		tb.Fatal(err)
	}
	d := auth.Data{Schema: auth.SchemaVersion, Clients: []auth.OAuthClient{
		{ID: "cl-1", Name: "Team app", ClientID: "genClientID", Kind: auth.Confidential},
		{ID: "cl-2", Name: "Desktop", ClientID: "pubClientID", Kind: auth.Public},
	}}
	ep, _ := auth.PresetEndpoints(auth.PresetZoom)
	now := time.Now().UTC()
	for i := range n {
		c := auth.Connection{ID: fmt.Sprintf("id-%06d", i), Name: fmt.Sprintf("Connection %06d", i), Type: auth.AuthS2S,
			AccountID: "acct", ClientID: "client", Endpoints: ep, Created: now, Updated: now}
		switch i % 4 {
		case 1:
			c.Type, c.AccountID, c.ClientID, c.OAuthClientID, c.NeedsAuth = auth.AuthOAuth, "", "", "cl-1", true
		case 2:
			exp := now.Add(time.Duration(i%60) * time.Minute)
			c.TokenExpiry = &exp
			c.LastTest = &auth.TestResult{At: now, OK: true, Message: "works"}
		case 3:
			c.Type, c.AccountID, c.ClientID, c.OAuthClientID = auth.AuthOAuth, "", "", "cl-2"
			c.LastTest = &auth.TestResult{At: now, OK: false, Message: "invalid_grant"}
		}
		d.Connections = append(d.Connections, c)
	}
	raw, err := json.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(store.Path(), raw, 0o600); err != nil {
		tb.Fatal(err)
	}
	return store
}

// countingSecrets records every SecretStore call.
type countingSecrets struct {
	secrettest.Memory
	mu    sync.Mutex
	calls []string
}

func newCountingSecrets() *countingSecrets {
	c := &countingSecrets{}
	c.Fail = func(op, key string) error {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.calls = append(c.calls, op+" "+key)
		return nil
	}
	return c
}

func (c *countingSecrets) Calls() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.calls...)
}

// visibleCellTexts is the text of every label the connection list draws.
func visibleCellTexts(l fyne.CanvasObject) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(l) {
		if lbl, ok := o.(*kit.FitLabel); ok && lbl.Visible() {
			b.WriteString(lbl.Text + "\n")
		}
	}
	return b.String()
}

func TestListingAndFilteringMakeNoSecretCalls(t *testing.T) {
	sec := newCountingSecrets()
	store := seedConnections(t, 1000, sec)
	a := test.NewTempApp(t)
	u := newWindow(a, Options{Service: &access.Service{Store: store}})
	u.win.Show()
	if len(u.conns.Rows()) != 1000 {
		t.Fatalf("%d rows", len(u.conns.Rows()))
	}
	u.win.Canvas().Focus(u.conns.search)
	typeFocused(u.win.Canvas(), "conn 42")
	if len(u.conns.Rows()) != 20 { // 000042, 000142, …, 000942 and 000420–000429
		t.Errorf("\"conn 42\" shows %d rows; want 20", len(u.conns.Rows()))
	}
	u.conns.List.Select(3)
	u.conns.search.SetText("needs authorization")
	if len(u.conns.Rows()) != 250 {
		t.Errorf("needs authorization: %d rows", len(u.conns.Rows()))
	}
	u.conns.search.SetText("")
	u.conns.List.ScrollToBottom()
	contains(t, "last rows", visibleCellTexts(u.conns.List), "Connection 000999", "system keyring")
	u.reload()
	if calls := sec.Calls(); len(calls) != 0 {
		t.Errorf("listing and filtering called the secret store %d times: %q", len(calls), calls[:min(5, len(calls))])
	}
}

// BenchmarkMainWindow10k builds the main window over 10,000 connections and
// scrolls the connection list from top to bottom a page at a time.
func BenchmarkMainWindow10k(b *testing.B) {
	sec := newCountingSecrets()
	store := seedConnections(b, 10_000, sec)
	a := test.NewTempApp(b)
	var last *mainWindow
	pages := 0
	var build time.Duration
	for b.Loop() {
		start := time.Now()
		u := newWindow(a, Options{Service: &access.Service{Store: store}})
		u.win.Show()
		build += time.Since(start)
		l := u.conns.List
		page := l.Size().Height
		if page <= 0 {
			b.Fatal("the list has no size")
		}
		for off := float32(0); off < float32(len(u.conns.Rows()))*40; off += page {
			l.ScrollToOffset(off)
			pages++
		}
		l.ScrollToBottom()
		if last != nil {
			last.win.Close()
		}
		last = u
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "ms-build/op")
	if got := visibleCellTexts(last.conns.List); !strings.Contains(got, "Connection 009999") {
		b.Fatalf("the last row is not drawn after scrolling: %q", got)
	}
	if calls := sec.Calls(); len(calls) != 0 {
		b.Fatalf("%d secret store calls", len(calls))
	}
}

// BenchmarkTypeSearch10k types "conn 42" into the search box one rune at a
// time over 10,000 connections, then clears it (8 keystrokes).
func BenchmarkTypeSearch10k(b *testing.B) {
	store := seedConnections(b, 10_000, &secrettest.Memory{})
	a := test.NewTempApp(b)
	u := newWindow(a, Options{Service: &access.Service{Store: store}})
	u.win.Show()
	c := u.win.Canvas()
	for b.Loop() {
		c.Focus(u.conns.search)
		for _, r := range "conn 42" {
			c.Focused().TypedRune(r)
		}
		if len(u.conns.Rows()) != 299 { // dd42, d42d, 42dd: 300, less 4242 counted twice
			b.Fatalf("%d rows for %q", len(u.conns.Rows()), u.conns.search.Text)
		}
		u.conns.search.SetText("")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*8), "ns/keystroke")
}
