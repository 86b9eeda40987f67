package console

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxColouredBody is the largest pretty body the console colours; a
// larger one is shown as plain monospace text, which lays out faster.
const maxColouredBody = 256 << 10

// maxSelectableBody is the largest body the console offers as selectable
// text: Fyne 2.7's Label lays out one long text in time that grows with
// its square (about 1.5 s for 50 KiB), so larger ones are copied with Copy
// response instead. The RichText views split the text into short segments
// and stay fast.
const maxSelectableBody = 64 << 10

// The colours of JSON's parts, all from the theme so both variants stay
// readable.
const (
	jsonKeyColour     = theme.ColorNamePrimary
	jsonStringColour  = theme.ColorNameSuccess
	jsonLiteralColour = theme.ColorNameWarning // numbers, true, false, null
	jsonPunctColour   = theme.ColorNameForeground
)

// jsonSegments colours pretty-printed JSON (encoding/json's Indent output)
// for a RichText: keys, strings, and numbers with true, false and null each
// get a colour, the rest (punctuation, white space) the foreground. Adjacent
// parts of one colour share a segment, and the segments' texts joined are s.
// Text that is not JSON is kept, in the foreground colour where it is not
// recognised.
func jsonSegments(s string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	runStart, runColour := 0, jsonPunctColour
	flush := func(end int) {
		if end > runStart {
			segs = append(segs, &widget.TextSegment{Text: s[runStart:end], Style: jsonStyle(runColour)})
		}
		runStart = end
	}
	for i := 0; i < len(s); {
		colour, j := jsonPunctColour, i+1
		switch ch := s[i]; {
		case ch == '"':
			j = jsonStringEnd(s, i)
			colour = jsonStringColour
			if jsonNextByte(s, j) == ':' {
				colour = jsonKeyColour
			}
		case ch == '-' || ('0' <= ch && ch <= '9'):
			for j < len(s) && isJSONNumberByte(s[j]) {
				j++
			}
			colour = jsonLiteralColour
		case 'a' <= ch && ch <= 'z':
			for j < len(s) && 'a' <= s[j] && s[j] <= 'z' {
				j++
			}
			if w := s[i:j]; w == "true" || w == "false" || w == "null" {
				colour = jsonLiteralColour
			}
		}
		if colour != runColour {
			flush(i)
			runColour = colour
		}
		i = j
	}
	flush(len(s))
	return segs
}

// plainSegments is s as monospace text in the foreground colour, one
// segment a line: a RichText lays out short segments much faster than one
// long one.
func plainSegments(s string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for len(s) > 0 {
		n := strings.IndexByte(s, '\n') + 1
		if n == 0 {
			n = len(s)
		}
		segs = append(segs, &widget.TextSegment{Text: s[:n], Style: jsonStyle(jsonPunctColour)})
		s = s[n:]
	}
	return segs
}

func jsonStyle(colour fyne.ThemeColorName) widget.RichTextStyle {
	return widget.RichTextStyle{Inline: true, ColorName: colour, TextStyle: fyne.TextStyle{Monospace: true}}
}

// jsonStringEnd is the index just past the string starting at s[i] ('"').
func jsonStringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n':
			return j // not JSON: end the string at the line
		}
	}
	return len(s)
}

// jsonNextByte is the first byte from s[i] that is not white space, or 0.
func jsonNextByte(s string, i int) byte {
	for ; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return s[i]
		}
	}
	return 0
}

func isJSONNumberByte(b byte) bool {
	return '0' <= b && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E'
}
