package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

// Labels of the connection form: the seed's, in the seed's order.
const (
	labelCustom   = "Custom"
	labelOAuth    = "OAuth 2.0"
	viewSimple    = "Simple"
	viewHTTP      = "HTTP"
	presetZoomL   = "Zoom"
	presetGovL    = "ZoomGov"
	presetCustomL = "Custom"
)

// Help texts, carrying what the seed says in our own words.
const (
	helpConnName     = "Give it a clear name you will recognise: this is how you pick the connection later, here and on the command line (zoomconn token NAME). Each name can be used once."
	helpAuthType     = "How the connection gets tokens from Zoom: Custom for a Server-to-Server OAuth app (no browser needed), OAuth 2.0 for a General app that you authorize in the browser."
	helpAccountID    = "The Account ID from your Server-to-Server OAuth app's App credentials page in the Zoom App Marketplace."
	helpClientID     = "The Client ID from the same App credentials page."
	helpSecretNew    = "The Client secret from the same page. It goes straight into the system keyring, is saved only when you save the connection, and is never shown again."
	helpSecretEdit   = "A secret is stored in the system keyring and is never shown. Leave this empty to keep it, or type the new secret to replace it."
	helpOAuthClient  = "The OAuth client holds the Client ID and Client secret of your Zoom General app. Add one with +, or change the selected one with the pencil."
	placeholderStore = "Stored — type to replace"
)

// ConnectionForm is the window that creates or edits a connection.
type ConnectionForm struct {
	ui      *UI
	Window  fyne.Window
	editing *auth.Connection // nil for a new connection

	View         *widget.RadioGroup // Simple | HTTP
	Name         *FormEntry
	AuthType     *widget.RadioGroup // Custom | OAuth 2.0
	AccountID    *FormEntry
	ClientID     *FormEntry
	ClientSecret *FormEntry
	OAuthClient  *widget.Select
	AddClient    *widget.Button // "+"
	EditClient   *widget.Button // pencil
	// Preset, AuthorizeURL, TokenURL, RevokeURL, APIURL: a Server-to-Server
	// connection's own endpoints; an OAuth 2.0 connection's client's, shown
	// read-only, with its own API base URL on a custom client.
	*endpointSection
	SaveButton   *widget.Button
	SaveAnd      *widget.Button // Save & test / Save & authorize
	CancelButton *widget.Button
	GuideButton  *widget.Button
	FormError    *widget.Label // errors that belong to no single field

	formFields
	secret    *secretPrompt
	clientIDs []string // IDs parallel to OAuthClient.Options
	busy      bool
}

// NewConnection opens the form for a new connection.
func (u *UI) NewConnection() *ConnectionForm {
	if u.readOnly() {
		return nil
	}
	return u.openConnectionForm(nil)
}

// EditConnection opens the form for the named connection.
func (u *UI) EditConnection(name string) *ConnectionForm {
	c, ok := u.data.Connection(name)
	if !ok || u.readOnly() {
		return nil
	}
	cc := *c
	return u.openConnectionForm(&cc)
}

func (u *UI) editSelected() {
	if c, ok := u.selectedConnection(); ok {
		u.EditConnection(c.Name)
	}
}

// ConnectionFormOpen is the connection form opened last (for tests).
func (u *UI) ConnectionFormOpen() *ConnectionForm { return u.connForm }

func (u *UI) openConnectionForm(editing *auth.Connection) *ConnectionForm {
	f := &ConnectionForm{ui: u, editing: editing, formFields: newFormFields()}
	title := "New connection"
	if editing != nil {
		title = "Edit connection " + editing.Name
	}
	u.openFormWindow(title, fyne.NewSize(760, 640), func(w fyne.Window) { f.Window = w; f.build() }, func() fyne.Focusable { return f.Name })
	u.connForm = f
	return f
}

func (f *ConnectionForm) entry(placeholder string, secret bool) *FormEntry {
	return newFormInput(placeholder, secret, f.cancel, func() { f.save("") })
}

