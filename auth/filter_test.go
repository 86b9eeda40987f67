package auth

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func filterData() *Data {
	gov, _ := PresetEndpoints(PresetZoomGov)
	return &Data{Schema: SchemaVersion,
		Clients: []OAuthClient{
			{ID: "cl-team", Name: "Team app", ClientID: "genClientID", Kind: Confidential},
			{ID: "cl-pub", Name: "Desktop", ClientID: "pubClientID", Kind: Public},
		},
		Connections: []Connection{
			{ID: "1", Name: "Webinars", Type: AuthS2S, AccountID: "acct-9", ClientID: "s2sID", Endpoints: Endpoints{Preset: PresetZoom}, LastTest: &TestResult{At: time.Now(), OK: true}},
			{ID: "2", Name: "reports", Type: AuthS2S, AccountID: "acct-1", ClientID: "s2sID", Endpoints: gov, LastTest: &TestResult{At: time.Now(), OK: false, Message: "invalid client"}},
			{ID: "3", Name: "My meetings", Type: AuthOAuth, OAuthClientID: "cl-team", NeedsAuth: true, Endpoints: CustomEndpoints("https://a", "https://t", "https://r", "https://api")},
			{ID: "4", Name: "Älteres Konto", Type: AuthOAuth, OAuthClientID: "cl-pub"},
		},
	}
}

func TestFilterConnections(t *testing.T) {
	d := filterData()
	for _, tc := range []struct {
		q    string
		want []int // indexes into d.Connections, in data order
	}{
		{"", []int{0, 1, 2, 3}},
		{"   ", []int{0, 1, 2, 3}},
		{"WEB", []int{0}},                 // name, any case
		{"oauth 2.0", []int{2, 3}},        // auth type label
		{"custom", []int{0, 1, 2}},        // Server-to-Server's "Custom" label, custom endpoints
		{"zoomgov", []int{1}},             // endpoints preset
		{"failing", []int{1}},             // status
		{"needs authorization", []int{2}}, // status, two words
		{"never tested", []int{3}},
		{"acct-1", []int{1}},        // Account ID
		{"s2sid", []int{0, 1}},      // Client ID
		{"team", []int{2}},          // OAuth client name
		{"meet team", []int{2}},     // every word, in different fields
		{"meet desktop", []int{}},   // one word misses
		{"älteres", []int{3}},       // non-ASCII case folding
		{"invalid client", []int{}}, // the last test's message is not searched
	} {
		got := FilterConnections(d.Connections, d.Clients, tc.q)
		if !slices.Equal(got, tc.want) {
			t.Errorf("FilterConnections(%q) = %v; want %v", tc.q, got, tc.want)
		}
	}
}

func TestFilterClients(t *testing.T) {
	d := filterData()
	for _, tc := range []struct {
		q    string
		want []int
	}{{"", []int{0, 1}}, {"pkce", []int{1}}, {"CONFIDENTIAL", []int{0}}, {"pubclient", []int{1}}, {"oauth", []int{}}} {
		if got := FilterClients(d.Clients, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("FilterClients(%q) = %v; want %v", tc.q, got, tc.want)
		}
	}
}

func TestSearchIndexSortsByNameAndAgreesWithFilter(t *testing.T) {
	d := filterData()
	x := NewSearchIndex(d)
	names := func(idx []int) []string {
		var out []string
		for _, i := range idx {
			out = append(out, d.Connections[i].Name)
		}
		return out
	}
	// Case-insensitive byte order: "ä" (UTF-8 0xC3…) sorts after ASCII.
	if got, want := names(x.Connections("")), []string{"My meetings", "reports", "Webinars", "Älteres Konto"}; !slices.Equal(got, want) {
		t.Errorf("order = %q; want %q", got, want)
	}
	for _, q := range []string{"", "s2s", "oauth", "zoom", "team meet", "nothing"} {
		got := slices.Sorted(slices.Values(x.Connections(q)))
		if want := FilterConnections(d.Connections, d.Clients, q); !slices.Equal(got, want) {
			t.Errorf("index %q = %v; FilterConnections = %v", q, got, want)
		}
	}
	if got := x.Clients("app"); len(got) != 1 || d.Clients[got[0]].Name != "Team app" {
		t.Errorf("clients \"app\" = %v", got)
	}
}

