package gui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

const (
	helpClientName   = "A name you will recognise when you pick this client for a connection; each name can be used once."
	helpClientClID   = "The Client ID from your Zoom General app's App credentials page."
	helpClientSecret = "The Client secret from the same page. It goes straight into the system keyring, is saved only when you save, and is never shown again."
	helpPublic       = "Turn on if the Zoom app gives you no secret to use here: the authorization is then protected by PKCE alone."
	helpPort         = "Leave empty to use a free port each time (Zoom ignores the port of a 127.0.0.1 redirect). Set one (1024–65535) only if something between you and Zoom needs it fixed."
	whyLoopback      = "Register 127.0.0.1, not localhost: Zoom refuses localhost redirects, and localhost may resolve to ::1, where this app does not listen."
)

// ClientForm is the window that creates or edits an OAuth client.
type ClientForm struct {
	ui      *UI
	Window  fyne.Window
	editing *auth.OAuthClient
	onSaved func(auth.OAuthClient)

	Name         *FormEntry
	ClientID     *FormEntry
	Public       *widget.Check
	ClientSecret *FormEntry
	Port         *FormEntry
	// Preset, AuthorizeURL, TokenURL, RevokeURL, APIURL: the Zoom
	// deployment of the app, for all its connections.
	*endpointSection
	RedirectURL   *widget.Label
	AllowList     *widget.Label
	CopyRedirect  *widget.Button
	CopyAllowList *widget.Button
	SaveButton    *widget.Button
	CancelButton  *widget.Button

	formFields
	secret *secretPrompt
	busy   bool
}

// NewClient opens the OAuth client form; onSaved (may be nil) receives the
// saved client.
func (u *UI) NewClient(onSaved func(auth.OAuthClient)) *ClientForm {
	if u.readOnly() {
		return nil
	}
	return u.openClientForm(nil, onSaved)
}

// EditClient opens the form for the named OAuth client.
func (u *UI) EditClient(name string, onSaved func(auth.OAuthClient)) *ClientForm {
	c, ok := u.data.Client(name)
	if !ok || u.readOnly() {
		return nil
	}
	cc := *c
	return u.openClientForm(&cc, onSaved)
}

// ClientFormOpen is the OAuth client form opened last (for tests).
func (u *UI) ClientFormOpen() *ClientForm { return u.clForm }

func (u *UI) editSelectedClient() {
	if c, ok := u.selectedClient(); ok {
		u.EditClient(c.Name, nil)
	}
}

func (u *UI) openClientForm(editing *auth.OAuthClient, onSaved func(auth.OAuthClient)) *ClientForm {
	f := &ClientForm{ui: u, editing: editing, onSaved: onSaved, formFields: newFormFields()}
	title := "New OAuth client"
	if editing != nil {
		title = "Edit OAuth client " + editing.Name
	}
	u.openFormWindow(title, fyne.NewSize(720, 680), func(w fyne.Window) { f.Window = w; f.build() }, func() fyne.Focusable { return f.Name })
	u.clForm = f
	return f
}

func (f *ClientForm) entry(placeholder string, secret bool) *FormEntry {
	return newFormInput(placeholder, secret, f.cancel, f.save)
}

