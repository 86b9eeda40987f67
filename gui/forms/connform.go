package forms

import (
	"context"
	"errors"
	"fmt"

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

// connectionForm is the window that creates or edits a connection.
type connectionForm struct {
	ctx     *view.Context
	flow    flow // Cancel and Save, as in the OAuth client form
	win     fyne.Window
	editing *auth.Connection // nil for a new connection
	// onSaved runs once the form saved c; then: "Save & test" or "Save &
	// authorize" was clicked.
	onSaved func(c auth.Connection, then bool)
	// clientForm opens the OAuth client form on the named client ("" for
	// a new one).
	clientForm func(name string, onSaved func(auth.OAuthClient))

	viewChoice     *kit.Choice // Simple | HTTP
	name           *kit.FormEntry
	authTypeChoice *kit.Choice // Custom (Server-to-Server OAuth) | OAuth 2.0
	accountID      *kit.FormEntry
	clientID       *kit.FormEntry
	clientSecret   *kit.FormEntry
	// clientSelect, with addButton ("+") and editButton (pencil).
	*clientChooser
	// preset, authorizeURL, tokenURL, revokeURL, apiURL: a Server-to-Server
	// connection's own endpoints; an OAuth 2.0 connection's client's, shown
	// read-only, with its own API base URL on a custom client.
	*endpointSection
	saveButton   *kit.FormButton
	saveAnd      *kit.FormButton // Save & test / Save & authorize
	cancelButton *kit.FormButton
	guideButton  *kit.FormButton
	legend       *widget.Label // "* required"

	formFields
	keys   *kit.Keys
	secret *secretPrompt
	events *eventsFields // a Server-to-Server app's Secret Token and subscription ID
	// opened is what the form submitted as opened, or as last saved:
	// Cancel asks before it drops anything else.
	opened auth.ConnectionInput
	// first is what has the focus when the form opens: the name, or the
	// field the last test says needs fixing.
	first fyne.Focusable
}

func (f *connectionForm) build() {
	f.flow = flow{ctx: f.ctx, win: f.win, noun: "The connection", showErrors: f.showErrors, onBusy: f.setBusy, changed: f.changed}
	f.flow.init()
	k := kit.NewKeys(f.cancel, func() { f.save(false) })
	f.keys = k
	f.viewChoice = k.Choice([]string{viewSimple, viewHTTP}, func(string) { f.updateVisibility() })

	f.name = k.Entry(placeholderConnName, false)
	f.authTypeChoice = k.Choice([]string{view.AuthTypeLabel(auth.AuthS2S), view.AuthTypeLabel(auth.AuthOAuth)}, func(string) {
		f.touched[auth.FieldAuthType] = true
		f.clearNotes()
		f.syncEndpoints()
		f.updateVisibility()
		f.validate()
	})
	f.accountID = k.Entry("Account ID", false)
	f.clientID = k.Entry("Client ID", false)
	f.clientSecret = k.Entry("Client secret", true)
	f.clientChooser = newClientChooser(k, f.ctx.Session, f.clientForm, func(picked bool) {
		f.touched[auth.FieldOAuthClient] = true
		if picked {
			f.syncEndpoints()
		}
		f.updateActions()
		f.validate()
	}, func() { f.validate() })
	f.endpointSection = newEndpointSection(k, f.ctx.Copy, func(name string) {
		f.touched[name] = true
		f.clearNotes()
		f.validate()
	})

	secretRow := f.add(auth.FieldClientSecret, auth.FieldClientSecret, "", f.clientSecret)
	f.secret = newSecretPrompt(f.ctx.Session.WhereSecretsGo, f.clientSecret, secretRow, helpSecretNew)
	rows := []*field{
		f.add(auth.FieldConnName, auth.FieldConnName, helpConnName, f.name),
		f.add(auth.FieldAuthType, auth.FieldAuthType, helpAuthType, f.authTypeChoice),
		f.add(auth.FieldAccountID, auth.FieldAccountID, helpAccountID, f.accountID),
		f.add(auth.FieldClientID, auth.FieldClientID, helpClientID, f.clientID),
		secretRow,
		f.add(auth.FieldOAuthClient, auth.FieldOAuthClient, helpOAuthClient, f.clientChooser.row()),
	}
	// Required whenever shown; the secret and the endpoints depend on the
	// state (validate and the endpoint section mark them).
	for _, fl := range rows {
		fl.setRequired(fl != secretRow)
	}
	rows = append(rows, f.endpointSection.rows(&f.formFields, helpEndpoints)...)
	// After the endpoints, whose Events URL they go with.
	f.events = newEventsFields(k, &f.formFields, f.ctx.Session.WhereSecretsGo, false)
	rows = append(rows, f.events.rows()...)
	f.onTyped(map[string]*kit.FormEntry{auth.FieldConnName: f.name, auth.FieldAccountID: f.accountID, auth.FieldClientID: f.clientID, auth.FieldClientSecret: f.clientSecret,
		auth.FieldSecretToken: f.events.token, auth.FieldEventsSubscription: f.events.sub},
		func(name string) {
			if name != auth.FieldConnName && name != auth.FieldSecretToken && name != auth.FieldEventsSubscription {
				f.clearNotes() // the credentials Zoom refused changed
			}
			f.validate()
		})

	f.formError = kit.DangerLabel() // errors that belong to no single field

	f.guideButton = k.Button("Set-up guide", theme.HelpIcon(), func() { f.ctx.Guide(f.authType()) })
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("View:"), f.viewChoice), f.guideButton)

	f.cancelButton = k.Button("Cancel", nil, f.cancel)
	f.saveButton = k.Button("Save", theme.DocumentSaveIcon(), func() { f.save(false) })
	f.saveButton.Importance = widget.HighImportance
	f.flow.secretEntry, f.flow.saveButton = f.clientSecret, f.saveButton
	f.flow.moreSecrets = []*kit.FormEntry{f.events.token}
	f.saveAnd = k.Button("Save & test", nil, func() { f.save(true) })
	f.legend = kit.OneLine(legendRequired)
	buttons := container.NewHBox(f.events.toggle, f.legend, layout.NewSpacer(), f.cancelButton, f.saveAnd, f.saveButton)
	k.Layout(f.win, container.NewVBox(top, widget.NewSeparator(), formGrid(rows), f.formError), buttons)
	f.fill()
}

