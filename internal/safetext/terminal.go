package safetext

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the rule for server text shown whole on a terminal (an
// API body, a jq result): unlike [Clean] it keeps every character and its
// layout, but nothing a terminal or a bidi renderer acts on survives.

// acted reports whether a terminal or a bidi renderer would act on r
// rather than show it: C0 controls other than newline and tab, DEL, C1
// controls, Unicode format characters (zero-width, bidi marks, embeddings,
// overrides, isolates) and the line and paragraph separators.
func acted(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r == '\u2028' || r == '\u2029':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// Terminal returns s with every character a terminal would act on written
// as a visible escape, so server text shown on a terminal can neither change
// the screen nor reorder what is around it:
//   - C0 controls (except newline and tab) and DEL as \x1b, \x7f;
//   - C1 controls, format and bidi characters as \u009b, \u202e
//     (\U000e0001 above U+FFFF);
//   - each byte of invalid UTF-8 as \xff;
//   - a backslash that would otherwise read as the start of one of these
//     escapes as \\.
//
// Everything else, newlines and tabs included, is kept, and [Unescape]
// gives s back exactly. Use it for text shown on a terminal; on a pipe or in
// a file, scripts get the exact bytes.
func Terminal(s string) string {
	if !needsTerminalEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && acted(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case acted(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case acted(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		case r == '\\' && backslashNeedsEscape(s[i+1:]):
			b.WriteString(`\\`)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Shown reports whether s can be shown on a terminal as it is: valid UTF-8
// holding nothing a terminal or a bidi renderer acts on (newlines and tabs
// are layout). Text that [Clean] made safe is shown, escapes and all.
func Shown(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, acted) < 0
}

// needsTerminalEscape is Terminal's fast path: most text has nothing to
// escape and is returned as is.
func needsTerminalEscape(s string) bool {
	for i, r := range s {
		if acted(r) || r == utf8.RuneError || r == '\\' && backslashNeedsEscape(s[i+1:]) {
			return true
		}
	}
	return false
}

// backslashNeedsEscape reports whether a backslash followed by rest would
// be read by Unescape as the start of an escape: before x, u, U, another
// backslash, or a character Terminal escapes.
func backslashNeedsEscape(rest string) bool {
	if rest == "" {
		return false
	}
	r, size := utf8.DecodeRuneInString(rest)
	return strings.ContainsRune(`xuU\`, r) || acted(r) || r == utf8.RuneError && size <= 1
}

// Unescape reverses [Terminal]: Unescape(Terminal(s)) == s for every s.
// A backslash that starts no escape is kept as it is.
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[i+1]]
		switch {
		case s[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case width > 0 && i+2+width <= len(s):
			n, err := strconv.ParseUint(s[i+2:i+2+width], 16, 32)
			if err != nil {
				b.WriteByte('\\')
				continue
			}
			if width == 2 {
				b.WriteByte(byte(n))
			} else {
				b.WriteRune(rune(n))
			}
			i += 1 + width
		default:
			b.WriteByte('\\')
		}
	}
	return b.String()
}

// JSONForTerminal returns pretty-printed JSON with the characters a
// terminal would act on, which JSON allows raw inside strings (C1 controls,
// format and bidi characters, line separators), written as JSON \u escapes,
// and invalid UTF-8 as \ufffd. The result is the same JSON value, so it
// still reads and parses as JSON. js must be valid JSON, which cannot hold
// a raw C0 control.
func JSONForTerminal(js []byte) []byte {
	s := string(js)
	if !needsJSONEscape(s) {
		return js
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case acted(r) && r > 0xffff:
			hi, lo := utf16Surrogates(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		case acted(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return []byte(b.String())
}

func needsJSONEscape(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return acted(r) || r == utf8.RuneError }) >= 0
}

// utf16Surrogates splits r (above U+FFFF) into its UTF-16 pair, the form
// JSON's \u escapes take (RFC 8259 §7).
func utf16Surrogates(r rune) (hi, lo rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
