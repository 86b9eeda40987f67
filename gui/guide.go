package gui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

// The Zoom App Marketplace steps, in our words.
var guideS2S = []string{
	"Sign in to the Zoom App Marketplace with your developer account and open **Develop**.",
	"Click **Build app**.",
	"Choose **Server-to-Server OAuth app** and click **Create**.",
	"Give the app a name and click **Create**. The App credentials page opens; finish the steps below before you use them, because the app must be activated.",
	"Click **Continue** to reach **Information** and enter your company name.",
	"Enter the developer contact's name and email address.",
	"Click **Continue** to reach **Scopes**, click **+ Add scopes**, pick what your scripts need (for example user:read:admin), then click **Done**.",
	"Click **Continue** to reach **Activation** and click **Activate your app**.",
	"Go back to **App credentials** and copy the **Account ID**, **Client ID** and **Client secret** into a new connection here, with Auth type **Custom**.",
}

var guideGeneral = []string{
	"Sign in to the Zoom App Marketplace with your developer account and open **Develop**.",
	"Click **Build app**, choose **General app** and click **Create**.",
	"Enter an app name, then choose **Account-level app** (acts for the account) or **User-managed app** (acts for the user who authorizes), and click **Create**.",
	"On the **App credentials** page, copy the **Client ID** and **Client secret** into a new OAuth client here (the + button in the connection form).",
	"Enter the **Redirect URL** this app shows in the OAuth client form: http://127.0.0.1/oauth/callback (with the port if you fixed one).",
	"Add the same address to the **OAuth Allow List**. Use 127.0.0.1, never localhost.",
	"Click **Continue**, review the **Information** and **Features** sections, and go to **Scopes**.",
	"Click **+ Add scopes**, pick the scopes you need (user:read:user lets the test show who you are), click **Done**, then **Continue**.",
	"Review the **Activation** section. Then, here, create a connection with Auth type **OAuth 2.0**, pick the OAuth client and click **Save & authorize**.",
}

func steps(items []string) *widget.RichText {
	md := ""
	for i, s := range items {
		md += strconv.Itoa(i+1) + ". " + s + "\n"
	}
	rt := widget.NewRichTextFromMarkdown(md)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// Guide is the set-up guide window.
type Guide struct {
	Window fyne.Window
	Tabs   *container.AppTabs
	Open   *widget.Button
}

// showGuide opens the set-up guide at the tab for authType; its button
// opens the Zoom App Marketplace with openURL.
func showGuide(a fyne.App, openURL func(string), authType auth.AuthType) *Guide {
	g := &Guide{Window: a.NewWindow("Set-up guide — " + AppName)}
	intro := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s2s := container.NewVBox(intro("Custom connections use a Zoom Server-to-Server OAuth app: account-wide access, no browser, tokens on demand."), steps(guideS2S))
	gen := container.NewVBox(intro("OAuth 2.0 connections use a Zoom General app: you authorize once in the browser and this app keeps the tokens fresh."), steps(guideGeneral))
	g.Tabs = container.NewAppTabs(
		container.NewTabItem("Custom (Server-to-Server)", container.NewVScroll(s2s)),
		container.NewTabItem("OAuth 2.0 (General app)", container.NewVScroll(gen)),
	)
	if authType == auth.AuthOAuth {
		g.Tabs.SelectIndex(1)
	}
	g.Open = widget.NewButtonWithIcon("Open Zoom App Marketplace", theme.ComputerIcon(), func() { openURL(MarketplaceURL) })
	g.Open.Importance = widget.HighImportance
	closeBtn := widget.NewButton("Close", func() { g.Window.Close() })
	g.Window.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeBtn, g.Open), nil, nil, g.Tabs))
	g.Window.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			g.Window.Close()
		}
	})
	g.Window.Resize(fyne.NewSize(720, 600))
	g.Window.Show()
	return g
}
