package access

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
)

// pagesOf answers the fake's API list calls with the pages next(n) says,
// in memory (so ten thousand pages take no network), and passes every
// other request (the token) on to the fake Zoom.
type pagesOf struct {
	next  func(page int) string // page n's next_page_token
	pages int
}

func (p *pagesOf) RoundTrip(r *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(r.URL.Path, "/users") {
		return http.DefaultTransport.RoundTrip(r)
	}
	p.pages++
	body, _ := json.Marshal(map[string]any{"page_size": 1, "users": []any{map[string]any{"id": fmt.Sprint(p.pages)}}, "next_page_token": p.next(p.pages)})
	return &http.Response{StatusCode: 200, Proto: "HTTP/1.1", Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(string(body))), Request: r}, nil
}

// Issue 17, finding 7: a next_page_token that comes back (A, B, A…) or a
// listing without end stops with a PageLoopError, and what was written is
// one document of the pages so far.
func TestAPIPaginateStopsWhenTokensRepeat(t *testing.T) {
	for _, tc := range []struct {
		name      string
		next      func(int) string
		wantPages int
		want      PageLoopError
	}{
		{"alternating", func(n int) string { return []string{"A", "B"}[(n-1)%2] }, 3, PageLoopError{Page: 3, FirstSentBy: 1}},
		{"the same again", func(n int) string { return "same" }, 2, PageLoopError{Page: 2, FirstSentBy: 1}},
		{"a later one back", func(n int) string { return []string{"a", "b", "c", "d", "b"}[min(n-1, 4)] }, 5, PageLoopError{Page: 5, FirstSentBy: 2}},
		{"never ending", func(n int) string { return fmt.Sprint("t", n) }, MaxPages, PageLoopError{Page: MaxPages}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, zoomtest.Options{})
			e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
			pages := &pagesOf{next: tc.next}
			e.svc.HTTPClient = &http.Client{Transport: pages}
			var out strings.Builder
			resp, err := e.svc.API(context.Background(), "S", Request{Path: "/users"}, APIOptions{Paginate: true, Output: &out})
			var loop *PageLoopError
			if !errors.As(err, &loop) || *loop != tc.want {
				t.Fatalf("err = %v, want %+v", err, tc.want)
			}
			if pages.pages != tc.wantPages || resp == nil || resp.Status != 200 {
				t.Errorf("%d pages fetched (want %d), response %v", pages.pages, tc.wantPages, resp)
			}
			var merged struct{ Users []struct{ ID string } }
			if err := json.Unmarshal([]byte(out.String()), &merged); err != nil || len(merged.Users) != tc.wantPages {
				t.Errorf("the output is %d users (%v), want one document of %d", len(merged.Users), err, tc.wantPages)
			}
		})
	}
}
