package kit

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func TestCellLabelEllipsisOnlyWhenTooLong(t *testing.T) {
	test.NewTempApp(t)
	short, long := CellLabel(), CellLabel()
	short.SetText("Zoom")
	long.SetText(strings.Repeat("A very long connection name ", 4))
	w := test.NewWindow(container.NewVBox(short, long))
	defer w.Close()
	w.Resize(fyne.NewSize(150, 100))
	if short.Truncation != fyne.TextTruncateOff || long.Truncation != fyne.TextTruncateEllipsis {
		t.Errorf("at 150 wide: short %v, long %v", short.Truncation, long.Truncation)
	}
	if long.MinSize().Width > 150 {
		t.Errorf("the long label asks for %v", long.MinSize().Width)
	}
	w.Resize(fyne.NewSize(1200, 100))
	if long.Truncation != fyne.TextTruncateOff {
		t.Error("still truncated when there is room")
	}
	long.SetText("short now")
	w.Resize(fyne.NewSize(60, 100))
	short.SetText("a text that is too long for sixty")
	if short.Truncation != fyne.TextTruncateEllipsis {
		t.Error("SetText did not pick the ellipsis for a narrow label")
	}
}

// ColumnFit never cuts the widest text (its estimate from the letters is
// at least the measured width), stays close to it in Latin script, and
// stops at the limit.
func TestColumnFitShowsTheWidestWhole(t *testing.T) {
	test.NewTempApp(t)
	texts := []string{"Ada (OAuth, public client)", "AVATAR Toyota WAVE", "Reports-production", "fi ffl Ωμέγα 日本語"}
	for i, s := range texts {
		got := ColumnFit(slices.Values([]string{"x", s}), 1000)
		if exact := ColumnWidth(s); got < exact || (i < 3 && got > exact+12) {
			t.Errorf("%q: fit %v, measured %v", s, got, exact)
		}
	}
	if got := ColumnFit(slices.Values(texts), 50); got != 50 {
		t.Errorf("limit 50: %v", got)
	}
	if got := ColumnFit(slices.Values([]string{}), 50); got != 0 {
		t.Errorf("no texts: %v", got)
	}
}
