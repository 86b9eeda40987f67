package access

import "testing"

// A test's summary counts the granted scopes in words: "1 scope", not
// "1 scopes" (the details of the window and `zoomconn test` print it).
func TestSummaryCountsScopes(t *testing.T) {
	for _, tc := range []struct {
		scopes []string
		want   string
	}{
		{nil, "Connected 0 scopes"},
		{[]string{"user:read:admin"}, "Connected 1 scope"},
		{[]string{"user:read:admin", "meeting:read:admin"}, "Connected 2 scopes"},
	} {
		r := TestReport{Scopes: tc.scopes}
		if got := r.Summary(); got != tc.want {
			t.Errorf("%d scopes: %q, want %q", len(tc.scopes), got, tc.want)
		}
	}
	r := TestReport{Identity: Identity{Email: "ada@example.com"}, Scopes: []string{"user:read:user"}}
	if got := r.Summary(); got != "Connected as ada@example.com, 1 scope" {
		t.Errorf("with an identity: %q", got)
	}
}
