package access

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/zoomtest"
)

// pageWatcher is an Output that notes how many API calls had been made when
// the merged document was first written to.
type pageWatcher struct {
	z          *zoomtest.Server
	callsFirst atomic.Int64
	buf        strings.Builder
}

func (p *pageWatcher) Write(b []byte) (int, error) {
	if p.buf.Len() == 0 {
		p.callsFirst.Store(int64(p.z.Stats().APICalls))
	}
	return p.buf.Write(b)
}

// TestAPIPaginateStreams: the merged document is written as the pages come,
// not after all of them were kept.
func TestAPIPaginateStreams(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.zoom.AddS2SApp(zoomtest.S2SApp{AccountID: s2sAccount, ClientID: s2sClient, ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}, Activated: true})
	e.zoom.AddUsers(s2sAccount, 2999)
	e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
	out := &pageWatcher{z: e.zoom}
	var firstStatus int
	resp, err := e.svc.API(context.Background(), "S", Request{Path: "/users"}, APIOptions{
		Paginate: true, Output: out, OnFirstPage: func(r *Response) { firstStatus = r.Status },
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || resp.Body != nil || firstStatus != 200 {
		t.Errorf("response %d, body %d bytes, first page %d", resp.Status, len(resp.Body), firstStatus)
	}
	if n := out.callsFirst.Load(); n != 1 {
		t.Errorf("first written after %d calls, want 1", n)
	}
	var merged struct {
		Users []map[string]any `json:"users"`
		Total int              `json:"total_records"`
	}
	if err := json.Unmarshal([]byte(out.buf.String()), &merged); err != nil {
		t.Fatal(err)
	}
	if len(merged.Users) != 3000 || merged.Total != 3000 || strings.Contains(out.buf.String(), "next_page_token") {
		t.Errorf("merged %d users of %d", len(merged.Users), merged.Total)
	}
}

func TestScopeErrorSays(t *testing.T) {
	for _, tc := range []struct {
		e    ScopeError
		want []string
		not  []string
	}{
		{ScopeError{Connection: "S", ConnType: auth.AuthS2S, Need: []string{"a:admin", "b:admin"}, Granted: []string{"x"}},
			[]string{"one of: a:admin, b:admin.", `"S" grants: x.`, "Zoom App Marketplace under the app's Scopes", "simply run it again"},
			[]string{"User-managed", "authorize"}},
		{ScopeError{Connection: "U", ConnType: auth.AuthOAuth, UserLevel: true, Need: []string{"a:admin", "b:admin"}},
			[]string{"grants no scopes", "User-managed apps get no :admin scopes", "authorize the connection again"}, []string{"run it again"}},
		{ScopeError{Connection: "U", ConnType: auth.AuthOAuth, UserLevel: true, Need: []string{"a", "b:admin"}},
			[]string{"one of: a, b:admin."}, []string{"User-managed"}},
	} {
		msg := tc.e.Error()
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q lacks %q", msg, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(msg, n) {
				t.Errorf("%q says %q", msg, n)
			}
		}
	}
}

func TestMergeHelpers(t *testing.T) {
	f, ok := topFields([]byte(` {"a":1, "items":[], "users":[{"id":1}], "next_page_token":"x"} `))
	if !ok || len(f) != 4 || sharedArray(f) != "users" {
		t.Fatalf("%v %v %q", f, ok, sharedArray(f))
	}
	if _, ok := topFields([]byte(`[1,2]`)); ok {
		t.Error("an array read as an object")
	}
	if _, ok := topFields([]byte(`{"a":1} {"b":2}`)); ok {
		t.Error("two documents read as one")
	}
	var b strings.Builder
	wrote := false
	items := 0
	for _, raw := range []string{`[]`, `[1, 2]`, `null`, `[ ]`, `[3]`} {
		n, err := writeItems(&b, json.RawMessage(raw), &wrote)
		if err != nil {
			t.Fatal(err)
		}
		items += n
	}
	if b.String() != "1, 2,3" || items != 3 {
		t.Errorf("items %q, counted %d", b.String(), items)
	}
	if _, err := writeItems(&b, json.RawMessage(`{"a":1}`), &wrote); err == nil {
		t.Error("an object taken for items")
	}
	for inner, want := range map[string]int{``: 0, ` `: 0, `1`: 1, `"a,b]"`: 1, ` {"k": [1, {"x": "}"}]} , "s" ,null,[2,3]`: 4, `-1.5e3, true`: 2} {
		if got := countItems([]byte(inner)); got != want {
			t.Errorf("countItems(%q) = %d; want %d", inner, got, want)
		}
	}
}

// The merged document drops what describes one page (page_count,
// page_number, next_page_token) and keeps the rest of the first page's
// fields; OnPage is told each page as it is merged, with the items so
// far.
func TestAPIPaginateMergedFieldsAndProgress(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.zoom.AddS2SApp(zoomtest.S2SApp{AccountID: s2sAccount, ClientID: s2sClient, ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}, Activated: true})
	e.zoom.AddUsers(s2sAccount, 6)
	e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
	var out strings.Builder
	var seen []PageProgress
	_, err := e.svc.API(context.Background(), "S", Request{Path: "/users", Query: url.Values{"page_size": {"3"}}}, APIOptions{
		Paginate: true, Output: &out, OnPage: func(p PageProgress) { seen = append(seen, p) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var merged map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out.String()), &merged); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	for _, gone := range []string{"page_count", "page_number", "next_page_token"} {
		if _, ok := merged[gone]; ok {
			t.Errorf("the merged document keeps %s: %s", gone, out.String())
		}
	}
	for _, kept := range []string{"page_size", "total_records", "users"} {
		if _, ok := merged[kept]; !ok {
			t.Errorf("the merged document lost %s: %s", kept, out.String())
		}
	}
	var users []json.RawMessage
	_ = json.Unmarshal(merged["users"], &users)
	var want []PageProgress // pages of 3
	for page := 1; 3*(page-1) < len(users); page++ {
		want = append(want, PageProgress{Pages: page, Items: min(3*page, len(users)), List: "users"})
	}
	if len(users) < 6 || len(want) < 2 || !slices.Equal(seen, want) {
		t.Errorf("%d users; progress %+v, want %+v", len(users), seen, want)
	}
}

// topFields slices a page without copying it, in order, through strings
// that hold braces, brackets, commas and escaped quotes.
func TestTopFieldsSlicesInOrder(t *testing.T) {
	body := []byte(` {"a": "x,}]\\\"{", "users" : [ {"n": [1, {"k": "]"}]}, 2 ], "next_page_token":"t" , "z": null, "e": {}} `)
	fields, ok := topFields(body)
	if !ok {
		t.Fatal("not read")
	}
	var got []string
	for _, f := range fields {
		got = append(got, f.key+"="+string(f.value))
	}
	want := []string{`a="x,}]\\\"{"`, `users=[ {"n": [1, {"k": "]"}]}, 2 ]`, `next_page_token="t"`, `z=null`, `e={}`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("fields\n%q\nwant\n%q", got, want)
	}
	for _, bad := range []string{`{"a":1`, `[1]`, `{"a":1} {}`, `{"a" 1}`, ``} {
		if _, ok := topFields([]byte(bad)); ok {
			t.Errorf("%q was read", bad)
		}
	}
}
