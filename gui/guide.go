package gui

import (
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Zoom's own pages on creating each app type, linked from the guide.
const (
	zoomDocsS2S     = "https://developers.zoom.us/docs/internal-apps/create/"
	zoomDocsGeneral = "https://developers.zoom.us/docs/build-flow/create-oauth-apps/"
	zoomDocsSDK     = "https://developers.zoom.us/docs/meeting-sdk/auth/"
)

// The Zoom App Marketplace steps, in our words. The README's "Setting up
// the Zoom side" says the same; keep them together.
var guideS2S = []string{
	"Sign in to the Zoom App Marketplace with your developer account, open **Develop** and click **Build app**.",
	"Choose **Server-to-Server OAuth app**, click **Create** and give the app a name. Its **App credentials** page opens; copy them last, as the app must be activated first.",
	"Under **Information**, enter your company name and the developer contact's name and email address.",
	"Under **Scopes**, click **+ Add scopes**, pick what your scripts need and click **Done**. So that *Test* can show who the app acts as, add the granular scope `user:read:user:admin` (apps built since 2024 use granular scopes); an older app with classic scopes needs `user:read:admin` instead.",
	"Under **Activation**, click **Activate your app**.",
	"Back on **App credentials**, copy the **Account ID**, **Client ID** and **Client secret** into a new connection here, with Auth type **Custom (Server-to-Server OAuth)**. A Server-to-Server OAuth app has a single set of credentials: there is no Development or Production to choose.",
	"Optional, for events: under **Features** → **Access**, copy the **Secret Token**, and turn on **Event Subscriptions**: add a subscription with the method **WebSocket**, pick its events and save, then copy its **subscription ID** (Event Subscriptions → your WebSocket subscription: Zoom shows its endpoint, `wss://ws.zoom.us/ws?subscriptionId=…`, and the ID is what follows `subscriptionId=`). Here, tick *Events settings* in the connection form and paste them into *Secret Token* and *Subscription ID*; **Connection › Events…** then listens.",
}

var guideGeneral = []string{
	"Sign in to the Zoom App Marketplace with your developer account, open **Develop**, click **Build app**, choose **General app** and click **Create**.",
	"Under **Basic Information**, choose how the app is managed: **Admin-managed** (it acts for the whole account) or **User-managed** (it acts for the user who authorizes it).",
	"**App credentials** come twice, on the **Development** and the **Production** tab. Copy the **Development** Client ID and Client secret into a new OAuth client here (the + button in the connection form): they work for your own account without publishing the app. The Production ones work only once Zoom has published the app; if you use them, register the URLs below on the Production tab.",
	"For a public client (no secret): under **App credentials**, turn on **Use Public Client OAuth** and copy the **public client ID** it shows, not the usual Client ID. Here, tick **Public client** in the OAuth client and leave the secret empty.",
	"Under **OAuth Redirect URL**, enter `http://127.0.0.1/oauth/callback` (the Redirect URL the OAuth client form shows) and add the same address to the **OAuth Allow List**. Use 127.0.0.1, never localhost.",
	"Leave **Strict Mode URL** off. This app listens on a free port each time, and Zoom ignores the port of a 127.0.0.1 redirect, except in Strict Mode, where a random port fails. If you need Strict Mode, set a **Fixed port** in the OAuth client here and register that exact URL in both places, such as `http://127.0.0.1:8123/oauth/callback` for port 8123.",
	"Under **Scopes**, click **+ Add scopes** and pick what you need. So that the test can show who you are, add `user:read:user` for a user-managed app (it gets no `:admin` scopes) or `user:read:user:admin` for an admin-managed one; an older app with classic scopes needs `user:read` or `user:read:admin` instead.",
	"Here, create a connection with Auth type **OAuth 2.0**, pick the OAuth client and click **Save & authorize**.",
	"Optional, for events: under **Features** → **Access**, copy the **Secret Token**, and turn on **Event Subscriptions**: add a subscription with the method **WebSocket**, pick its events and save, then copy its **subscription ID** (Event Subscriptions → your WebSocket subscription: Zoom shows its endpoint, `wss://ws.zoom.us/ws?subscriptionId=…`, and the ID is what follows `subscriptionId=`). Here, tick *Events settings* in the OAuth client and paste them into *Secret Token* and *Subscription ID*; its connections listen with their own tokens.",
}

// guideSDK says where Zoom shows the keys that sign SDK JWTs, and what
// ZAK and on-behalf tokens need.
var guideSDK = []string{
	"**Meeting SDK**, apps made after 11 Feb 2023: in the Zoom App Marketplace open **Manage**, your app, **App Credentials**, and copy the **Client ID** and **Client secret** into an OAuth client here. Select it in the OAuth client list and choose **Signature…** to sign a Meeting SDK signature.",
	"**Meeting SDK**, older apps: the same **App Credentials** page shows an **SDK key** and **SDK secret**. Add them in **Connection › SDK credentials and signatures…** as a Meeting SDK credential.",
	"**Video SDK**: its keys belong to a Video SDK account, not a Marketplace app. Sign in to the Video SDK account, open **Developer** › **SDK credentials**, and add the SDK key and SDK secret as a Video SDK credential.",
	"**ZAK and on-behalf (OBF) tokens** come from a user: give the General app the scope `user:read:token` (classic `user:read`), authorize an OAuth 2.0 connection, and fetch them on the command line with `zoomconn sdk zak NAME` or `zoomconn sdk obf NAME --meeting N`.",
	"The SDK secret only signs on this machine: it is kept in the keyring and never shown again. A signature lives **30 minutes to 48 hours**; a value out of Zoom's range is refused, with the range, before anything is signed.",
	"When Zoom says a signature is invalid (Meeting SDK error 3712), paste it into `zoomconn sdk decode`: it shows the claims, names the one Zoom would refuse, and says whether the stored secret signed it.",
}

// redirectURL is the Redirect URL a General app registers (Zoom ignores
// the port of a 127.0.0.1 redirect): the guide names it and copies it.
var redirectURL = access.RedirectURLFor(0)

// steps are the numbered steps, one paragraph each (stepText); after the
// step that names the Redirect URL, extra (nil: nothing) follows.
func steps(items []string, extra fyne.CanvasObject) fyne.CanvasObject {
	box := kit.TightVBox()
	for i, s := range items {
		box.Add(stepText(i+1, s))
		if extra != nil && strings.Contains(s, "`"+redirectURL+"`") {
			box.Add(extra)
			extra = nil
		}
	}
	return box
}

// stepText is step n, whose text marks **bold**, *italic* and `code`
// (monospace), as a paragraph that wraps between words (kit.Words: Fyne's
// rich text broke lines early after each bold phrase or code span).
func stepText(n int, text string) *kit.Words {
	runs := []kit.Run{{Text: strconv.Itoa(n) + ". ", Style: fyne.TextStyle{Bold: true}}}
	bold, italic := false, false
	for text != "" {
		i := strings.IndexAny(text, "*`")
		if i < 0 {
			i = len(text)
		}
		runs = append(runs, kit.Run{Text: text[:i], Style: fyne.TextStyle{Bold: bold, Italic: italic}})
		text = text[i:]
		switch {
		case text == "":
		case text[0] == '`':
			end := strings.IndexByte(text[1:], '`')
			if end < 0 {
				end = len(text) - 1
			}
			runs = append(runs, kit.Run{Text: text[1 : 1+end], Style: fyne.TextStyle{Monospace: true}})
			text = text[min(len(text), end+2):]
		case strings.HasPrefix(text, "**"):
			bold = !bold
			text = text[2:]
		default:
			italic = !italic
			text = text[1:]
		}
	}
	return kit.NewWords(runs...)
}

// guideWindow is the set-up guide window: a tab per Zoom app type.
type guideWindow struct {
	win         fyne.Window
	tabs        *container.AppTabs
	openButton  *kit.FormButton // the Zoom App Marketplace
	closeButton *kit.FormButton
	// links are Zoom's pages on creating a Server-to-Server OAuth app and
	// a General app, in the tabs' order.
	links []*guideLink
	// copyRedirect copies the Redirect URL, on the General app's tab.
	copyRedirect *kit.FormButton
}

// guideLink is a link of the guide, opened with the app's URL opener;
// Esc closes the guide while it has the focus.
type guideLink struct {
	widget.Hyperlink
	keys *kit.Keys
}

func newGuideLink(keys *kit.Keys, text, raw string, openURL func(string)) *guideLink {
	l := &guideLink{keys: keys}
	l.Text = text
	l.URL, _ = url.Parse(raw)
	l.OnTapped = func() { openURL(raw) }
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey closes the guide on Esc or Enter, else acts as a link.
func (l *guideLink) TypedKey(ev *fyne.KeyEvent) {
	if !l.keys.Key(ev) {
		l.Hyperlink.TypedKey(ev)
	}
}

// guideSDKTab is the index of the guide's SDK tab.
const guideSDKTab = 2

// ctrlTab switches the guide's tab: Fyne's tabs take no keyboard focus.
var ctrlTab = &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl}

// showGuide opens the set-up guide at the tab for authType; its links and
// button open Zoom's pages with openURL, and its Copy puts the Redirect
// URL on the app's clipboard.
func showGuide(a fyne.App, openURL func(string), authType auth.AuthType) *guideWindow {
	g := &guideWindow{win: a.NewWindow("Set-up guide — " + view.AppName)}
	closeGuide := func() { g.win.Close() }
	k := kit.NewKeys(closeGuide, closeGuide)
	tab := func(intro, linkText, link string, items []string, extra fyne.CanvasObject) fyne.CanvasObject {
		l := widget.NewLabel(intro)
		l.Wrapping = fyne.TextWrapWord
		g.links = append(g.links, newGuideLink(k, linkText, link, openURL))
		return container.NewVScroll(container.NewVBox(l, g.links[len(g.links)-1], steps(items, extra)))
	}
	g.copyRedirect = k.Button("Copy", theme.ContentCopyIcon(), func() {
		a.Clipboard().SetContent(redirectURL)
		g.copyRedirect.SetText("Copied")
	})
	redirectLabel := widget.NewLabelWithStyle(redirectURL, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	redirectLabel.Selectable = true
	redirect := container.NewHBox(widget.NewLabel("Redirect URL to register:"), redirectLabel, g.copyRedirect)
	g.tabs = container.NewAppTabs(
		container.NewTabItem(view.AuthTypeLabel(auth.AuthS2S), tab(
			"Custom connections use a Zoom Server-to-Server OAuth app: account-wide access, tokens on demand, no browser.",
			"Zoom's guide: Create a Server-to-Server OAuth app", zoomDocsS2S, guideS2S, nil)),
		container.NewTabItem(view.AuthTypeLabel(auth.AuthOAuth)+" (General app)", tab(
			"OAuth 2.0 connections use a Zoom General app: a Zoom user authorizes it once in the browser, and this app keeps the tokens fresh.",
			"Zoom's guide: Create a General app", zoomDocsGeneral, guideGeneral, redirect)),
		container.NewTabItem("SDKs (Meeting, Video)", tab(
			"Zoom's Meeting SDK and Video SDK join with a JWT signed by an SDK secret; this app signs it, so the secret never sits in a .env file.",
			"Zoom's guide: Meeting SDK authorization", zoomDocsSDK, guideSDK, nil)),
	)
	if authType == auth.AuthOAuth {
		g.tabs.SelectIndex(1)
	}
	g.openButton = k.Button("Open Zoom App Marketplace", theme.ComputerIcon(), func() { openURL(marketplaceURL) })
	g.openButton.Importance = widget.HighImportance
	g.closeButton = k.Button("Close", nil, closeGuide)
	hint := kit.OneLine("Ctrl+Tab shows the next tab.")
	g.win.SetContent(container.NewBorder(nil, container.NewHBox(hint, layout.NewSpacer(), g.closeButton, g.openButton), nil, nil, g.tabs))
	g.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { k.Key(ev) })
	g.win.Canvas().AddShortcut(ctrlTab, func(fyne.Shortcut) {
		g.tabs.SelectIndex((g.tabs.SelectedIndex() + 1) % len(g.tabs.Items))
	})
	g.win.Resize(fyne.NewSize(760, 640))
	g.win.Show()
	return g
}
