package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"zoomconn/auth/zoomtest"
)

// Issue 17, finding 7: `api --paginate` against a server whose
// next_page_token alternates (A, B, A, B…) ends with exit 1 and a sentence,
// and stdout holds one JSON document of the pages so far.
func TestCommandLinePaginateStopsWhenTokensRepeat(t *testing.T) {
	var pages atomic.Int64
	z := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			tokenJSON(w, "good-access-token", "")
			return
		}
		n := pages.Add(1)
		if n > 100 {
			http.Error(w, "the client kept following", http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"users": []any{map[string]any{"id": fmt.Sprint(n)}}, "next_page_token": []string{"A", "B"}[(n-1)%2]})
	}))
	t.Cleanup(z.Close)
	w := newWorld(t, zoomtest.Options{})
	w.must("secret\n", append([]string{"add-s2s", "Loop", "--account-id", "a", "--client-id", "c"}, customFlags(z.URL)...)...)

	r := w.run("", "api", "Loop", "/users", "--paginate")
	if r.code != 1 || !strings.Contains(r.stderr, "Pagination stopped at page 3: the server sent again the next_page_token of page 1") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var merged struct{ Users []struct{ ID string } }
	if err := json.Unmarshal([]byte(r.stdout), &merged); err != nil || len(merged.Users) != 3 || pages.Load() != 3 {
		t.Errorf("stdout holds %d users (%v) after %d pages: %q", len(merged.Users), err, pages.Load(), r.stdout)
	}
}