func (f *ConnectionForm) build() {
	u := f.ui
	f.View = widget.NewRadioGroup([]string{viewSimple, viewHTTP}, func(string) { f.updateVisibility() })
	f.View.Horizontal = true
	f.View.Required = true

	f.Name = f.entry("e.g. Reports (production)", false)
	f.AuthType = widget.NewRadioGroup([]string{labelCustom, labelOAuth}, func(string) {
		f.touched[auth.FieldAuthType] = true
		f.syncEndpoints()
		f.updateVisibility()
		f.validate()
	})
	f.AuthType.Horizontal = true
	f.AuthType.Required = true
	f.AccountID = f.entry("Account ID", false)
	f.ClientID = f.entry("Client ID", false)
	f.ClientSecret = f.entry("Client secret", true)

	f.OAuthClient = widget.NewSelect(nil, func(string) {
		f.touched[auth.FieldOAuthClient] = true
		f.syncEndpoints()
		f.updateActions()
		f.validate()
	})
	f.OAuthClient.PlaceHolder = "(choose an OAuth client)"
	f.AddClient = widget.NewButtonWithIcon("", theme.ContentAddIcon(), f.addClient)
	f.EditClient = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), f.editClient)
	clientRow := container.NewBorder(nil, nil, nil, container.NewHBox(f.AddClient, f.EditClient), f.OAuthClient)

	f.endpointSection = newEndpointSection(func(ph string) *FormEntry { return f.entry(ph, false) }, func(name string) {
		f.touched[name] = true
		f.validate()
	})

	secretRow := f.add(auth.FieldClientSecret, "Client secret *", "", f.ClientSecret)
	f.secret = newSecretPrompt(u, f.ClientSecret, secretRow, helpSecretNew)
	rows := []*field{
		f.add(auth.FieldConnName, "Name your connection *", helpConnName, f.Name),
		f.add(auth.FieldAuthType, "Auth type *", helpAuthType, f.AuthType),
		f.add(auth.FieldAccountID, "Account ID *", helpAccountID, f.AccountID),
		f.add(auth.FieldClientID, "Client ID *", helpClientID, f.ClientID),
		secretRow,
		f.add(auth.FieldOAuthClient, "OAuth 2.0 client *", helpOAuthClient, clientRow),
	}
	rows = append(rows, f.endpointSection.rows(&f.formFields, helpEndpoints)...)
	var grid []fyne.CanvasObject
	for _, r := range rows {
		grid = append(grid, r.objects()...)
	}
	for _, e := range []*FormEntry{f.Name, f.AccountID, f.ClientID, f.ClientSecret} {
		e := e
		e.OnChanged = func(string) {
			f.touched[f.fieldOf(e)] = true
			f.validate()
		}
	}

	f.FormError = widget.NewLabel("")
	f.FormError.Importance = widget.DangerImportance
	f.FormError.Wrapping = fyne.TextWrapWord
	f.FormError.Hide()

	f.GuideButton = widget.NewButtonWithIcon("Set-up guide", theme.HelpIcon(), func() { u.ShowGuide(f.authType()) })
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("View:"), f.View), f.GuideButton)

	f.CancelButton = widget.NewButton("Cancel", f.cancel)
	f.SaveButton = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { f.save("") })
	f.SaveButton.Importance = widget.HighImportance
	f.SaveAnd = widget.NewButton("Save & test", func() { f.save("and") })
	buttons := container.NewHBox(layout.NewSpacer(), f.CancelButton, f.SaveAnd, f.SaveButton)

	form := container.New(layout.NewFormLayout(), grid...)
	body := container.NewVBox(top, widget.NewSeparator(), form, f.FormError)
	f.Window.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		container.NewVScroll(container.NewPadded(body))))
	f.Window.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			f.cancel()
		case fyne.KeyReturn, fyne.KeyEnter:
			f.save("")
		}
	})

	// Fill in. An OAuth 2.0 connection's endpoints also start as the
	// connection's own, so switching it to Custom keeps its deployment.
	f.reloadClients("")
	custom := false
	if c := f.editing; c != nil {
		f.setOwn(c.Endpoints)
		f.Name.SetText(c.Name)
		f.AccountID.SetText(c.AccountID)
		f.ClientID.SetText(c.ClientID)
		f.AuthType.SetSelected(c.Type.Label())
		f.selectClientID(c.OAuthClientID)
		custom = c.Endpoints.Preset == auth.PresetCustom
	} else {
		f.AuthType.SetSelected(labelCustom)
	}
	f.syncEndpoints()
	f.View.SetSelected(viewSimple)
	if custom {
		f.View.SetSelected(viewHTTP)
	}
	f.touched = map[string]bool{} // filling in is not typing
	f.updateVisibility()
	f.validate()
}

