// Package theme owns the app's look: Fyne's default theme with the colours
// that failed WCAG AA replaced, wider scroll bars and a check box that reads
// as a control. It knows nothing of zoomconn's data (it imports only the
// embedded drawings of package assets); in this package, theme names
// Fyne's theme package.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"zoomconn/assets"
)

// App is the app's theme: Fyne's default with the colours that failed
// WCAG AA replaced. Fyne's light variant draws the green "OK", the orange
// warnings and disabled or placeholder text at 1.3–3:1 on white, and
// unticked boxes in an outline so faint they look disabled; the colours
// below reach 4.5:1 for text (3:1 for outlines) on every background they
// are drawn on, in both variants (theme_test.go computes each pair).
// Disabled text is now that readable, so a disabled button loses its
// background instead: it is drawn flat. The primary colour is fixed too,
// so a user's Fyne setting cannot make buttons unreadable.
func App() fyne.Theme { return appTheme{base: theme.DefaultTheme()} }

type appTheme struct{ base fyne.Theme }

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := appColor(n, v); ok {
		return c
	}
	return t.base.Color(n, v)
}

func (t appTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon draws an unticked box with a frame two units wide: Fyne's is one
// unit of a 24-unit icon, which at 20 px anti-aliases to a grey far
// lighter than the outline colour, so the box looked disabled.
func (t appTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	if n == theme.IconNameCheckButton {
		return checkBox
	}
	return t.base.Icon(n)
}

// checkBox is assets.CheckBoxSVG: a 24-unit box, 18 across, with a 2-unit
// frame.
var checkBox = theme.NewThemedResource(fyne.NewStaticResource("zoomconn-check-box.svg", assets.CheckBoxSVG))

// Size draws scroll bars wide enough to see while the pointer is elsewhere
// (Fyne's are 3 px until hovered), so a form or list taller than its window
// shows that it scrolls.
func (t appTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameScrollBarSmall {
		return t.base.Size(theme.SizeNameScrollBar) / 2
	}
	return t.base.Size(n)
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

func rgba(hex uint32, alpha uint8) color.NRGBA {
	c := rgb(hex)
	c.A = alpha
	return c
}

// appColor is the app's colour for n in variant v, if it replaces Fyne's.
func appColor(n fyne.ThemeColorName, v fyne.ThemeVariant) (color.Color, bool) {
	if v == theme.VariantDark {
		switch n {
		case theme.ColorNameForeground:
			return rgb(0xf3f3f3), true
		case theme.ColorNameDisabled:
			return rgb(0x9a9aa0), true
		case theme.ColorNameDisabledButton:
			return rgb(0x171718), true // the background: a disabled button is flat
		case theme.ColorNamePlaceHolder:
			return rgb(0xb2b2b2), true
		case theme.ColorNameInputBorder:
			return rgb(0x8a8a90), true
		case theme.ColorNamePrimary:
			return rgb(0x5b95ff), true
		case theme.ColorNameForegroundOnPrimary:
			return rgb(0x0e0e10), true
		case theme.ColorNameHyperlink:
			return rgb(0x8ab4ff), true
		case theme.ColorNameFocus:
			return rgba(0x5b95ff, 0x40), true
		case theme.ColorNameSelection:
			return rgba(0x5b95ff, 0x30), true
		case theme.ColorNameSuccess:
			return rgb(0x5ee05a), true
		case theme.ColorNameForegroundOnSuccess:
			return rgb(0x0e0e10), true
		case theme.ColorNameWarning:
			return rgb(0xffa733), true
		case theme.ColorNameForegroundOnWarning:
			return rgb(0x0e0e10), true
		case theme.ColorNameError:
			return rgb(0xff7366), true
		case theme.ColorNameForegroundOnError:
			return rgb(0x0e0e10), true
		}
		return nil, false
	}
	switch n {
	case theme.ColorNameForeground:
		return rgb(0x2f2f2f), true
	case theme.ColorNameDisabled:
		return rgb(0x6a6a6a), true
	case theme.ColorNameDisabledButton:
		return rgb(0xffffff), true // the background: a disabled button is flat
	case theme.ColorNamePlaceHolder:
		return rgb(0x646464), true
	case theme.ColorNameInputBorder:
		return rgb(0x767676), true // 4.5:1 on white: a thin check-box outline still reads as a control
	case theme.ColorNamePrimary:
		return rgb(0x1a5fd6), true
	case theme.ColorNameForegroundOnPrimary:
		return rgb(0xffffff), true
	case theme.ColorNameHyperlink:
		return rgb(0x1a5fd6), true
	case theme.ColorNameFocus:
		return rgba(0x1a5fd6, 0x2a), true
	case theme.ColorNameSelection:
		return rgba(0x1a5fd6, 0x22), true
	case theme.ColorNameSuccess:
		return rgb(0x18732d), true
	case theme.ColorNameForegroundOnSuccess:
		return rgb(0xffffff), true
	case theme.ColorNameWarning:
		return rgb(0x955300), true
	case theme.ColorNameForegroundOnWarning:
		return rgb(0xffffff), true
	case theme.ColorNameError:
		return rgb(0xc42b1c), true
	case theme.ColorNameForegroundOnError:
		return rgb(0xffffff), true
	}
	return nil, false
}