// SDK credentials are found by name, type and SDK key, sorted by name.
func TestSearchIndexFindsSDKCredentials(t *testing.T) {
	d := &Data{Schema: SchemaVersion, SDKCredentials: []SDKCredential{
		{ID: "s1", Name: "webinar kiosk", Type: SDKMeeting, SDKKey: "legacyKey9"},
		{ID: "s2", Name: "Video prod", Type: SDKVideo, SDKKey: "vidKeyAB"},
		{ID: "s3", Name: "Video dev", Type: SDKVideo, SDKKey: "vidKeyCD"},
	}}
	x := NewSearchIndex(d)
	for _, tc := range []struct {
		q    string
		want []int
	}{{"", []int{2, 1, 0}}, {"video sdk", []int{2, 1}}, {"MEETING", []int{0}}, {"vidkeyab", []int{1}}, {"kiosk key9", []int{0}}, {"oauth", []int{}}} {
		if got := x.SDKCredentials(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("SDKCredentials(%q) = %v; want %v", tc.q, got, tc.want)
		}
	}
}

// data10k is 10,000 connections, half OAuth 2.0 through one of two clients.
func data10k() *Data {
	d := &Data{Schema: SchemaVersion, Clients: []OAuthClient{
		{ID: "c1", Name: "Team app", ClientID: "x", Kind: Confidential},
		{ID: "c2", Name: "Desktop", ClientID: "y", Kind: Public},
	}}
	ep, _ := PresetEndpoints(PresetZoom)
	for i := range 10_000 {
		c := Connection{ID: fmt.Sprintf("id-%06d", i), Name: fmt.Sprintf("Connection %06d", i), Type: AuthS2S, AccountID: "acct", ClientID: "client", Endpoints: ep}
		if i%2 == 1 {
			c.Type, c.AccountID, c.ClientID, c.OAuthClientID = AuthOAuth, "", "", d.Clients[i%4/2].ID
		}
		d.Connections = append(d.Connections, c)
	}
	return d
}

// keystrokes are the successive contents of a search box while "conn 42"
// is typed one rune at a time.
func keystrokes(s string) []string {
	var out []string
	for i := range []rune(s) {
		out = append(out, string([]rune(s)[:i+1]))
	}
	return out
}

// BenchmarkFilter10k filters 10,000 connections per keystroke (target
// 16 ms a keystroke) with the index a window builds once per load; the
// index build is timed separately (BenchmarkSearchIndex10k).
func BenchmarkFilter10k(b *testing.B) {
	d := data10k()
	x := NewSearchIndex(d)
	keys := keystrokes("conn 42")
	n := 0
	for b.Loop() {
		for _, q := range keys {
			n += len(x.Connections(q))
		}
	}
	if n == 0 {
		b.Fatal("nothing matched")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/keystroke")
}

// BenchmarkFilterNoIndex10k is the same without an index: FilterConnections
// lower-cases every field on every keystroke.
func BenchmarkFilterNoIndex10k(b *testing.B) {
	d := data10k()
	keys := keystrokes("conn 42")
	for b.Loop() {
		for _, q := range keys {
			FilterConnections(d.Connections, d.Clients, q)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/keystroke")
}

func BenchmarkSearchIndex10k(b *testing.B) {
	d := data10k()
	for b.Loop() {
		NewSearchIndex(d)
	}
}

func TestFilter10kMatches(t *testing.T) {
	d := data10k()
	x := NewSearchIndex(d)
	got := x.Connections("conn 42")
	// Every name with "42" in it: 000042, 000142, …, 004200–004299, …
	want := 0
	for i := range 10_000 {
		if strings.Contains(fmt.Sprintf("%06d", i), "42") {
			want++
		}
	}
	if len(got) != want {
		t.Fatalf("%d matches; want %d", len(got), want)
	}
	for i := 1; i < len(got); i++ {
		if d.Connections[got[i-1]].Name >= d.Connections[got[i]].Name {
			t.Fatal("matches not in name order")
		}
	}
}