// fill puts the edited connection in the widgets. An OAuth 2.0
// connection's endpoints also start as the connection's own, so switching
// it to Custom keeps its deployment.
func (f *connectionForm) fill() {
	f.reload("")
	custom := false
	if c := f.editing; c != nil {
		f.setOwn(c.Endpoints)
		f.name.SetText(c.Name)
		f.accountID.SetText(c.AccountID)
		f.clientID.SetText(c.ClientID)
		f.authTypeChoice.SetSelected(view.AuthTypeLabel(c.Type))
		f.selectID(c.OAuthClientID)
		custom = c.Endpoints.Preset == auth.PresetCustom
		f.events.fill(c.HasSecretToken, c.EventsSubscription)
	} else {
		f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthS2S))
	}
	f.syncEndpoints()
	f.viewChoice.SetSelected(viewSimple)
	if custom {
		f.viewChoice.SetSelected(viewHTTP)
	}
	f.touched = map[string]bool{} // filling in is not typing
	f.updateVisibility()
	f.first = f.name
	f.showLastTest()
	f.validate()
	f.opened = f.input()
}

// changed reports whether the form holds what the connection as opened
// (or last saved) does not: typed, picked, or a secret typed at all.
func (f *connectionForm) changed() bool {
	return f.input() != f.opened || f.clientSecret.Text != "" || f.events.changed()
}

// showLastTest puts, beside the field it names, why Zoom refused the
// edited connection's credentials at its last test, and gives that field
// the focus; unless the connection was saved since (it may be fixed).
func (f *connectionForm) showLastTest() {
	c := f.editing
	if c == nil || c.LastTest == nil || c.LastTest.OK || c.LastTest.At.Before(c.Updated) {
		return
	}
	if field, text := view.FieldProblem(c.LastTest.Kind, c.Type); field != "" {
		f.setNote(field, text)
		f.first = f.focusable(field)
	}
}

