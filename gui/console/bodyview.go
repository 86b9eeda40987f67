package console

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxWholeBody is the longest body text shown whole in the RichText; a
// longer one shows only the lines around what its scroll shows. Fyne draws
// every text of a RichText, seen or not, and rasterises each on its first
// drawing: 180 KiB of coloured JSON (13,000 segments) took about 3 s to
// show, a 1 MiB body (48,000 lines) longer.
const maxWholeBody = 16 << 10

// maxShownLine is the longest line a long body shows in one row; a longer
// one goes on in the next rows (a text that wide is beyond what one texture
// holds). Copy response copies the lines as they are.
const maxShownLine = 1000

// bodyView shows a response body in a RichText (text), in a scroll: all of
// it while it is short, else only the lines around the scrolled-to place
// (a window of the lines, moved as the view scrolls) in a box as tall as
// all the lines would be. Either way the RichText holds a few hundred rows
// at most, so a body of any size shows at once.
type bodyView struct {
	text   *widget.RichText
	box    *fyne.Container // the scroll's content: text, placed
	scroll *container.Scroll

	lines  []string // a long body's lines; nil while text holds all of it
	colour bool     // colour lines as JSON
	from   int      // lines[from:to] are in text
	to     int
	lineH  float32 // the height of a row of text
	top    float32 // the space above the first row
	width  float32 // of the widest line
}

func newBodyView(text *widget.RichText) *bodyView {
	v := &bodyView{text: text}
	v.box = container.New(v, text)
	v.scroll = container.NewScroll(v.box)
	v.scroll.OnScrolled = func(fyne.Position) { v.place(false) }
	return v
}

// set shows s, coloured as JSON if colour.
func (v *bodyView) set(s string, colour bool) {
	v.colour = colour
	// RichText compares every cached segment with every new one when the
	// list shrinks: emptied first, a body replaces another in linear time.
	v.text.Segments = nil
	v.text.Refresh()
	if len(s) <= maxWholeBody {
		v.lines = nil
		v.text.Segments = segmentsOf(s, colour)
		v.text.Refresh()
	} else {
		v.lines = shownLines(s)
		v.measure()
		v.place(true)
	}
	v.scroll.ScrollToTop()
	v.box.Refresh()
}

// windowed reports whether text holds only some of the body's lines.
func (v *bodyView) windowed() bool { return v.lines != nil }

func segmentsOf(s string, colour bool) []widget.RichTextSegment {
	if colour {
		return jsonSegments(s)
	}
	return plainSegments(s)
}

// shownLines are s's lines, those longer than maxShownLine cut into rows.
func shownLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	out := lines[:0:0]
	for _, l := range lines {
		for utf8.RuneCountInString(l) > maxShownLine {
			cut := 0
			for range maxShownLine {
				_, size := utf8.DecodeRuneInString(l[cut:])
				cut += size
			}
			out = append(out, l[:cut]+"\n")
			l = l[cut:]
		}
		out = append(out, l)
	}
	return out
}

// measure finds the height of a row of monospace text in the RichText,
// the space above the first, and the width of the widest line.
func (v *bodyView) measure() {
	one := widget.NewRichText(plainSegments("M")...)
	two := widget.NewRichText(plainSegments("M\nM")...)
	h1, h2 := one.MinSize().Height, two.MinSize().Height
	v.lineH = h2 - h1
	v.top = (h1 - v.lineH) / 2
	widest := 0
	for _, l := range v.lines {
		widest = max(widest, utf8.RuneCountInString(l))
	}
	char := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{Monospace: true}).Width
	v.width = float32(widest)*char + 2*theme.InnerPadding()
}

// place puts in text the lines the scroll shows, with as many again
// around them, unless it holds them already (or force).
func (v *bodyView) place(force bool) {
	if v.lines == nil || v.lineH <= 0 {
		return
	}
	height := v.scroll.Size().Height
	if height <= 0 {
		height = 600 // not laid out yet: about a window's worth
	}
	first := int((v.scroll.Offset.Y - v.top) / v.lineH)
	last := int((v.scroll.Offset.Y+height-v.top)/v.lineH) + 1
	first, last = max(first, 0), min(last, len(v.lines))
	if !force && first >= v.from && last <= v.to && v.to > v.from {
		return
	}
	span := last - first
	v.from, v.to = max(first-span, 0), min(last+span, len(v.lines))
	v.text.Segments = segmentsOf(strings.Join(v.lines[v.from:v.to], ""), v.colour)
	v.text.Refresh()
	v.text.Move(fyne.NewPos(0, float32(v.from)*v.lineH))
	v.text.Resize(fyne.NewSize(max(v.width, v.box.Size().Width), v.text.MinSize().Height))
}

// MinSize is the box's: the text's, or as tall as all the lines.
func (v *bodyView) MinSize([]fyne.CanvasObject) fyne.Size {
	if v.lines == nil {
		return v.text.MinSize()
	}
	return fyne.NewSize(v.width, 2*v.top+float32(len(v.lines))*v.lineH)
}

// Layout places the text in the box.
func (v *bodyView) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if v.lines == nil {
		v.text.Move(fyne.NewPos(0, 0))
		v.text.Resize(size)
		return
	}
	v.place(true)
}
