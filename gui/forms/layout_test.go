package forms

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"zoomconn/auth"
	apptheme "zoomconn/gui/theme"
	"zoomconn/gui/view"
)

// Issue 12, layout of the forms: they fit or scroll with a scroll bar one
// can see, the line under a field keeps its place, and read-only URLs can
// be selected and copied.

// verticalBar is the bar of s's vertical scroll bar (Fyne's own type,
// found by name), or nil.
func verticalBar(t *testing.T, s *container.Scroll) fyne.CanvasObject {
	t.Helper()
	for _, o := range test.WidgetRenderer(s).Objects() {
		area, ok := o.(fyne.Widget)
		if !ok || fmt.Sprintf("%T", o) != "*widget.scrollBarArea" || o.Size().Height < o.Size().Width {
			continue
		}
		if !area.Visible() {
			return nil
		}
		for _, b := range test.WidgetRenderer(area).Objects() {
			if fmt.Sprintf("%T", b) == "*widget.scrollBar" && b.Visible() {
				return b
			}
		}
	}
	return nil
}

func TestFormsFitOrScrollWithVisibleBar(t *testing.T) {
	e := newEnv(t, nil)
	e.app.Settings().SetTheme(apptheme.App()) // the app's, as Run sets it
	fits := func(t *testing.T, what string, s *container.Scroll) {
		t.Helper()
		if need, have := s.Content.MinSize().Height, s.Size().Height; need > have {
			t.Errorf("%s is cut off at its default size: needs %v, has %v", what, need, have)
		}
		if verticalBar(t, s) != nil {
			t.Errorf("%s shows a scroll bar although it fits", what)
		}
	}
	f := e.u.NewConnection()
	fits(t, "the new connection form (Simple view)", f.keys.Scroll())
	f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthOAuth))
	fits(t, "the OAuth 2.0 connection form (Simple view)", f.keys.Scroll())
	f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthS2S))

	// The HTTP view with custom URLs is taller than the window: it scrolls,
	// and its bar is drawn wider than Fyne's 3 px hairline.
	f.viewChoice.SetSelected(viewHTTP)
	f.preset.SetSelected(view.PresetCustomL)
	s := f.keys.Scroll()
	if s.Content.MinSize().Height <= s.Size().Height {
		t.Fatalf("the HTTP view fits (%v in %v); the test needs it taller", s.Content.MinSize().Height, s.Size().Height)
	}
	bar := verticalBar(t, s)
	if bar == nil {
		t.Fatal("no scroll bar on a form taller than its window")
	}
	hairline := theme.DefaultTheme().Size(theme.SizeNameScrollBarSmall) // Fyne's own
	if w := bar.Size().Width; w < 2*hairline {
		t.Errorf("scroll bar %v px wide; want at least %v", w, 2*hairline)
	}
	f.cancel()

	cf := e.u.NewClient(nil)
	fits(t, "the new OAuth client form", cf.keys.Scroll())
	cf.cancel()
}

func TestFieldMessagesKeepTheFormStill(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	s := f.keys.Scroll()
	d := fyne.CurrentApp().Driver()
	height := func() float32 { return s.Content.MinSize().Height }
	below := func() float32 { return d.AbsolutePositionForObject(f.clientSecret).Y }
	h0, y0 := height(), below()

	for _, step := range []struct {
		what  string
		do    func()
		field string
	}{
		{"an invalid Account ID", func() { typeInto(f.win, f.accountID, "a b") }, auth.FieldAccountID},
		{"an emptied name", func() { typeInto(f.win, f.name, "x"); setText(f.win, f.name, "") }, auth.FieldConnName},
	} {
		step.do()
		fl := f.fields[step.field]
		if f.errorFor(step.field) == "" || !fl.err.Visible() {
			t.Fatalf("%s: no message shown", step.what)
		}
		if fl.hint.Visible() {
			t.Errorf("%s: the help shows beside the message; the message takes its place", step.what)
		}
		if h, y := height(), below(); h != h0 || y != y0 {
			t.Errorf("%s moved the form: height %v → %v, Client secret at %v → %v", step.what, h0, h, y0, y)
		}
		if fl.err.SizeName != fl.hint.SizeName {
			t.Errorf("message text size %q, help %q; want the same", fl.err.SizeName, fl.hint.SizeName)
		}
	}
	setText(f.win, f.accountID, accountID)
	typeInto(f.win, f.name, "Reports")
	if f.errorFor(auth.FieldAccountID) != "" || !f.fields[auth.FieldAccountID].hint.Visible() {
		t.Error("fixed, the Account ID does not show its help again")
	}
	if h, y := height(), below(); h != h0 || y != y0 {
		t.Errorf("fixing moved the form: height %v → %v, Client secret at %v → %v", h0, h, y0, y)
	}
}

func TestReadOnlyURLsCanBeSelectedAndCopied(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	f.viewChoice.SetSelected(viewHTTP)
	zoom, _ := auth.PresetEndpoints(auth.PresetZoom)
	copyToken := f.copyURL[1]

	// Zoom's URLs: shown in the text colour (not disabled, which draws them
	// like placeholders), unchangeable, with Copy beside them.
	if f.tokenURL.Disabled() || !f.tokenURL.ReadOnly() || f.tokenURL.Text != zoom.TokenURL || f.tokenURL.PlaceHolder != "" {
		t.Fatalf("token URL: disabled %v, read-only %v, text %q, placeholder %q", f.tokenURL.Disabled(), f.tokenURL.ReadOnly(), f.tokenURL.Text, f.tokenURL.PlaceHolder)
	}
	typeInto(f.win, f.tokenURL, "x")
	f.tokenURL.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	f.tokenURL.TypedShortcut(&fyne.ShortcutPaste{Clipboard: e.app.Clipboard()})
	if f.tokenURL.Text != zoom.TokenURL {
		t.Errorf("a read-only URL changed to %q", f.tokenURL.Text)
	}
	f.tokenURL.TypedShortcut(&fyne.ShortcutSelectAll{})
	f.tokenURL.TypedShortcut(&fyne.ShortcutCopy{Clipboard: e.app.Clipboard()})
	if got := e.app.Clipboard().Content(); got != zoom.TokenURL {
		t.Errorf("select all and copy put %q on the clipboard", got)
	}
	e.app.Clipboard().SetContent("")
	if !copyToken.Visible() {
		t.Fatal("no Copy beside the read-only token URL")
	}
	test.Tap(copyToken)
	if got := e.app.Clipboard().Content(); got != zoom.TokenURL {
		t.Errorf("Copy put %q on the clipboard", got)
	}
	contains(t, "status", e.u.Status(), "Token URL copied")

	// Custom URLs are typed: editable, with a placeholder, no Copy.
	f.preset.SetSelected(view.PresetCustomL)
	if f.tokenURL.ReadOnly() || copyToken.Visible() || f.tokenURL.PlaceHolder == "" {
		t.Errorf("custom token URL: read-only %v, Copy shown %v, placeholder %q", f.tokenURL.ReadOnly(), copyToken.Visible(), f.tokenURL.PlaceHolder)
	}
	// Still selected from above: typing replaces the URL.
	typeInto(f.win, f.tokenURL, "https://zoom.example/oauth/token")
	if f.tokenURL.Text != "https://zoom.example/oauth/token" {
		t.Errorf("typed custom URL reads %q", f.tokenURL.Text)
	}
}
