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
	Window  fyne.Window
	editing *auth.OAuthClient
	onSaved func(auth.OAuthClient)

	Name         *kit.FormEntry
	ClientID     *kit.FormEntry
	Public       *kit.FormCheck
	ClientSecret *kit.FormEntry
	Port         *kit.FormEntry
	// Preset, AuthorizeURL, TokenURL, RevokeURL, APIURL: the Zoom
	// deployment of the app, for all its connections.
	*endpointSection
	RedirectURL   *kit.FormEntry // read-only, to copy
	AllowList     *kit.FormEntry // read-only, to copy
	CopyRedirect  *kit.FormButton
	CopyAllowList *kit.FormButton
	SaveButton    *kit.FormButton
	CancelButton  *kit.FormButton
	Legend        *widget.Label // "* required"

	formFields
	keys   *kit.Keys
	secret *secretPrompt
}

func (f *clientForm) build() {
	f.flow = flow{ctx: f.ctx, win: f.Window, noun: "The OAuth client", showErrors: f.showErrors}
	k := kit.NewKeys(f.cancel, f.save)
	f.keys = k
	f.Name = k.Entry("e.g. Team meetings app", false)
	f.ClientID = k.Entry("Client ID", false)
	f.ClientSecret = k.Entry("Client secret", true)
	f.Public = k.Check("Public client (PKCE, no secret)", func(bool) {
		f.touched[auth.FieldClientSecret] = true
		f.updateVisibility()
		f.validate()
	})
	f.Port = k.Entry("any free port", false)
	f.endpointSection = newEndpointSection(k, f.ctx.Copy, func(name string) {
		f.touched[name] = true
		f.updateVisibility()
		f.validate()
	})

	rows := []*field{
		f.add(auth.FieldClientName, auth.FieldClientName, helpClientName, f.Name),
		f.add(auth.FieldClientID, auth.FieldClientID, helpClientClID, f.ClientID),
	}
	for _, fl := range rows {
		fl.setRequired(true)
	}
	rows = append(rows, f.endpointSection.rows(&f.formFields, helpClientEndpoints)...)
	secretRow := f.add(auth.FieldClientSecret, auth.FieldClientSecret, "", f.ClientSecret)
	f.secret = newSecretPrompt(f.ctx.Session.WhereSecretsGo, f.ClientSecret, secretRow, helpClientSecret)
	rows = append(rows,
		f.add("public", "", helpPublic, f.Public),
		secretRow,
		f.add(auth.FieldPort, "Fixed port", helpPort, f.Port),
	)
	f.onTyped(map[string]*kit.FormEntry{auth.FieldClientName: f.Name, auth.FieldClientID: f.ClientID, auth.FieldClientSecret: f.ClientSecret, auth.FieldPort: f.Port},
		func(name string) {
			if name == auth.FieldPort {
				f.updateRedirect()
			}
			f.validate()
		})

	f.RedirectURL = k.Entry("", false)
	f.RedirectURL.SetReadOnly(true, "")
	f.AllowList = k.Entry("", false)
	f.AllowList.SetReadOnly(true, "")
	f.CopyRedirect = k.Button("Copy", theme.ContentCopyIcon(), func() { f.ctx.Copy(f.RedirectURL.Text, "Redirect URL") })
	f.CopyAllowList = k.Button("Copy", theme.ContentCopyIcon(), func() { f.ctx.Copy(f.AllowList.Text, "Allow List entry") })
	regTitle := widget.NewLabelWithStyle("Register these in your Zoom app", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reg := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Redirect URL", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, f.CopyRedirect, f.RedirectURL),
		widget.NewLabelWithStyle("Allow List", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, f.CopyAllowList, f.AllowList),
	)
	why := kit.SmallText(whyLoopback)

	f.CancelButton = k.Button("Cancel", nil, f.cancel)
	f.SaveButton = k.Button("Save", theme.DocumentSaveIcon(), f.save)
	f.SaveButton.Importance = widget.HighImportance
	f.flow.secretEntry, f.flow.saveButton = f.ClientSecret, f.SaveButton
	guide := k.Button("Set-up guide", theme.HelpIcon(), func() { f.ctx.Guide(auth.AuthOAuth) })
	f.Legend = kit.OneLine(legendRequired)
	buttons := container.NewHBox(guide, f.Legend, layout.NewSpacer(), f.CancelButton, f.SaveButton)
	k.Layout(f.Window, container.NewVBox(formGrid(rows), widget.NewSeparator(), regTitle, reg, why), buttons)
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
		f.Name.SetText(c.Name)
		f.ClientID.SetText(c.ClientID)
		f.Public.SetChecked(c.Kind == auth.Public)
		if c.Port != 0 {
			f.Port.SetText(strconv.Itoa(c.Port))
		}
	}
	f.touched = map[string]bool{}
	f.updateRedirect()
	f.updateVisibility()
	f.validate()
}

