// Package safetext makes text from outside zoomconn's own code safe to
// print, store or show: the one sanitiser every server reply, callback
// parameter and older metadata file passes through.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxShown caps a stored or printed message that may carry text from
// outside (a last test result, a failure in a list).
const MaxShown = 500

// MaxServer caps one piece of server text (a reason, a description)
// inside our own sentences, so the sentence around it stays readable.
const MaxServer = 300

// MaxCode caps a server's error code ("invalid_client", "124").
const MaxCode = 64

// MaxScope caps a token's scope list (granular scopes make it long);
// MaxURL caps a URL a server sent.
const (
	MaxScope = 8192
	MaxURL   = 2048
)

// Clean makes text that came from outside zoomconn's own code (a
// server's reason or message, a browser callback's error_description, an
// older metadata file) safe to print on a terminal, store, or show. It is
// the one place such text is made safe, and it is idempotent:
//   - line breaks, tabs and other white space become one space, and
//     leading and trailing space is dropped;
//   - C0 and C1 control characters, DEL and ESC are written as visible
//     escapes (\x1b), so no terminal sequence survives;
//   - Unicode format characters (category Cf: zero-width characters, bidi
//     marks, embeddings, overrides and isolates) are written as \u202e;
//   - invalid UTF-8 becomes U+FFFD;
//   - the result has at most limit runes (at least 1); longer text is cut and
//     ends with "…".
func Clean(s string, limit int) string {
	limit = max(limit, 1)
	var b strings.Builder
	n, cut := 0, 0 // runes written; bytes that fit with room for "…"
	pendingSpace := false
	for _, r := range s { // invalid UTF-8 arrives as utf8.RuneError (U+FFFD)
		var piece string
		switch {
		case unicode.IsSpace(r):
			pendingSpace = n > 0
			continue
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			piece = fmt.Sprintf(`\x%02x`, r)
		case unicode.Is(unicode.Cf, r) && r <= 0xffff:
			piece = fmt.Sprintf(`\u%04x`, r)
		case unicode.Is(unicode.Cf, r):
			piece = fmt.Sprintf(`\U%08x`, r)
		default:
			piece = string(r)
		}
		if pendingSpace {
			piece, pendingSpace = " "+piece, false
		}
		n += utf8.RuneCountInString(piece)
		if n > limit {
			return b.String()[:cut] + "…"
		}
		b.WriteString(piece)
		if n <= limit-1 {
			cut = b.Len()
		}
	}
	return b.String()
}