func (f *ClientForm) build() {
	f.Name = f.entry("e.g. Team meetings app", false)
	f.ClientID = f.entry("Client ID", false)
	f.ClientSecret = f.entry("Client secret", true)
	f.Public = widget.NewCheck("Public client (PKCE, no secret)", func(bool) {
		f.touched[auth.FieldClientSecret] = true
		f.updateVisibility()
		f.validate()
	})
	f.Port = f.entry("any free port", false)
	f.endpointSection = newEndpointSection(func(ph string) *FormEntry { return f.entry(ph, false) }, func(name string) {
		f.touched[name] = true
		f.updateVisibility()
		f.validate()
	})

	rows := []*field{
		f.add(auth.FieldClientName, "Name *", helpClientName, f.Name),
		f.add(auth.FieldClientID, "Client ID *", helpClientClID, f.ClientID),
	}
	rows = append(rows, f.endpointSection.rows(&f.formFields, helpClientEndpoints)...)
	secretRow := f.add(auth.FieldClientSecret, "Client secret *", "", f.ClientSecret)
	f.secret = newSecretPrompt(f.ui, f.ClientSecret, secretRow, helpClientSecret)
	rows = append(rows,
		f.add("public", "", helpPublic, f.Public),
		secretRow,
		f.add(auth.FieldPort, "Fixed port", helpPort, f.Port),
	)
	var grid []fyne.CanvasObject
	for _, r := range rows {
		grid = append(grid, r.objects()...)
	}
	for name, e := range map[string]*FormEntry{auth.FieldClientName: f.Name, auth.FieldClientID: f.ClientID, auth.FieldClientSecret: f.ClientSecret, auth.FieldPort: f.Port} {
		name := name
		e.OnChanged = func(string) {
			f.touched[name] = true
			if name == auth.FieldPort {
				f.updateRedirect()
			}
			f.validate()
		}
	}

	f.RedirectURL = valueLabel("")
	f.AllowList = valueLabel("")
	f.CopyRedirect = widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() { f.copy(f.RedirectURL.Text, "Redirect URL") })
	f.CopyAllowList = widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() { f.copy(f.AllowList.Text, "Allow List entry") })
	regTitle := widget.NewLabelWithStyle("Register these in your Zoom app", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reg := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Redirect URL", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, f.CopyRedirect, f.RedirectURL),
		widget.NewLabelWithStyle("Allow List", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, f.CopyAllowList, f.AllowList),
	)
	why := smallText(whyLoopback)

	f.CancelButton = widget.NewButton("Cancel", f.cancel)
	f.SaveButton = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	f.SaveButton.Importance = widget.HighImportance
	guide := widget.NewButtonWithIcon("Set-up guide", theme.HelpIcon(), func() { f.ui.ShowGuide(auth.AuthOAuth) })
	buttons := container.NewHBox(guide, layout.NewSpacer(), f.CancelButton, f.SaveButton)

	body := container.NewVBox(container.New(layout.NewFormLayout(), grid...), widget.NewSeparator(), regTitle, reg, why)
	f.Window.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		container.NewVScroll(container.NewPadded(body))))
	f.Window.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			f.cancel()
		case fyne.KeyReturn, fyne.KeyEnter:
			f.save()
		}
	})

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

func (f *ClientForm) copy(text, what string) {
	f.ui.app.Clipboard().SetContent(text)
	f.ui.setStatus(what + " copied to the clipboard.")
}

func (f *ClientForm) port() (int, bool) {
	s := strings.TrimSpace(f.Port.Text)
	if s == "" {
		return 0, true
	}
	p, err := strconv.Atoi(s)
	return p, err == nil
}

func (f *ClientForm) updateRedirect() {
	p, ok := f.port()
	if !ok || p < 1024 || p > 65535 {
		p = 0
	}
	f.RedirectURL.SetText(auth.RedirectURLFor(p))
	f.AllowList.SetText(auth.RedirectURLFor(p))
}

func (f *ClientForm) updateVisibility() {
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
func (f *ClientForm) Input() auth.ClientInput {
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

func (f *ClientForm) validate() bool {
	if f.SaveButton == nil {
		return false
	}
	in := f.Input()
	// The secret must be typed again when what it is sent with changed
	// (Client ID, a URL it goes to), or when it was stored before secrets
	// were bound to endpoints (SecretNeeded): say so as it happens.
	stored := f.editing != nil && f.editing.Kind == auth.Confidential && !in.Public
	again := ""
	if stored {
		bare := in
		bare.ClientSecret = ""
		var ve *auth.ValidationError
		if errors.As(f.ui.data.ValidateClient(bare), &ve) {
			again = ve.For(auth.FieldClientSecret)
		}
	}
	if f.secret.update(stored, again) {
		f.touched[auth.FieldClientSecret] = true
	}
	return f.showErrors(f.ui.data.ValidateClient(in))
}

func (f *ClientForm) showErrors(err error) bool {
	var ve *auth.ValidationError
	errors.As(err, &ve)
	f.showFieldErrors(ve)
	return err == nil
}

func (f *ClientForm) cancel() {
	f.ClientSecret.SetText("")
	f.Window.Close()
}

func (f *ClientForm) save() {
	if f.busy {
		return
	}
	f.touchAll()
	if !f.validate() {
		return
	}
	in := f.Input()
	u := f.ui
	f.busy = true
	f.SaveButton.Disable()
	f.SaveButton.SetText("Saving…")
	store := u.store
	u.goJob(func() {
		res, err := store.SaveClient(in)
		u.do(func() {
			f.busy = false
			f.SaveButton.Enable()
			f.SaveButton.SetText("Save")
			if u.saveFailed(f.Window, "The OAuth client", err, f.showErrors) {
				return
			}
			f.ClientSecret.SetText("")
			f.Window.Close()
			u.saved(fmt.Sprintf("Saved the OAuth client %q.", res.Client.Name), res.Client.Name, res.Notices)
			u.SelectClient(res.Client.Name)
			if f.onSaved != nil {
				f.onSaved(res.Client)
			}
			// An open connection form shows this client's endpoints.
			if cf := u.connForm; cf != nil {
				cf.syncEndpoints()
				cf.validate()
			}
		})
	})
}
