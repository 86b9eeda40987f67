package console

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

func TestJSONColours(t *testing.T) {
	var b bytes.Buffer
	raw := `{"id":"u-1","name":"Ada \"A\" L","n":-12.5e3,"ok":true,"off":false,"none":null,"list":[1,"two"],"empty":{}}`
	if err := json.Indent(&b, []byte(raw), "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty := b.String()
	segs := jsonSegments(pretty)

	var joined strings.Builder
	colours := map[string]fyne.ThemeColorName{}
	var prev fyne.ThemeColorName
	for i, s := range segs {
		ts, ok := s.(*widget.TextSegment)
		if !ok {
			t.Fatalf("segment %d is a %T", i, s)
		}
		if !ts.Style.Inline || !ts.Style.TextStyle.Monospace {
			t.Errorf("segment %q: style %+v; want inline monospace", ts.Text, ts.Style)
		}
		if i > 0 && ts.Style.ColorName == prev {
			t.Errorf("segment %q has the colour of the one before; want them merged", ts.Text)
		}
		prev = ts.Style.ColorName
		joined.WriteString(ts.Text)
		colours[strings.TrimSpace(ts.Text)] = ts.Style.ColorName
	}
	if joined.String() != pretty {
		t.Fatalf("segments joined:\n%s\nwant the pretty JSON:\n%s", joined.String(), pretty)
	}
	for text, want := range map[string]fyne.ThemeColorName{
		`"id"`: jsonKeyColour, `"name"`: jsonKeyColour, `"list"`: jsonKeyColour,
		`"u-1"`: jsonStringColour, `"Ada \"A\" L"`: jsonStringColour, `"two"`: jsonStringColour,
		`-12.5e3`: jsonLiteralColour, `true`: jsonLiteralColour, `false`: jsonLiteralColour, `null`: jsonLiteralColour, `1`: jsonLiteralColour,
		`{`: jsonPunctColour, `: [`: jsonPunctColour,
	} {
		got, ok := colours[text]
		if !ok {
			t.Errorf("no segment %s in %q", text, segTexts(segs))
			continue
		}
		if got != want {
			t.Errorf("%s: colour %q; want %q", text, got, want)
		}
	}
	if jsonKeyColour == jsonStringColour || jsonStringColour == jsonLiteralColour || jsonLiteralColour == jsonPunctColour {
		t.Error("two kinds of JSON share a colour")
	}
}

// Text that is not JSON is kept whole.
func TestJSONColoursNotJSON(t *testing.T) {
	for _, s := range []string{"", "plain text", `"unterminated`, "{\"a\": tru\n\"b\\", "é \"ü\": 1"} {
		var joined strings.Builder
		for _, seg := range jsonSegments(s) {
			joined.WriteString(seg.Textual())
		}
		if joined.String() != s {
			t.Errorf("jsonSegments(%q) joined = %q", s, joined.String())
		}
	}
}

func segTexts(segs []widget.RichTextSegment) []string {
	var out []string
	for _, s := range segs {
		out = append(out, s.Textual())
	}
	return out
}
