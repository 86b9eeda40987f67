package safetext

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"zoomconn/internal/safetext/safetexttest"
)

func TestTerminal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\nsecond line\tand a tab", "plain text\nsecond line\tand a tab"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"\x1b[2J\r\n", "\\x1b[2J\\x0d\n"},
		{"C1 \u009b6n and DEL \x7f", `C1 \u009b6n and DEL \x7f`},
		{"a\u202eb\u2066c\u200bd\u061ce", `a\u202eb\u2066c\u200bd\u061ce`},
		{"tag\U000E0041", `tag\U000e0041`},
		{"line\u2028sep", `line\u2028sep`},
		{"bad \xff\xc3( utf8", `bad \xff\xc3( utf8`},
		{"Grüße, Zoom 日本 😀", "Grüße, Zoom 日本 😀"},
		// A backslash stays as it is unless it would read as an escape.
		{`C:\temp\me\n`, `C:\temp\me\n`},
		{`C:\Users`, `C:\\Users`},
		{`\x1b is text`, `\\x1b is text`},
		{`\\ and \u and \U`, `\\\ and \\u and \\U`},
		{"\\\x1b", `\\\x1b`},
		{`trailing \`, `trailing \`},
	}
	for _, tt := range tests {
		got := Terminal(tt.in)
		if got != tt.want {
			t.Errorf("Terminal(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := Unescape(got); back != tt.in {
			t.Errorf("Unescape(Terminal(%q)) = %q", tt.in, back)
		}
	}
	assertTerminalSafe(t, Terminal(safetexttest.HostileText))
}

func TestJSONForTerminal(t *testing.T) {
	in := "{\n  \"topic\": \"a\u009b2Jb\u202ec\u2066d\U000e0041e\xff\",\n  \"n\": 1\n}"
	got := JSONForTerminal([]byte(in))
	want := "{\n  \"topic\": \"a\\u009b2Jb\\u202ec\\u2066d\\udb40\\udc41e\\ufffd\",\n  \"n\": 1\n}"
	if string(got) != want {
		t.Fatalf("JSONForTerminal = %s\nwant %s", got, want)
	}
	var v struct{ Topic string }
	if err := json.Unmarshal(got, &v); err != nil || v.Topic != "a\u009b2Jb\u202ec\u2066d\U000e0041e\ufffd" {
		t.Errorf("the escaped JSON reads back as %q (%v)", v.Topic, err)
	}
	assertTerminalSafe(t, string(got))
	if plain := []byte(`{"a": "b"}`); &JSONForTerminal(plain)[0] != &plain[0] {
		t.Error("JSON with nothing to escape was copied")
	}
}

// assertTerminalSafe fails t if s holds a raw character a terminal or a
// bidi renderer acts on (newline and tab are layout, and allowed).
func assertTerminalSafe(t testing.TB, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("not valid UTF-8: %q", s)
	}
	for i, r := range s {
		if r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7f && r < 0xa0 || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029') {
			t.Fatalf("raw %U at %d in %q", r, i, s[:min(len(s), 200)])
		}
	}
}

// FuzzTerminal: whatever comes in, what comes out holds nothing a terminal
// acts on, and Unescape gives the input back exactly. `make fuzz` runs it
// for 60 s.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"", "plain", safetexttest.HostileText[:64], `\x1b`, "\\\x1b", `\\`, "\xff\\", "a\U000e0041\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		assertTerminalSafe(t, out)
		if back := Unescape(out); back != s {
			t.Fatalf("Unescape(Terminal(%q)) = %q via %q", s, back, out)
		}
		if strings.Count(out, "\n") != strings.Count(s, "\n") {
			t.Fatalf("line breaks changed: %q → %q", s, out)
		}
		if js, err := json.MarshalIndent(s, "", "  "); err == nil {
			assertTerminalSafe(t, string(JSONForTerminal(js)))
		}
	})
}

func TestShown(t *testing.T) {
	for s, want := range map[string]bool{
		"plain\ttext\n":                           true,
		`\x1b made visible`:                       true,
		Clean(safetexttest.HostileText, MaxShown): true,
		"\x1b[2J":  false,
		"a\u202eb": false,
		"a\u009bb": false,
		"bad \xff": false,
		"cr\r":     false,
	} {
		if got := Shown(s); got != want {
			t.Errorf("Shown(%q) = %v, want %v", s, got, want)
		}
		if !Shown(Terminal(s)) {
			t.Errorf("Terminal(%q) is not Shown", s)
		}
	}
}
