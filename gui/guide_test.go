package gui

import (
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	apptheme "zoomconn/gui/theme"
	"zoomconn/gui/view"
)

// Issue 12, the guide: it opens on the tab of the type at hand, covers
// what Zoom asks today (Strict Mode, Development or Production
// credentials, granular scopes, the public client ID), links to Zoom's own
// pages, and the README says the same.

// tabText is the text a guide tab shows.
func tabText(tab *container.TabItem) string {
	var b strings.Builder
	var walk func(objs []fyne.CanvasObject)
	walk = func(objs []fyne.CanvasObject) {
		for _, o := range objs {
			switch x := o.(type) {
			case *fyne.Container:
				walk(x.Objects)
			case *widget.Label:
				b.WriteString(x.Text + "\n")
			case *widget.RichText:
				for _, seg := range x.Segments {
					segmentText(&b, seg)
				}
				b.WriteString("\n")
			case *kit.Words:
				b.WriteString(x.Text() + "\n")
			}
		}
	}
	walk(tab.Content.(*container.Scroll).Content.(*fyne.Container).Objects)
	return b.String()
}

// segmentText writes the text of a rich text segment and those it holds
// (RichText.String leaves out lists).
func segmentText(b *strings.Builder, seg widget.RichTextSegment) {
	switch x := seg.(type) {
	case *widget.ListSegment:
		for _, it := range x.Items {
			segmentText(b, it)
		}
	case *widget.ParagraphSegment:
		for _, t := range x.Texts {
			segmentText(b, t)
		}
		b.WriteString("\n")
	case *widget.TextSegment:
		b.WriteString(x.Text)
	}
}

// guideFacts are what both the guide and the README must say, per tab.
var guideFacts = [3][]string{
	{"user:read:user:admin", "user:read:admin", "granular", "classic", "no Development or Production", "Activate",
		"Secret Token", "Event Subscriptions", "WebSocket", "subscription ID", "Events settings"},
	{"Secret Token", "Event Subscriptions", "WebSocket", "subscription ID", "Events settings", "Strict Mode", "Fixed port", "Development", "Production", "Use Public Client OAuth", "public client ID",
		"user:read:user", "user:read:user:admin", "no `:admin` scopes", "Allow List", "127.0.0.1", "localhost", "Admin-managed", "User-managed"},
	{"11 Feb 2023", "App Credentials", "SDK key", "SDK secret", "Developer", "SDK credentials", "user:read:token", "30 minutes to 48 hours"},
}

func TestGuideCoversZoomToday(t *testing.T) {
	e := newEnv(t, nil)
	var opened []string
	e.u.opts.openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	g := e.u.showGuide(auth.AuthS2S)
	if g.tabs.SelectedIndex() != 0 {
		t.Errorf("the guide for Server-to-Server opened on tab %d", g.tabs.SelectedIndex())
	}
	if g.tabs.Items[0].Text != "Custom (Server-to-Server OAuth)" {
		t.Errorf("first tab %q", g.tabs.Items[0].Text)
	}
	for i, facts := range guideFacts {
		text := strings.ReplaceAll(tabText(g.tabs.Items[i]), "\n", " ")
		for _, f := range facts {
			// Markdown code spans show without their backticks.
			if !strings.Contains(text, strings.ReplaceAll(f, "`", "")) {
				t.Errorf("tab %q does not say %q", g.tabs.Items[i].Text, f)
			}
		}
	}
	// Zoom's own pages, opened with the app's opener.
	if len(g.links) != 3 || g.links[0].URL.String() != zoomDocsS2S || g.links[1].URL.String() != zoomDocsGeneral || g.links[2].URL.String() != zoomDocsSDK {
		t.Fatalf("links %v", g.links)
	}
	// Reached and followed with the keyboard: Ctrl+Tab shows the other
	// tab (Fyne's tabs take no focus), Space follows the focused link.
	c := g.win.Canvas()
	for i, l := range g.links {
		if i > 0 {
			c.(fyne.Shortcutable).TypedShortcut(ctrlTab)
			if g.tabs.SelectedIndex() != i {
				t.Fatal("Ctrl+Tab did not show the next tab")
			}
		}
		tabTo(t, c, l, "the link to Zoom's guide")
		press(t, c, fyne.KeySpace)
	}
	test.Tap(g.openButton)
	if want := []string{zoomDocsS2S, zoomDocsGeneral, zoomDocsSDK, marketplaceURL}; strings.Join(opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %q; want %q", opened, want)
	}

	// Esc closes the guide, even from a link.
	c.Focus(g.links[len(g.links)-1]) // the shown tab's
	press(t, c, fyne.KeyEscape)
	if windowOpen(e.app, g.win) {
		t.Error("Esc did not close the guide")
	}
}

