package forms

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// clientForm is the window that creates or edits an OAuth client.
type clientForm struct {
	ctx     *view.Context
	flow    flow // Cancel and Save, as in the connection form
	win     fyne.Window
	editing *auth.OAuthClient
	onSaved func(auth.OAuthClient)

	name         *kit.FormEntry
	clientID     *kit.FormEntry
	public       *kit.FormCheck
	clientSecret *kit.FormEntry
	port         *kit.FormEntry
	// preset, authorizeURL, tokenURL, revokeURL, apiURL: the Zoom
	// deployment of the app, for all its connections.
	*endpointSection
	redirectURL   *kit.FormEntry // read-only, to copy
	allowList     *kit.FormEntry // read-only, to copy
	copyRedirect  *kit.FormButton
	copyAllowList *kit.FormButton
	saveButton    *kit.FormButton
	cancelButton  *kit.FormButton
	legend        *widget.Label // "* required"

	formFields
	keys   *kit.Keys
	secret *secretPrompt
	events *eventsFields // the app's Secret Token and subscription ID
	// opened is what the form submitted as opened: Cancel asks before it
	// drops anything else.
	opened auth.ClientInput
}

func (f *clientForm) build() {
	f.flow = flow{ctx: f.ctx, win: f.win, noun: "The OAuth client", showErrors: f.showErrors, changed: f.changed}
	f.flow.init()
	k := kit.NewKeys(f.cancel, f.save)
	f.keys = k
	f.name = k.Entry("e.g. Team meetings app", false)
	f.clientID = k.Entry("Client ID", false)
	f.clientSecret = k.Entry("Client secret", true)
	f.public = k.Check("Public client (PKCE, no secret)", func(bool) {
		f.touched[auth.FieldClientSecret] = true
		f.updateVisibility()
		f.validate()
	})
	f.port = k.Entry("any free port", false)
	f.endpointSection = newEndpointSection(k, f.ctx.Copy, func(name string) {
		f.touched[name] = true
		f.updateVisibility()
		f.validate()
	})

	rows := []*field{
		f.add(auth.FieldClientName, auth.FieldClientName, helpClientName, f.name),
		f.add(auth.FieldClientID, auth.FieldClientID, helpClientClID, f.clientID),
	}
	for _, fl := range rows {
		fl.setRequired(true)
	}
	rows = append(rows, f.endpointSection.rows(&f.formFields, helpClientEndpoints)...)
	secretRow := f.add(auth.FieldClientSecret, auth.FieldClientSecret, "", f.clientSecret)
	f.secret = newSecretPrompt(f.ctx.Session.WhereSecretsGo, f.clientSecret, secretRow, helpClientSecret)
	rows = append(rows,
		f.add("public", "", helpPublic, f.public),
		secretRow,
		f.add(auth.FieldPort, "Fixed port", helpPort, f.port),
	)
	f.events = newEventsFields(k, &f.formFields, f.ctx.Session.WhereSecretsGo, true)
	rows = append(rows, f.events.rows()...)
	f.onTyped(map[string]*kit.FormEntry{auth.FieldClientName: f.name, auth.FieldClientID: f.clientID, auth.FieldClientSecret: f.clientSecret, auth.FieldPort: f.port,
		auth.FieldSecretToken: f.events.token, auth.FieldEventsSubscription: f.events.sub},
		func(name string) {
			if name == auth.FieldPort {
				f.updateRedirect()
			}
			f.validate()
		})

	f.redirectURL = k.Entry("", false)
	f.redirectURL.SetReadOnly(true, "")
	f.allowList = k.Entry("", false)
	f.allowList.SetReadOnly(true, "")
	f.copyRedirect = k.Button("Copy", theme.ContentCopyIcon(), func() { f.ctx.Copy(f.redirectURL.Text, "Redirect URL") })
	f.copyAllowList = k.Button("Copy", theme.ContentCopyIcon(), func() { f.ctx.Copy(f.allowList.Text, "Allow List entry") })
	regTitle := widget.NewLabelWithStyle("Register these in your Zoom app", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reg := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Redirect URL", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, f.copyRedirect, f.redirectURL),
		widget.NewLabelWithStyle("Allow List", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, f.copyAllowList, f.allowList),
	)
	why := kit.SmallText(whyLoopback)

	f.cancelButton = k.Button("Cancel", nil, f.cancel)
	f.saveButton = k.Button("Save", theme.DocumentSaveIcon(), f.save)
	f.saveButton.Importance = widget.HighImportance
	f.flow.secretEntry, f.flow.saveButton = f.clientSecret, f.saveButton
	f.flow.moreSecrets = []*kit.FormEntry{f.events.token}
	guide := k.Button("Set-up guide", theme.HelpIcon(), func() { f.ctx.Guide(auth.AuthOAuth) })
	f.legend = kit.OneLine(legendRequired)
	buttons := container.NewHBox(guide, f.events.toggle, f.legend, layout.NewSpacer(), f.cancelButton, f.saveButton)
	k.Layout(f.win, container.NewVBox(formGrid(rows), widget.NewSeparator(), regTitle, reg, why), buttons)
	f.fill()
}