// fieldOf maps an entry to its field name.
func (f *ConnectionForm) fieldOf(e *FormEntry) string {
	switch e {
	case f.Name:
		return auth.FieldConnName
	case f.AccountID:
		return auth.FieldAccountID
	case f.ClientID:
		return auth.FieldClientID
	case f.ClientSecret:
		return auth.FieldClientSecret
	}
	return ""
}

func (f *ConnectionForm) authType() auth.AuthType {
	if f.AuthType.Selected == labelOAuth {
		return auth.AuthOAuth
	}
	return auth.AuthS2S
}

// syncEndpoints shows, for an OAuth 2.0 connection, the endpoints of the
// selected OAuth client (read-only, following the selection), and for a
// Server-to-Server connection its own.
func (f *ConnectionForm) syncEndpoints() {
	if f.endpointSection == nil || f.endpointSection.presetFl == nil {
		return // still building
	}
	if f.authType() != auth.AuthOAuth {
		f.useOwn()
		return
	}
	id := f.selectedClientID()
	cl, ok := f.ui.data.ClientByID(id)
	if !ok {
		f.inherit("", nil, "")
		return
	}
	api := ""
	if c := f.editing; c != nil && c.Type == auth.AuthOAuth && c.OAuthClientID == id && c.Endpoints.APIBaseURL != cl.Endpoints.APIBaseURL {
		api = c.Endpoints.APIBaseURL
	}
	ep := cl.Endpoints
	f.inherit(id, &ep, api)
}

func (f *ConnectionForm) updateVisibility() {
	s2s := f.authType() == auth.AuthS2S
	http := f.View.Selected == viewHTTP
	for name, fl := range f.fields {
		switch name {
		case auth.FieldAccountID, auth.FieldClientID, auth.FieldClientSecret:
			fl.show(s2s)
		case auth.FieldOAuthClient:
			fl.show(!s2s)
		case auth.FieldEndpoints, auth.FieldAuthorizeURL, auth.FieldTokenURL, auth.FieldRevokeURL, auth.FieldAPIURL:
			fl.show(http)
		}
	}
	if s2s {
		f.SaveAnd.SetText("Save & test")
	} else {
		f.SaveAnd.SetText("Save & authorize")
	}
	f.updateActions()
	f.Window.Content().Refresh()
}

func (f *ConnectionForm) updateActions() {
	enable(!f.busy, f.SaveButton, f.SaveAnd, f.AddClient)
	_, ok := f.ui.data.ClientByID(f.selectedClientID())
	enable(ok && !f.busy, f.EditClient)
}

// reloadClients refreshes the OAuth client choices, selecting selectID if
// given, else keeping the current choice.
func (f *ConnectionForm) reloadClients(selectID string) {
	if selectID == "" {
		selectID = f.selectedClientID()
	}
	f.clientIDs = f.clientIDs[:0]
	var names []string
	for _, c := range f.ui.data.Clients {
		f.clientIDs = append(f.clientIDs, c.ID)
		names = append(names, c.Name)
	}
	f.OAuthClient.SetOptions(names)
	f.selectClientID(selectID)
}

func (f *ConnectionForm) selectClientID(id string) {
	for i, cid := range f.clientIDs {
		if cid == id {
			f.OAuthClient.SetSelectedIndex(i)
			return
		}
	}
	f.OAuthClient.ClearSelected()
}

func (f *ConnectionForm) selectedClientID() string {
	i := f.OAuthClient.SelectedIndex()
	if i < 0 || i >= len(f.clientIDs) {
		return ""
	}
	return f.clientIDs[i]
}

// Input is what the form would submit now.
func (f *ConnectionForm) Input() auth.ConnectionInput {
	in := auth.ConnectionInput{
		Name: f.Name.Text,
		Type: f.authType(),
	}
	if f.editing != nil {
		in.ID = f.editing.ID
	}
	switch in.Type {
	case auth.AuthS2S:
		in.AccountID, in.ClientID, in.ClientSecret = f.AccountID.Text, f.ClientID.Text, f.ClientSecret.Text
	case auth.AuthOAuth:
		in.OAuthClientID = f.selectedClientID()
	}
	in.Endpoints = f.endpointsInput()
	return in
}

