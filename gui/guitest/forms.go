package guitest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// The titles the forms' windows start with.
var (
	ConnectionFormTitles = []string{"New connection —", "Edit connection "}
	ClientFormTitles     = []string{"New OAuth client —", "Edit OAuth client "}
)

// fields of a form: its rows by label, the line under each input and the
// body's own error line.
type fields struct{ Window fyne.Window }

// labelOf is the label a form shows beside the field called name.
func labelOf(name string) string {
	if name == auth.FieldPort {
		return "Fixed port"
	}
	return name
}

// cell is the field's input with its help and error lines under it.
func (f fields) cell(name string) *fyne.Container {
	c, _ := Beside(f.Window.Content(), labelOf(name)).(*fyne.Container)
	return c
}

// notes are the field's help and error lines (the cell's second row).
func (f fields) notes(name string) (help, problem *widget.Label) {
	c := f.cell(name)
	if c == nil || len(c.Objects) < 2 {
		return nil, nil
	}
	slot, ok := c.Objects[1].(*fyne.Container)
	if !ok || len(slot.Objects) < 2 {
		return nil, nil
	}
	help, _ = slot.Objects[0].(*widget.Label)
	problem, _ = slot.Objects[1].(*widget.Label)
	return help, problem
}

// ErrorFor is the validation message shown beside a field ("" if none).
func (f fields) ErrorFor(name string) string {
	if _, p := f.notes(name); p != nil {
		return p.Text
	}
	return ""
}

// HelpFor is the help text of a field.
func (f fields) HelpFor(name string) string {
	if h, _ := f.notes(name); h != nil {
		return h.Text
	}
	return ""
}

// Shown reports whether the field's row is shown.
func (f fields) Shown(name string) bool {
	c := f.cell(name)
	return c != nil && c.Visible()
}

// Label is the text of the field's label as shown (with " *" while it is
// required).
func (f fields) Label(name string) string {
	var text string
	Walk(f.Window.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && text == "" && strings.TrimSuffix(l.Text, " *") == labelOf(name) {
			text = l.Text
		}
	})
	return text
}

// endpoints are the endpoint rows both forms have.
type endpoints struct {
	Preset                                    *kit.FormSelect
	AuthorizeURL, TokenURL, RevokeURL, APIURL *kit.FormEntry
	// CopyURL are the Copy buttons beside the four URLs, in that order.
	CopyURL [4]*kit.FormButton
}

func endpointsIn(root fyne.CanvasObject) endpoints {
	e := endpoints{
		Preset:       Labelled[*kit.FormSelect](root, auth.FieldEndpoints),
		AuthorizeURL: Labelled[*kit.FormEntry](root, auth.FieldAuthorizeURL),
		TokenURL:     Labelled[*kit.FormEntry](root, auth.FieldTokenURL),
		RevokeURL:    Labelled[*kit.FormEntry](root, auth.FieldRevokeURL),
		APIURL:       Labelled[*kit.FormEntry](root, auth.FieldAPIURL),
	}
	for i, name := range []string{auth.FieldAuthorizeURL, auth.FieldTokenURL, auth.FieldRevokeURL, auth.FieldAPIURL} {
		e.CopyURL[i] = Labelled[*kit.FormButton](root, name)
	}
	return e
}

// ConnectionForm is the connection form's window as a user sees it.
type ConnectionForm struct {
	fields
	View, AuthType                          *kit.Choice
	Name, AccountID, ClientID, ClientSecret *kit.FormEntry
	// OAuthClient, with AddClient ("+") and EditClient (the pencil).
	OAuthClient           *kit.FormSelect
	AddClient, EditClient *kit.FormButton
	endpoints
	SaveButton, SaveAnd, CancelButton, GuideButton *kit.FormButton
	// FormError shows the errors that belong to no single field; Legend
	// says what * means.
	FormError, Legend *widget.Label
}

// ConnectionFormOf finds the widgets of the connection form in w (nil: nil).
func ConnectionFormOf(w fyne.Window) *ConnectionForm {
	if w == nil {
		return nil
	}
	root := w.Content()
	f := &ConnectionForm{fields: fields{Window: w}, endpoints: endpointsIn(root)}
	f.View = Labelled[*kit.Choice](root, "View:")
	f.AuthType = Labelled[*kit.Choice](root, auth.FieldAuthType)
	f.Name = Labelled[*kit.FormEntry](root, auth.FieldConnName)
	f.AccountID = Labelled[*kit.FormEntry](root, auth.FieldAccountID)
	f.ClientID = Labelled[*kit.FormEntry](root, auth.FieldClientID)
	f.ClientSecret = Labelled[*kit.FormEntry](root, auth.FieldClientSecret)
	f.OAuthClient = Labelled[*kit.FormSelect](root, auth.FieldOAuthClient)
	if row := Beside(root, auth.FieldOAuthClient); row != nil {
		if bs := All[*kit.FormButton](row); len(bs) == 2 {
			f.AddClient, f.EditClient = bs[0], bs[1]
		}
	}
	f.SaveButton = First(root, func(b *kit.FormButton) bool { return b.Importance == widget.HighImportance })
	f.SaveAnd = First(root, func(b *kit.FormButton) bool { return strings.HasPrefix(b.Text, "Save &") })
	f.CancelButton = Text[*kit.FormButton](root, "Cancel")
	f.GuideButton = Text[*kit.FormButton](root, "Set-up guide")
	f.FormError = First(root, func(l *widget.Label) bool {
		return l.Importance == widget.DangerImportance && l.SizeName == ""
	})
	f.Legend = Text[*widget.Label](root, "* required")
	return f
}

// ClientForm is the OAuth client form's window as a user sees it.
type ClientForm struct {
	fields
	Name, ClientID, ClientSecret, Port *kit.FormEntry
	Public                             *kit.FormCheck
	endpoints
	// RedirectURL and AllowList are what to register in the Zoom app,
	// read-only, with Copy beside each.
	RedirectURL, AllowList      *kit.FormEntry
	CopyRedirect, CopyAllowList *kit.FormButton
	SaveButton, CancelButton    *kit.FormButton
	Legend                      *widget.Label
}

// ClientFormOf finds the widgets of the OAuth client form in w (nil: nil).
func ClientFormOf(w fyne.Window) *ClientForm {
	if w == nil {
		return nil
	}
	root := w.Content()
	f := &ClientForm{fields: fields{Window: w}, endpoints: endpointsIn(root)}
	f.Name = Labelled[*kit.FormEntry](root, auth.FieldClientName)
	f.ClientID = Labelled[*kit.FormEntry](root, auth.FieldClientID)
	f.ClientSecret = Labelled[*kit.FormEntry](root, auth.FieldClientSecret)
	f.Port = Labelled[*kit.FormEntry](root, labelOf(auth.FieldPort))
	f.Public = First[*kit.FormCheck](root, nil)
	f.RedirectURL = Labelled[*kit.FormEntry](root, "Redirect URL")
	f.AllowList = Labelled[*kit.FormEntry](root, "Allow List")
	f.CopyRedirect = Labelled[*kit.FormButton](root, "Redirect URL")
	f.CopyAllowList = Labelled[*kit.FormButton](root, "Allow List")
	f.SaveButton = First(root, func(b *kit.FormButton) bool { return b.Importance == widget.HighImportance })
	f.CancelButton = Text[*kit.FormButton](root, "Cancel")
	f.Legend = Text[*widget.Label](root, "* required")
	return f
}
