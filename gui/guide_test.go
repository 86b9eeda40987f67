package gui

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/view"
)

// Issue 12, the guide: it opens on the tab of the type at hand, covers
// what Zoom asks today (Strict Mode, Development or Production
// credentials, granular scopes, the public client ID), links to Zoom's own
// pages, and the README says the same.

// tabText is the text a guide tab shows.
func tabText(tab *container.TabItem) string {
	var b strings.Builder
	for _, o := range tab.Content.(*container.Scroll).Content.(*fyne.Container).Objects {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			for _, seg := range x.Segments {
				segmentText(&b, seg)
			}
		}
	}
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
var guideFacts = [2][]string{
	{"user:read:user:admin", "user:read:admin", "granular", "classic", "no Development or Production", "Activate"},
	{"Strict Mode", "Fixed port", "Development", "Production", "Use Public Client OAuth", "public client ID",
		"user:read:user", "user:read:user:admin", "no `:admin` scopes", "Allow List", "127.0.0.1", "localhost", "Admin-managed", "User-managed"},
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
	if len(g.links) != 2 || g.links[0].URL.String() != zoomDocsS2S || g.links[1].URL.String() != zoomDocsGeneral {
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
	if want := []string{zoomDocsS2S, zoomDocsGeneral, marketplaceURL}; strings.Join(opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %q; want %q", opened, want)
	}

	// Esc closes the guide, even from a link.
	c.Focus(g.links[1])
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
	for _, link := range []string{zoomDocsS2S, zoomDocsGeneral} {
		if !strings.Contains(section, link) {
			t.Errorf("the README's Zoom side does not link %s", link)
		}
	}
}
