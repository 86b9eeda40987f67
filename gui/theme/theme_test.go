package theme

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WCAG 2.1 contrast: relative luminance of sRGB, (L1+0.05)/(L2+0.05).
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over paints top (maybe translucent) over an opaque bottom, as the
// renderer does for hover, selection and focus highlights.
func over(top, bottom color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}

// Every text colour the app draws against every background it sits on
// meets WCAG AA, 4.5:1 (its titles are large text, which needs 3:1, so
// they pass too), and the outlines of unticked boxes and entries meet the
// 3:1 of user interface components: in the light and the dark variant.
func TestThemeContrastMeetsWCAGAA(t *testing.T) {
	type pair struct {
		what string
		text fyne.ThemeColorName
		bg   []fyne.ThemeColorName // drawn bottom to top
		min  float64
	}
	const (
		bg      = theme.ColorNameBackground
		input   = theme.ColorNameInputBackground
		overlay = theme.ColorNameOverlayBackground
		button  = theme.ColorNameButton
		menu    = theme.ColorNameMenuBackground
		header  = theme.ColorNameHeaderBackground
		hover   = theme.ColorNameHover
		sel     = theme.ColorNameSelection
		focus   = theme.ColorNameFocus
	)
	var pairs []pair
	text := func(what string, fg fyne.ThemeColorName, bgs ...[]fyne.ThemeColorName) {
		for _, b := range bgs {
			pairs = append(pairs, pair{what, fg, b, 4.5})
		}
	}
	on := func(names ...fyne.ThemeColorName) []fyne.ThemeColorName { return names }
	// Labels, list cells, dialog and form text; a row hovered or selected.
	text("text", theme.ColorNameForeground, on(bg), on(input), on(overlay), on(button), on(menu), on(header),
		on(bg, hover), on(bg, sel), on(overlay, hover), on(input, sel), on(button, hover), on(button, focus))
	// Disabled buttons and entries, read-only values.
	text("disabled text", theme.ColorNameDisabled, on(bg), on(overlay), on(input), on(theme.ColorNameDisabledButton))
	text("placeholder", theme.ColorNamePlaceHolder, on(input))
	// Status cells (OK, failing, needs authorization), the banner, field
	// errors, the console's coloured JSON: in a plain, hovered or
	// selected row, a dialog or an entry.
	for _, c := range []struct {
		what string
		name fyne.ThemeColorName
	}{{"success (OK)", theme.ColorNameSuccess}, {"warning", theme.ColorNameWarning}, {"error", theme.ColorNameError}, {"primary", theme.ColorNamePrimary}} {
		text(c.what, c.name, on(bg), on(overlay), on(input), on(bg, hover), on(bg, sel))
	}
	text("link", theme.ColorNameHyperlink, on(bg), on(overlay), on(bg, hover))
	// Buttons of each importance, also when focused or hovered.
	text("primary button", theme.ColorNameForegroundOnPrimary, on(theme.ColorNamePrimary), on(theme.ColorNamePrimary, focus), on(theme.ColorNamePrimary, hover))
	text("danger button", theme.ColorNameForegroundOnError, on(theme.ColorNameError), on(theme.ColorNameError, focus))
	text("success button", theme.ColorNameForegroundOnSuccess, on(theme.ColorNameSuccess))
	text("warning button", theme.ColorNameForegroundOnWarning, on(theme.ColorNameWarning))
	// The outline of an unticked box or radio and of an entry, and a
	// ticked box: components, 3:1.
	for _, b := range [][]fyne.ThemeColorName{on(bg), on(overlay)} {
		pairs = append(pairs, pair{"unticked box outline", theme.ColorNameInputBorder, b, 3},
			pair{"ticked box", theme.ColorNamePrimary, b, 3})
	}

	th := App()
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(v.name, func(t *testing.T) {
			for _, p := range pairs {
				back := th.Color(p.bg[0], v.variant)
				for _, layer := range p.bg[1:] {
					back = over(th.Color(layer, v.variant), back)
				}
				fg := over(th.Color(p.text, v.variant), back)
				if r := contrast(fg, back); r < p.min {
					t.Errorf("%s (%s) on %v: %.2f:1, below %.1f:1", p.what, p.text, p.bg, r, p.min)
				}
			}
		})
	}
}

// The check itself can fail: Fyne's own light colours do.
func TestContrastCheckCatchesFyneDefaults(t *testing.T) {
	d := theme.DefaultTheme()
	for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameDisabled} {
		c := d.Color(n, theme.VariantLight)
		if r := contrast(c, d.Color(theme.ColorNameBackground, theme.VariantLight)); r >= 4.5 {
			t.Errorf("Fyne's light %s is %.2f:1; the contrast check should see it fail", n, r)
		}
	}
	if got := fmt.Sprintf("%.2f", contrast(color.White, color.Black)); got != "21.00" {
		t.Errorf("white on black = %s:1; want 21.00", got)
	}
}

// An unticked box is drawn dark enough to read as a control (3:1 against
// its background, WCAG 1.4.11), as rendered, not only as a colour: a thin
// outline anti-aliases to a lighter grey than the colour it is drawn in.
func TestUntickedBoxReadsAsAControl(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(variantOf{App(), v})
		c := widget.NewCheck("", nil)
		w := test.NewTempWindow(t, c)
		w.SetPadded(false)
		w.Resize(c.MinSize())
		img := w.Canvas().Capture()
		bg := App().Color(theme.ColorNameBackground, v)
		best := 0.0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				best = max(best, contrast(img.At(x, y), bg))
			}
		}
		if best < 3 {
			t.Errorf("variant %v: the unticked box's darkest pixel is %.2f:1 against the background; want 3:1", v, best)
		}
	}
}

// variantOf is th fixed to variant v, as a user's setting would choose.
type variantOf struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantOf) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}
