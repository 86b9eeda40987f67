package kit

import (
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