// focusable is the input of the field called name, or the name entry.
func (f *connectionForm) focusable(name string) fyne.Focusable {
	if fl, ok := f.fields[name]; ok {
		if x, ok := fl.input.(fyne.Focusable); ok {
			return x
		}
	}
	return f.name
}

func (f *connectionForm) authType() auth.AuthType {
	if f.authTypeChoice.Selected == view.AuthTypeLabel(auth.AuthOAuth) {
		return auth.AuthOAuth
	}
	return auth.AuthS2S
}

// syncEndpoints shows, for an OAuth 2.0 connection, the endpoints of the
// selected OAuth client (read-only, following the selection), and for a
// Server-to-Server connection its own.
func (f *connectionForm) syncEndpoints() {
	if f.endpointSection == nil || f.endpointSection.presetFl == nil {
		return // still building
	}
	if f.authType() != auth.AuthOAuth {
		f.useOwn(true)
		return
	}
	cl, ok := f.chosen()
	if !ok {
		f.inherit("", nil, "")
		return
	}
	api := ""
	if c := f.editing; c != nil && c.Type == auth.AuthOAuth && c.OAuthClientID == cl.ID && c.Endpoints.APIBaseURL != cl.Endpoints.APIBaseURL {
		api = c.Endpoints.APIBaseURL
	}
	ep := cl.Endpoints
	f.inherit(cl.ID, &ep, api)
}

func (f *connectionForm) updateVisibility() {
	s2s := f.authType() == auth.AuthS2S
	http := f.viewChoice.Selected == viewHTTP
	for name, fl := range f.fields {
		switch name {
		case auth.FieldAccountID, auth.FieldClientID, auth.FieldClientSecret:
			fl.show(s2s)
		case auth.FieldOAuthClient:
			fl.show(!s2s)
		case auth.FieldSecretToken, auth.FieldEventsSubscription:
			// An OAuth 2.0 connection's app is its OAuth client's.
			f.events.show(s2s)
		case auth.FieldAuthorizeURL:
			// A Server-to-Server connection gets its tokens without a
			// browser: it never opens an authorize URL.
			fl.show(http && !s2s)
		case auth.FieldEndpoints, auth.FieldTokenURL, auth.FieldRevokeURL, auth.FieldAPIURL, auth.FieldEventsURL:
			fl.show(http)
		}
	}
	if s2s {
		f.saveAnd.SetText("Save & test")
	} else {
		f.saveAnd.SetText("Save & authorize")
	}
	f.updateActions()
	f.win.Content().Refresh()
}

func (f *connectionForm) updateActions() {
	kit.Enable(!f.flow.busy, &f.saveButton.Button, &f.saveAnd.Button)
	f.clientChooser.update(f.flow.busy)
}

// input is what the form would submit now.
func (f *connectionForm) input() auth.ConnectionInput {
	in := auth.ConnectionInput{Name: f.name.Text, Type: f.authType()}
	if f.editing != nil {
		in.ID = f.editing.ID
	}
	switch in.Type {
	case auth.AuthS2S:
		in.AccountID, in.ClientID, in.ClientSecret = f.accountID.Text, f.clientID.Text, f.clientSecret.Text
		in.EventsSubscription = f.events.subscription()
	case auth.AuthOAuth:
		in.OAuthClientID = f.selectedID()
	}
	in.Endpoints = f.endpointsInput()
	return in
}

// validate checks the input as the store would and shows each message
// beside its field, for fields the user has touched. It reports whether
// the input is valid.
func (f *connectionForm) validate() bool {
	if f.saveButton == nil {
		return false // still building
	}
	in := f.input()
	data := f.ctx.Session.Data()
	stored := f.editing != nil && f.editing.Type == auth.AuthS2S && in.Type == auth.AuthS2S
	f.secret.check(&f.formFields, stored, func() error {
		bare := in
		bare.ClientSecret = ""
		return data.ValidateConnection(bare)
	})
	f.fields[auth.FieldClientSecret].setRequired(f.secret.required())
	err := data.ValidateConnection(in)
	if in.Type == auth.AuthS2S {
		err = f.events.check(err)
	}
	return f.showErrors(err)
}