func (f *clientForm) port() (int, bool) {
	s := strings.TrimSpace(f.Port.Text)
	if s == "" {
		return 0, true
	}
	p, err := strconv.Atoi(s)
	return p, err == nil
}

func (f *clientForm) updateRedirect() {
	p, ok := f.port()
	if !ok || p < 1024 || p > 65535 {
		p = 0
	}
	f.RedirectURL.SetText(access.RedirectURLFor(p))
	f.AllowList.SetText(access.RedirectURLFor(p))
}

func (f *clientForm) updateVisibility() {
	f.fields[auth.FieldClientSecret].show(!f.Public.Checked)
	// The URLs are shown only for custom endpoints; a preset's are Zoom's.
	for _, n := range endpointFields[1:] {
		f.fields[n].show(f.isCustom())
	}
	if f.Window.Content() != nil {
		f.Window.Content().Refresh()
	}
}

// Input is what the form would submit now.
func (f *clientForm) Input() auth.ClientInput {
	in := auth.ClientInput{Name: f.Name.Text, ClientID: f.ClientID.Text, Public: f.Public.Checked, Endpoints: f.endpointsInput()}
	if f.editing != nil {
		in.ID = f.editing.ID
	}
	if p, ok := f.port(); ok {
		in.Port = p
	} else {
		in.Port = -1 // refused by validation with the range message
	}
	if !in.Public {
		in.ClientSecret = f.ClientSecret.Text
	}
	return in
}

// validate checks the input as the store would and shows each message
// beside its field, for fields the user has touched. It reports whether
// the input is valid. A stored secret must also be typed again when it
// was stored before secrets were bound to endpoints (SecretNeeded).
func (f *clientForm) validate() bool {
	if f.SaveButton == nil {
		return false
	}
	in := f.Input()
	data := f.ctx.Session.Data()
	stored := f.editing != nil && f.editing.Kind == auth.Confidential && !in.Public
	f.secret.check(&f.formFields, stored, func() error {
		bare := in
		bare.ClientSecret = ""
		return data.ValidateClient(bare)
	})
	f.fields[auth.FieldClientSecret].setRequired(f.secret.required())
	return f.showErrors(data.ValidateClient(in))
}

// cancel wipes the typed secret and closes the form.
func (f *clientForm) cancel() { f.flow.cancel() }

// save validates and, if valid, saves in the background (flow.save).
func (f *clientForm) save() {
	f.flow.save(func() (func() (saved, error), bool) {
		f.touchAll()
		if !f.validate() {
			return nil, false
		}
		in, st := f.Input(), f.ctx.Session.Store()
		return func() (saved, error) {
			res, err := st.SaveClient(in)
			c := res.Client
			return saved{status: fmt.Sprintf("Saved the OAuth client %q.", c.Name), name: c.Name, notices: res.Notices,
				next: func() { f.onSaved(c) }}, err
		}, true
	})
}