// guideTabShown is the tab of the guide window opened last.
func guideTabShown(t *testing.T, a fyne.App) int {
	t.Helper()
	ws := a.Driver().AllWindows()
	w := ws[len(ws)-1]
	if !strings.HasPrefix(w.Title(), "Set-up guide") {
		t.Fatalf("the last window is %q, not the guide", w.Title())
	}
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tabs, ok := o.(*container.AppTabs); ok {
			return tabs.SelectedIndex()
		}
	}
	t.Fatal("the guide has no tabs")
	return -1
}

func TestGuideOpensOnTheTabOfTheForm(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	test.Tap(f.GuideButton)
	if got := guideTabShown(t, e.app); got != 0 {
		t.Errorf("from a Custom connection the guide opened on tab %d", got)
	}
	f.AuthType.SetSelected(view.AuthTypeLabel(auth.AuthOAuth))
	test.Tap(f.GuideButton)
	if got := guideTabShown(t, e.app); got != 1 {
		t.Errorf("from an OAuth 2.0 connection the guide opened on tab %d", got)
	}
	if g := e.u.showGuide(auth.AuthOAuth); g.tabs.SelectedIndex() != 1 {
		t.Error("ShowGuide(OAuth 2.0) did not open on its tab")
	}
}

// README.md's "Setting up the Zoom side" says what the guide says.
func TestReadmeZoomSideMatchesTheGuide(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	start := strings.Index(readme, "## Setting up the Zoom side")
	if start < 0 {
		t.Fatal(`README.md has no "Setting up the Zoom side"`)
	}
	section := readme[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	section = strings.Join(strings.Fields(section), " ")
	for _, facts := range guideFacts {
		for _, f := range facts {
			if !strings.Contains(section, f) {
				t.Errorf("the README's Zoom side does not say %q", f)
			}
		}
	}
	for _, link := range []string{zoomDocsS2S, zoomDocsGeneral, zoomDocsSDK} {
		if !strings.Contains(section, link) {
			t.Errorf("the README's Zoom side does not link %s", link)
		}
	}
}

// guideRows are the lines of a paragraph of the guide as drawn: the texts
// on each, left to right.
func guideRows(p fyne.CanvasObject) [][]*canvas.Text {
	var texts []*canvas.Text
	for _, o := range test.LaidOutObjects(p) {
		if x, ok := o.(*canvas.Text); ok && x.Visible() && x.Text != "" {
			texts = append(texts, x)
		}
	}
	slices.SortStableFunc(texts, func(a, b *canvas.Text) int {
		if d := a.Position().Y - b.Position().Y; d < -6 || d > 6 {
			return int(d)
		}
		return int(a.Position().X - b.Position().X)
	})
	var rows [][]*canvas.Text
	for _, x := range texts {
		if n := len(rows); n > 0 && x.Position().Y-rows[n-1][0].Position().Y <= 6 {
			rows[n-1] = append(rows[n-1], x)
		} else {
			rows = append(rows, []*canvas.Text{x})
		}
	}
	return rows
}

// The guide's steps break a line only where the next word does not fit on
// it, and no line starts with a space, at the guide's width and at a
// narrower and a wider one, in both tabs. Fyne's rich text moved the words
// after a bold phrase or a code span to a line of their own ("App
// credentials" / " page opens"), and broke a word into one letter a line
// where a line had less room left than a letter.
func TestGuideHasNoStrayLineBreaks(t *testing.T) {
	e := newEnv(t, nil)
	e.app.Settings().SetTheme(apptheme.App())
	g := e.u.showGuide(auth.AuthS2S)
	pad := theme.InnerPadding()
	for _, width := range []float32{560, 760, 1000} {
		g.win.Resize(fyne.NewSize(width, 640))
		for i, tab := range g.tabs.Items {
			g.tabs.SelectIndex(i)
			steps := 0
			for _, o := range test.LaidOutObjects(tab.Content) {
				p, ok := o.(*kit.Words)
				if !ok {
					continue
				}
				steps++
				room := p.Size().Width - pad
				rows := guideRows(p)
				for r, row := range rows {
					var line strings.Builder
					right := float32(0)
					for k, x := range row {
						if k > 0 && x.Position().X > right+0.5 {
							line.WriteString(" ")
						}
						line.WriteString(x.Text)
						right = max(right, x.Position().X+x.Size().Width)
					}
					if right > room+0.5 {
						t.Errorf("%v px, %q: the line %q runs past the text's right edge (%v of %v px)", width, tab.Text, line.String(), right, room)
					}
					if strings.HasPrefix(line.String(), " ") {
						t.Errorf("%v px, %q: a line starts with a space: %q", width, tab.Text, line.String())
					}
					if r == len(rows)-1 {
						continue
					}
					// The next line's first word: its pieces up to the
					// one drawn with the space after it.
					next, word := rows[r+1], ""
					start, end := next[0].Position().X, next[0].Position().X
					for _, x := range next {
						word += x.Text
						end = x.Position().X + fyne.MeasureText(strings.TrimRight(x.Text, " "), x.TextSize, x.TextStyle).Width
						if strings.HasSuffix(x.Text, " ") {
							break
						}
					}
					last := row[len(row)-1]
					space := fyne.MeasureText(last.Text+" ", last.TextSize, last.TextStyle).Width - fyne.MeasureText(last.Text, last.TextSize, last.TextStyle).Width
					if fits := right + space + (end - start); fits <= room {
						t.Errorf("%v px, %q: the line %q breaks before %q, which fits on it (%v of %v px)",
							width, tab.Text, line.String(), strings.TrimSpace(word), fits, room)
					}
				}
				if len(rows) != len(p.Lines()) {
					t.Errorf("%v px: %d lines drawn, %d laid out", width, len(rows), len(p.Lines()))
				}
			}
			if steps < 6 {
				t.Fatalf("%q shows %d steps", tab.Text, steps)
			}
		}
	}
}

// The General app's tab shows the Redirect URL to register, with Copy,
// right after the step that asks for it; Copy (tapped, or Return on it)
// puts it on the clipboard and says so.
func TestGuideCopiesTheRedirectURL(t *testing.T) {
	e := newEnv(t, nil)
	g := e.u.showGuide(auth.AuthOAuth)
	if g.copyRedirect == nil {
		t.Fatal("the guide has no Copy for the Redirect URL")
	}
	text := tabText(g.tabs.Items[1])
	contains(t, "the General app's tab", text, "Redirect URL to register:\n"+redirectToReg)
	if i, j := strings.Index(text, "OAuth Redirect URL"), strings.Index(text, "Redirect URL to register"); i < 0 || j < i {
		t.Errorf("the Redirect URL with Copy is not under the step that asks for it:\n%s", text)
	}
	if strings.Contains(tabText(g.tabs.Items[0]), "Redirect URL to register") {
		t.Error("the Server-to-Server tab shows a Redirect URL")
	}
	c := g.win.Canvas()
	tabTo(t, c, g.copyRedirect, "Copy")
	press(t, c, fyne.KeyReturn)
	if got := e.app.Clipboard().Content(); got != redirectToReg {
		t.Errorf("Copy put %q on the clipboard; want %q", got, redirectToReg)
	}
	if g.copyRedirect.Text != "Copied" || !windowOpen(e.app, g.win) {
		t.Errorf("after Copy the button says %q and the guide is open: %v", g.copyRedirect.Text, windowOpen(e.app, g.win))
	}
	e.app.Clipboard().SetContent("")
	test.Tap(g.copyRedirect)
	if got := e.app.Clipboard().Content(); got != redirectToReg {
		t.Errorf("a click on Copy put %q on the clipboard", got)
	}
}
