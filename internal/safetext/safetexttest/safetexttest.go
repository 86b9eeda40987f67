// Package safetexttest holds what the tests of untrusted text share: the
// hostile server text they feed in and the check that what comes out is
// safe to print. Tests only.
package safetexttest

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// HostileText is what a malicious server says: a title change, a screen
// clear, a bidi override and isolate, a zero-width space, invalid UTF-8,
// line breaks, and 100 KB more.
var HostileText = "\x1b]0;pwned\x07\x1b[2J\u202eevil\u2066 \u200bline\r\nbreak\xff\x9b" + strings.Repeat("A", 100<<10)

// AssertSafe fails t if s holds anything a terminal or a bidi renderer
// would act on, or is longer than limit runes.
func AssertSafe(t testing.TB, what, s string, limit int) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s is not valid UTF-8: %q", what, s)
	}
	if n := utf8.RuneCountInString(s); n > limit {
		t.Errorf("%s has %d runes, more than %d", what, n, limit)
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r < 0x20 || r >= 0x7f && r < 0xa0 || unicode.Is(unicode.Cf, r)
	}); i >= 0 {
		t.Errorf("%s holds %q at %d: %q", what, []rune(s[i:])[0], i, s[:min(len(s), 200)])
	}
}
