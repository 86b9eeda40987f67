package auth

import (
	"strings"
	"unicode"

	"golang.org/x/text/secure/precis"
	"golang.org/x/text/unicode/norm"
)

// Names of connections and OAuth clients go through the PRECIS Nickname
// profile (RFC 8266): its output is the stored name, and its comparison
// key (case folded, NFKC, so also width folded, spaces collapsed) decides
// whether two names are the same. On top of it, lookalikeKey maps the
// Cyrillic and Greek letters that are drawn like Latin ones, so "Rеport"
// with a Cyrillic е cannot sit beside "Report".

// isFormatRune reports a Unicode format character (category Cf): zero-width
// characters, bidi marks, embeddings, overrides and isolates. Names never
// hold one, even where the profile would map it away.
func isFormatRune(r rune) bool { return unicode.Is(unicode.Cf, r) }

// nameKey is the comparison key of a display name: two names with the
// same key look the same to a reader.
func nameKey(name string) string {
	if k, ok := asciiNameKey(name); ok {
		return k // the common case, without the cost of the profile
	}
	k, err := precis.Nickname.CompareKey(name)
	if err != nil {
		// A name from an older file that the profile refuses: compare it
		// without its invisible characters, so it still collides.
		k = strings.ToLower(norm.NFKC.String(strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if isFormatRune(r) || unicode.IsControl(r) {
				return -1
			}
			return r
		}, name)), " ")))
	}
	return strings.Map(lookalike, k)
}

// asciiNameKey is nameKey for printable ASCII, where the Nickname key is
// lower case with spaces trimmed and collapsed.
func asciiNameKey(name string) (string, bool) {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c > 0x7e {
			return "", false
		}
	}
	return strings.ToLower(strings.Join(strings.Fields(name), " ")), true
}

// sameName reports whether two display names look the same.
func sameName(a, b string) bool {
	return a == b || strings.EqualFold(a, b) || nameKey(a) == nameKey(b)
}

// lookalike maps a lower-case Cyrillic or Greek letter drawn like a Latin
// one to that Latin letter (a small part of Unicode's confusables data,
// the part that turns up in attacks on names).
func lookalike(r rune) rune {
	if l, ok := lookalikes[r]; ok {
		return l
	}
	return r
}

var lookalikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'ӏ': 'l',
	'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'ԝ': 'w', 'х': 'x', 'у': 'y',
	// Greek
	'ο': 'o', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'α': 'a', 'ρ': 'p',
}

// connectionLike returns the name of a connection other than the one with
// id exceptID whose name looks the same as name.
func (d *Data) connectionLike(name, exceptID string) (string, bool) {
	for _, c := range d.Connections {
		if c.ID != exceptID && sameName(c.Name, name) {
			return c.Name, true
		}
	}
	return "", false
}

// clientLike is connectionLike for OAuth clients.
func (d *Data) clientLike(name, exceptID string) (string, bool) {
	for _, c := range d.Clients {
		if c.ID != exceptID && sameName(c.Name, name) {
			return c.Name, true
		}
	}
	return "", false
}
