package safetext

import (
	"testing"
	"zoomconn/internal/safetext/safetexttest"
)

func TestSafeText(t *testing.T) {
	tests := []struct {
		in, want string
		limit    int
	}{
		{"Invalid client_id or client_secret", "Invalid client_id or client_secret", 300},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`, 300},
		{"\x1b[2J", `\x1b[2J`, 300},
		{"a\u202eb\u2066c\u200bd\u200fe\ufefff", `a\u202eb\u2066c\u200bd\u200fe\ufefff`, 300},
		{"tag\U000E0041", `tag\U000e0041`, 300},
		{"C1 \u009b and DEL \x7f", `C1 \x9b and DEL \x7f`, 300},
		{"  line\r\n\tbreak \u2028 end  ", "line break end", 300},
		{"bad \xff utf8", "bad \ufffd utf8", 300},
		{"Grüße, Zoom 日本", "Grüße, Zoom 日本", 300},
		{"abcdef", "abcdef", 6},
		{"abcdefg", "abcde…", 6},
		{"ab\x1bcdef", `ab…`, 6}, // an escape is never cut in half
		{"abc", "…", 0},
	}
	for _, tt := range tests {
		got := Clean(tt.in, tt.limit)
		if got != tt.want {
			t.Errorf("Clean(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
		if again := Clean(got, tt.limit); again != got {
			t.Errorf("Clean is not idempotent: %q → %q", got, again)
		}
	}
	safetexttest.AssertSafe(t, "Clean(hostile)", Clean(safetexttest.HostileText, MaxShown), MaxShown)
}

// FuzzSafeText: whatever comes in, what comes out is safe, bounded and
// stable.
func FuzzSafeText(f *testing.F) {
	f.Add(safetexttest.HostileText[:80], 40)
	f.Add("a\u202eb\r\n\x00", 3)
	f.Add("\xff\xfe", 1)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit = max(1, limit%1000)
		out := Clean(s, limit)
		safetexttest.AssertSafe(t, "Clean", out, limit)
		if Clean(out, limit) != out {
			t.Fatalf("not idempotent: %q", out)
		}
	})
}
