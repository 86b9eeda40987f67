package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Run is a stretch of Words in one style (bold, italic, monospace).
type Run struct {
	Text  string
	Style fyne.TextStyle
}

// Words is a paragraph of styled runs that wraps between words, padded
// as a label is at its sides and half that above and below, so that
// paragraphs one under the other read as steps of a list. Fyne 2.7's RichText wraps each styled segment by itself:
// it moves a segment that does not fit at the end of a line, but would on
// the next, whole to the next line (a line broke after every bold phrase,
// and the next one started with a space), and it breaks a word into
// letters, one a line, where a line has less room left than a letter.
// Here a line breaks only before a word that does not fit on it; parts of
// a word in different styles (a bold name and its full stop) stay
// together.
type Words struct {
	widget.BaseWidget
	words [][]piece // each word, as the pieces of it in one style
	// spaces are the styles of the space after each word: a space after
	// code is a plain one.
	spaces []fyne.TextStyle
}

// piece is a word, or the part of one in one style.
type piece struct {
	text  string
	style fyne.TextStyle
}

// NewWords makes a paragraph of runs; spaces separate words.
func NewWords(runs ...Run) *Words {
	w := &Words{}
	joined := false // the next piece continues the last word
	for _, r := range runs {
		for i, part := range strings.Split(r.Text, " ") {
			if i > 0 {
				if joined {
					w.spaces[len(w.spaces)-1] = r.Style
				}
				joined = false
			}
			if part == "" {
				continue
			}
			if n := len(w.words); joined && n > 0 {
				w.words[n-1] = append(w.words[n-1], piece{part, r.Style})
			} else {
				w.words = append(w.words, []piece{{part, r.Style}})
				w.spaces = append(w.spaces, fyne.TextStyle{})
			}
			joined = true
		}
	}
	w.ExtendBaseWidget(w)
	return w
}

// Text is the paragraph without its styles, one space between words.
func (w *Words) Text() string {
	return strings.Join(w.wordTexts(0, len(w.words)), " ")
}

// Lines are the paragraph's lines as laid out at its width.
func (w *Words) Lines() []string {
	var out []string
	for _, l := range w.lines(w.Size().Width) {
		out = append(out, strings.Join(w.wordTexts(l[0], l[1]), " "))
	}
	return out
}

func (w *Words) wordTexts(from, to int) []string {
	var out []string
	for _, word := range w.words[from:to] {
		var b strings.Builder
		for _, p := range word {
			b.WriteString(p.text)
		}
		out = append(out, b.String())
	}
	return out
}

// metrics are the text size, the padding at the sides and above and
// below, and the height of a line in the current theme.
func (w *Words) metrics() (size, pad, vpad, lineHeight float32) {
	th := w.Theme()
	size = th.Size(theme.SizeNameText)
	pad = th.Size(theme.SizeNameInnerPadding)
	for _, st := range []fyne.TextStyle{{}, {Bold: true}, {Monospace: true}} {
		lineHeight = max(lineHeight, fyne.MeasureText("Mg", size, st).Height)
	}
	return size, pad, pad / 2, lineHeight
}

// wordWidth is how wide word i is drawn, alone or with the space after
// it.
func (w *Words) wordWidth(i int, size float32, spaced bool) float32 {
	width := float32(0)
	word := w.words[i]
	for j, p := range word {
		text := p.text
		if spaced && j == len(word)-1 && w.spaces[i] == p.style {
			text += " "
		}
		width += fyne.MeasureText(text, size, p.style).Width
	}
	if spaced && w.spaces[i] != word[len(word)-1].style {
		width += fyne.MeasureText(" ", size, w.spaces[i]).Width
	}
	return width
}

// lines are the words of each line, [first, end), at width: a line
// breaks before a word that does not fit on it, never before its first
// (at width 0, not laid out yet, all words are on one line).
func (w *Words) lines(width float32) [][2]int {
	size, pad, _, _ := w.metrics()
	room := width - 2*pad
	var out [][2]int
	x := float32(0) // the words on the line so far, with their spaces
	for i := range w.words {
		if n := len(out); n > 0 && (width <= 0 || x+w.wordWidth(i, size, false) <= room) {
			out[n-1][1] = i + 1
		} else {
			out = append(out, [2]int{i, i + 1})
			x = 0
		}
		x += w.wordWidth(i, size, true)
	}
	return out
}

// MinSize is as wide as the widest word and as high as the lines at the
// current width.
func (w *Words) MinSize() fyne.Size {
	w.ExtendBaseWidget(w)
	return w.BaseWidget.MinSize()
}

// Resize lays the words out again at the new width.
func (w *Words) Resize(s fyne.Size) {
	if s == w.Size() {
		return
	}
	w.BaseWidget.Resize(s)
	w.Refresh()
}

func (w *Words) CreateRenderer() fyne.WidgetRenderer {
	r := &wordsRenderer{w: w}
	for _, word := range w.words {
		for _, p := range word {
			t := canvas.NewText(p.text, theme.Color(theme.ColorNameForeground))
			t.TextStyle = p.style
			r.texts = append(r.texts, t)
		}
	}
	r.Refresh()
	return r
}

type wordsRenderer struct {
	w     *Words
	texts []*canvas.Text // every piece of every word, in order
}

func (r *wordsRenderer) Layout(s fyne.Size) {
	size, pad, vpad, lineHeight := r.w.metrics()
	first := 0 // index in texts of each word's first piece
	starts := make([]int, len(r.w.words))
	for i, word := range r.w.words {
		starts[i] = first
		first += len(word)
	}
	y := vpad
	for _, l := range r.w.lines(s.Width) {
		x := pad
		for i := l[0]; i < l[1]; i++ {
			word := r.w.words[i]
			spaced := i < l[1]-1
			for j, p := range word {
				t := r.texts[starts[i]+j]
				text := p.text
				if spaced && j == len(word)-1 && r.w.spaces[i] == p.style {
					text += " " // drawn with its word, as in any text
				}
				if t.Text != text {
					t.Text = text
					t.Refresh()
				}
				m := fyne.MeasureText(text, size, p.style)
				t.Move(fyne.NewPos(x, y+(lineHeight-m.Height)/2))
				t.Resize(m)
				x += m.Width
			}
			if spaced && r.w.spaces[i] != word[len(word)-1].style {
				x += fyne.MeasureText(" ", size, r.w.spaces[i]).Width
			}
		}
		y += lineHeight
	}
}

func (r *wordsRenderer) MinSize() fyne.Size {
	size, pad, vpad, lineHeight := r.w.metrics()
	widest := float32(0)
	for i := range r.w.words {
		widest = max(widest, r.w.wordWidth(i, size, false))
	}
	n := len(r.w.lines(r.w.Size().Width))
	return fyne.NewSize(widest+2*pad, float32(n)*lineHeight+2*vpad)
}

func (r *wordsRenderer) Refresh() {
	th := r.w.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameText)
	for _, t := range r.texts {
		t.Color = th.Color(theme.ColorNameForeground, v)
		t.TextSize = size
		t.Refresh()
	}
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

func (r *wordsRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.texts))
	for i, t := range r.texts {
		objs[i] = t
	}
	return objs
}

func (r *wordsRenderer) Destroy() {}
