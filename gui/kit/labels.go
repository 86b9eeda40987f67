package kit

import (
	"iter"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SmallText is a wrapped label in the size of help text.
func SmallText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// OneLine is a short note in the size of help text that never wraps, for
// a row of buttons.
func OneLine(text string) *widget.Label {
	l := SmallText(text)
	l.Wrapping = fyne.TextWrapOff
	return l
}

// CellLabel is a list cell: one line, cut with an ellipsis when too long.
func CellLabel() *FitLabel {
	l := &FitLabel{}
	l.ExtendBaseWidget(l)
	return l
}

// FitLabel is a one-line label that truncates with an ellipsis only when
// its text does not fit. Fyne 2.7 shapes the whole text again (uncached,
// with a new HarfBuzz font) on every refresh of an ellipsis label, about
// 0.2 ms each, which made scrolling and searching 10,000 rows stutter;
// measuring a text instead is cached, so a label whose text fits costs
// next to nothing.
type FitLabel struct{ widget.Label }

// SetText sets the text, choosing the truncation for the current width.
func (l *FitLabel) SetText(text string) {
	if text == l.Text {
		return
	}
	l.Text = text
	l.Truncation = l.truncationFor(l.Size().Width)
	l.Refresh()
}

// Resize also picks the truncation for the new width.
func (l *FitLabel) Resize(s fyne.Size) {
	t := l.truncationFor(s.Width)
	if t == l.Truncation {
		l.Label.Resize(s)
		return
	}
	l.Truncation = t
	l.Label.Resize(s)
	l.Refresh()
}

func (l *FitLabel) truncationFor(width float32) fyne.TextTruncation {
	if width <= 0 || l.Text == "" {
		return fyne.TextTruncateOff
	}
	th := l.Theme()
	need := fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding) + 1
	if need <= width {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

// ColumnWidth is the width of a Columns column whose cell (a FitLabel,
// which the columns make wider by their trim) shows text whole.
func ColumnWidth(text string) float32 {
	th := fyne.CurrentApp().Settings().Theme()
	return columnWidthFor(fyne.MeasureText(text, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width)
}

// columnWidthFor is the width of a column whose cells show a text this
// wide whole.
func columnWidthFor(textWidth float32) float32 {
	th := fyne.CurrentApp().Settings().Theme()
	return textWidth + 2*th.Size(theme.SizeNameInnerPadding) + 1 - 2*trim()
}

// ColumnFit is the width of a Columns column whose cells show the widest
// of texts whole, up to limit. Measuring a text shapes it anew, about
// 16 µs, which made a reload of 10,000 connections 160 ms slower; so a
// text's width is taken as the sum of its letters' (each letter measured
// once), which kerning and ligatures only make wider than the text is
// drawn, plus 2 px for the rare pair that kerning spreads.
func ColumnFit(texts iter.Seq[string], limit float32) float32 {
	size := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText)
	var ascii [128]float32 // measured letters, 0 for not yet
	others := map[rune]float32{}
	letter := func(r rune) float32 {
		if r < 128 && ascii[r] > 0 {
			return ascii[r]
		}
		if w, ok := others[r]; ok {
			return w
		}
		w := fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width
		if r < 128 && w > 0 {
			ascii[r] = w
		} else {
			others[r] = w
		}
		return w
	}
	widest := float32(0)
	for t := range texts {
		w := float32(0)
		for _, r := range t {
			w += letter(r)
		}
		widest = max(widest, w)
	}
	if widest == 0 {
		return 0
	}
	return min(limit, columnWidthFor(widest+2))
}

// HeaderLabel is a bold column title, cut with an ellipsis.
func HeaderLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// ValueLabel shows a value the user may select and copy.
func ValueLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// DangerLabel is a hidden, wrapped line for an error message.
func DangerLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// ShowMsg puts msg in a DangerLabel and shows it.
func ShowMsg(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Show()
}

// SetVisible shows or hides o, touching it only if that changes.
func SetVisible(o fyne.CanvasObject, v bool) {
	if v && !o.Visible() {
		o.Show()
	} else if !v && o.Visible() {
		o.Hide()
	}
}

// Enable enables (on) or disables each button.
func Enable(on bool, bs ...*widget.Button) {
	for _, b := range bs {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}