// fill puts the edited client (or Zoom's endpoints) in the widgets.
func (f *clientForm) fill() {
	ep, _ := auth.PresetEndpoints(auth.PresetZoom)
	if f.editing != nil {
		ep = f.editing.Endpoints
	}
	f.setOwn(ep)
	if c := f.editing; c != nil {
		f.name.SetText(c.Name)
		f.clientID.SetText(c.ClientID)
		f.public.SetChecked(c.Kind == auth.Public)
		if c.Port != 0 {
			f.port.SetText(strconv.Itoa(c.Port))
		}
		f.events.fill(c.HasSecretToken, c.EventsSubscription)
	}
	f.touched = map[string]bool{}
	f.updateRedirect()
	f.updateVisibility()
	f.validate()
	f.opened = f.input()
}

// changed reports whether the form holds what the client as opened does
// not: typed, ticked, or a secret typed at all.
func (f *clientForm) changed() bool {
	return f.input() != f.opened || f.clientSecret.Text != "" || f.events.changed()
}

func (f *clientForm) portNumber() (int, bool) {
	s := strings.TrimSpace(f.port.Text)
	if s == "" {
		return 0, true
	}
	p, err := strconv.Atoi(s)
	return p, err == nil
}

func (f *clientForm) updateRedirect() {
	p, ok := f.portNumber()
	if !ok || p < 1024 || p > 65535 {
		p = 0
	}
	f.redirectURL.SetText(access.RedirectURLFor(p))
	f.allowList.SetText(access.RedirectURLFor(p))
}

func (f *clientForm) updateVisibility() {
	f.fields[auth.FieldClientSecret].show(!f.public.Checked)
	f.events.show(true)
	// The URLs are shown only for custom endpoints; a preset's are Zoom's.
	for _, n := range endpointFields[1:] {
		f.fields[n].show(f.isCustom())
	}
	if f.win.Content() != nil {
		f.win.Content().Refresh()
	}
}

// input is what the form would submit now.
func (f *clientForm) input() auth.ClientInput {
	in := auth.ClientInput{Name: f.name.Text, ClientID: f.clientID.Text, Public: f.public.Checked, Endpoints: f.endpointsInput()}
	if f.editing != nil {
		in.ID = f.editing.ID
	}
	if p, ok := f.portNumber(); ok {
		in.Port = p
	} else {
		in.Port = -1 // refused by validation with the range message
	}
	if !in.Public {
		in.ClientSecret = f.clientSecret.Text
	}
	in.EventsSubscription = f.events.subscription()
	return in
}

// validate checks the input as the store would and shows each message
// beside its field, for fields the user has touched. It reports whether
// the input is valid. A stored secret must also be typed again when it
// was stored before secrets were bound to endpoints (SecretNeeded).
func (f *clientForm) validate() bool {
	if f.saveButton == nil {
		return false
	}
	in := f.input()
	data := f.ctx.Session.Data()
	stored := f.editing != nil && f.editing.Kind == auth.Confidential && !in.Public
	f.secret.check(&f.formFields, stored, func() error {
		bare := in
		bare.ClientSecret = ""
		return data.ValidateClient(bare)
	})
	f.fields[auth.FieldClientSecret].setRequired(f.secret.required())
	return f.showErrors(f.events.check(data.ValidateClient(in)))
}

// cancel closes the form, asking first if it was changed (flow.cancel).
func (f *clientForm) cancel() { f.flow.cancel() }

// save validates and, if valid, saves in the background (flow.save).
func (f *clientForm) save() {
	f.flow.save(func() (func() (saved, error), bool) {
		f.touchAll()
		if !f.validate() {
			return nil, false
		}
		in, st, token := f.input(), f.ctx.Session.Store(), f.events.token.Text
		return func() (saved, error) {
			res, err := st.SaveClient(in)
			c := res.Client
			if err != nil {
				return saved{}, err
			}
			notices, terr := storeToken(st, c.Name, token)
			s := saved{status: fmt.Sprintf("Saved the OAuth client %q.", c.Name), name: c.Name, notices: append(res.Notices, notices...),
				next: func() { f.onSaved(c) }}
			if terr != nil {
				c.HasSecretToken = false
				s.status = fmt.Sprintf("Saved the OAuth client %q, but not its Secret Token.", c.Name)
				s.stay = func() {
					f.editing = &c
					f.win.SetTitle("Edit OAuth client " + c.Name + " — " + view.AppName)
					f.events.fill(c.HasSecretToken, c.EventsSubscription)
					f.fields[auth.FieldSecretToken].setError(tokenNotStored(fmt.Sprintf("The OAuth client %q", c.Name), terr))
					f.opened = f.input()
				}
			}
			return s, nil
		}, true
	})
}
