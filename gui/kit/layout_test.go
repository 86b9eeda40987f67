package kit

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A column that wants more (its content's width, or a drag) gets it from
// the room the Flex column has beyond its own width, left to right; the
// Flex column never goes below its width; a dragged width wins over the content's, and makes a column
// narrower too.
func TestColumnsGiveWantedWidthFromTheFlexRoom(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	c := &Columns{Widths: []float32{100, 50, 80}, Flex: 2}
	total := 100 + 50 + 80 + 3*pad + 60 // 60 px of room
	if got := c.widths(total); !slices.Equal(got, []float32{100, 50, 140}) {
		t.Errorf("no wants: %v", got)
	}
	c.SetFit(0, 130)
	if got := c.widths(total); !slices.Equal(got, []float32{130, 50, 110}) {
		t.Errorf("Fit 130: %v", got)
	}
	c.SetFit(0, 500)
	c.SetFit(1, 90)
	if got := c.widths(total); !slices.Equal(got, []float32{160, 50, 80}) {
		t.Errorf("more wanted than there is room: %v; the left column first, Flex at its width", got)
	}
	c.drag(0, 120)
	if got := c.widths(total); !slices.Equal(got, []float32{120, 90, 80}) {
		t.Errorf("dragged to 120: %v", got)
	}
	c.drag(1, 10)
	if got := c.widths(total); got[1] != minDragged {
		t.Errorf("dragged to 10: %v; want the floor %v", got, float32(minDragged))
	}
	if c.least(1) != minDragged || c.least(0) != 100 {
		t.Errorf("least widths %v, %v", c.least(0), c.least(1))
	}
}

// Words wrap between words only, keep a word's pieces in different
// styles together, and say their text without styles.
func TestWordsWrapBetweenWords(t *testing.T) {
	test.NewTempApp(t)
	w := NewWords(Run{Text: "Open "}, Run{Text: "Build app", Style: fyne.TextStyle{Bold: true}}, Run{Text: ". Then  click "},
		Run{Text: "user:read", Style: fyne.TextStyle{Monospace: true}}, Run{Text: "."})
	if got := w.Text(); got != "Open Build app. Then click user:read." {
		t.Errorf("text %q", got)
	}
	win := test.NewWindow(w)
	defer win.Close()
	pad := theme.InnerPadding()
	width := fyne.MeasureText("Open Build app.", theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*pad + 2
	win.Resize(fyne.NewSize(width, 200))
	w.Resize(fyne.NewSize(width, w.MinSize().Height))
	lines := w.Lines()
	if len(lines) < 2 || lines[0] != "Open Build app." {
		t.Errorf("lines at %v px: %q", width, lines)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
			t.Errorf("line %q has a space at an end", l)
		}
	}
	if h := w.MinSize().Height; h < float32(len(lines))*fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height {
		t.Errorf("min height %v for %d lines", h, len(lines))
	}
}