// HelpFor is the help text of a field.
func (f *ConnectionForm) HelpFor(fieldName string) string {
	if fl, ok := f.fields[fieldName]; ok {
		return fl.hint.Text
	}
	return ""
}

// validate checks the input as the store would and shows each message
// beside its field, for fields the user has touched. It reports whether
// the input is valid.
func (f *ConnectionForm) validate() bool {
	if f.SaveButton == nil {
		return false // still building
	}
	in := f.Input()
	// The secret must be typed again when what it is sent with changed
	// (Account ID, Client ID, a URL it goes to): say so as it happens.
	stored := f.editing != nil && f.editing.Type == auth.AuthS2S && in.Type == auth.AuthS2S
	again := ""
	if stored {
		bare := in
		bare.ClientSecret = ""
		var ve *auth.ValidationError
		if errors.As(f.ui.data.ValidateConnection(bare), &ve) {
			again = ve.For(auth.FieldClientSecret)
		}
	}
	if f.secret.update(stored, again) {
		f.touched[auth.FieldClientSecret] = true
	}
	err := f.ui.data.ValidateConnection(in)
	return f.showErrors(err)
}

func (f *ConnectionForm) showErrors(err error) bool {
	var ve *auth.ValidationError
	if err != nil && !errors.As(err, &ve) {
		f.FormError.SetText(err.Error())
		f.FormError.Show()
		return false
	}
	var other []string
	if ve != nil {
		for _, fe := range ve.Fields {
			if _, ok := f.fields[fe.Field]; !ok {
				other = append(other, fe.Message)
			}
		}
	}
	f.showFieldErrors(ve)
	if len(other) > 0 && len(f.touched) > 0 {
		f.FormError.SetText(fmt.Sprint(other))
		f.FormError.Show()
	} else {
		f.FormError.Hide()
	}
	return err == nil
}

func (f *ConnectionForm) cancel() {
	f.ClientSecret.SetText("")
	f.Window.Close()
}

func (f *ConnectionForm) setBusy(b bool) {
	f.busy = b
	f.updateActions()
	if b {
		f.CancelButton.Disable()
		f.SaveButton.SetText("Saving…")
	} else {
		f.CancelButton.Enable()
		f.SaveButton.SetText("Save")
	}
}

// save validates and, if valid, saves in the background (the keyring may
// take a while); then: "and" tests (Custom) or authorizes (OAuth 2.0).
func (f *ConnectionForm) save(then string) {
	if f.busy {
		return
	}
	f.touchAll()
	if !f.validate() {
		// Endpoint problems live in the HTTP view: show it.
		for _, n := range endpointFields {
			if f.ErrorFor(n) != "" && f.View.Selected != viewHTTP {
				f.View.SetSelected(viewHTTP)
			}
		}
		return
	}
	in := f.Input()
	u := f.ui
	f.setBusy(true)
	store := u.store
	u.goJob(func() {
		res, err := store.SaveConnection(in)
		u.do(func() {
			f.setBusy(false)
			if u.saveFailed(f.Window, "The connection", err, f.showErrors) {
				return
			}
			f.ClientSecret.SetText("")
			f.Window.Close()
			u.saved(fmt.Sprintf("Saved %q.", res.Connection.Name), res.Connection.Name, res.Notices)
			u.SelectConnection(res.Connection.Name)
			if then != "" {
				if res.Connection.Type == auth.AuthOAuth {
					u.Authorize(res.Connection.Name)
				} else {
					u.Test(res.Connection.Name)
				}
			}
		})
	})
}

func (f *ConnectionForm) addClient() {
	f.ui.NewClient(func(c auth.OAuthClient) {
		f.reloadClients(c.ID)
		f.touched[auth.FieldOAuthClient] = true
		f.updateActions()
		f.validate()
	})
}

func (f *ConnectionForm) editClient() {
	c, ok := f.ui.data.ClientByID(f.selectedClientID())
	if !ok {
		return
	}
	f.ui.EditClient(c.Name, func(c auth.OAuthClient) {
		f.reloadClients(c.ID)
		f.validate()
	})
}

func joinLines(lines []string) string {
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += "\n"
		}
		out += l
	}
	return out
}