// showErrors shows err beside the fields (formFields.showErrors), saying
// in this window's terms how to add the OAuth client it requires.
func (f *connectionForm) showErrors(err error) bool {
	var ve *auth.ValidationError
	if errors.As(err, &ve) && f.authType() == auth.AuthOAuth && f.selectedID() == "" {
		for _, fe := range ve.Fields {
			if fe.Field == auth.FieldOAuthClient {
				fe.Message = auth.FieldOAuthClient + " is required: pick one, or add one with the + button."
			}
		}
	}
	return f.formFields.showErrors(err)
}

// cancel closes the form, asking first if it was changed (flow.cancel).
func (f *connectionForm) cancel() { f.flow.cancel() }

// setBusy disables what a running save must not start, Cancel too.
func (f *connectionForm) setBusy(b bool) {
	f.updateActions()
	if b {
		f.cancelButton.Disable()
	} else {
		f.cancelButton.Enable()
	}
}

// save validates and, if valid, saves in the background (flow.save); then
// "Save & test" tests (Custom) or "Save & authorize" authorizes (OAuth
// 2.0). A Server-to-Server connection is tested in the save's job: if the
// test fails, the form stays open on the saved connection and shows why
// beside the field to fix (testFailed); if it passes, the window tests
// and reports as for any connection.
func (f *connectionForm) save(then bool) {
	f.flow.save(func() (func() (saved, error), bool) {
		f.touchAll()
		if !f.validate() {
			// Endpoint problems live in the HTTP view: show it.
			for _, n := range endpointFields {
				if f.errorFor(n) != "" && f.viewChoice.Selected != viewHTTP {
					f.viewChoice.SetSelected(viewHTTP)
				}
			}
			return nil, false
		}
		in, st, svc := f.input(), f.ctx.Session.Store(), f.ctx.Session.Service()
		test := then && in.Type == auth.AuthS2S && svc != nil
		token := ""
		if in.Type == auth.AuthS2S {
			token = f.events.token.Text
		}
		return func() (saved, error) {
			res, err := st.SaveConnection(in)
			c := res.Connection
			if err != nil {
				return saved{}, err
			}
			notices, terr := storeToken(st, c.Name, token)
			c.HasSecretToken = c.HasSecretToken || token != "" && terr == nil
			s := saved{status: fmt.Sprintf("Saved %q.", c.Name), name: c.Name, notices: append(res.Notices, notices...),
				next: func() { f.onSaved(c, then) }}
			if terr != nil {
				s.status = fmt.Sprintf("Saved %q, but not its Secret Token.", c.Name)
				s.stay = func() { f.keepOpen(c, auth.FieldSecretToken, tokenNotStored(fmt.Sprintf("%q", c.Name), terr)) }
				return s, nil
			}
			if !test {
				return s, nil
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*access.DefaultRequestTimeout)
			defer cancel()
			if _, terr := svc.Test(ctx, c.Name); terr != nil {
				s.status = fmt.Sprintf("Saved %q, but its test failed.", c.Name)
				s.stay = func() { f.testFailed(c, terr) }
			}
			return s, nil
		}, true
	})
}

// testFailed keeps the form open on c, just saved, whose test failed
// with err: the form now edits c (its secret is stored), and says why
// beside the field Zoom refused, with the focus there; or, for a failure
// that names no field, under the form.
func (f *connectionForm) testFailed(c auth.Connection, err error) {
	field, text := view.FieldProblemOf(err)
	if field == "" {
		text = fmt.Sprintf("%q was saved, but its test failed: %s", c.Name, view.ErrorTextFor(err, c.Type))
	}
	f.keepOpen(c, field, text)
}

// keepOpen keeps the form open on c, just saved: the form now edits c,
// and says text beside field (under the form for ""), with the focus
// there.
func (f *connectionForm) keepOpen(c auth.Connection, field, text string) {
	f.editing = &c
	f.win.SetTitle(editTitle(c.Name))
	f.events.fill(c.HasSecretToken, c.EventsSubscription)
	f.clearNotes()
	f.setNote(field, text)
	f.validate()
	f.opened = f.input()
	if field != "" {
		f.win.Canvas().Focus(f.focusable(field))
	}
}
