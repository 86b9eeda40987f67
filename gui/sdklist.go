package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// sdkList is the SDK credential section under the OAuth clients, shown
// while there are SDK credentials: each row's name, type and SDK key
// (never its secret), the selected one's details, and its buttons: New,
// and Signature…, Edit and Delete on the selected credential. The actions
// are the SDK room's (gui/sdk), as its own window has them.
type sdkList struct {
	*kit.RowList[auth.SDKCredential]
	cols    *kit.Columns
	fitted  *auth.Data
	sess    *view.Session
	search  *widget.Entry // the connection list's, which filters every list
	details *widget.Label // the selected credential: what it signs, where its secret is

	newButton    *kit.Button
	signButton   *kit.Button
	editButton   *kit.Button
	deleteButton *kit.Button
}

// sdkActions are the section's buttons' actions, on the selected
// credential's name (newSDK on none).
type sdkActions struct {
	newSDK          func()
	sign, edit, del func(name string)
}

// newSDKList makes the section; onSelect runs when the selection changes
// and key acts on the keys typed in the list or on one of its buttons.
func newSDKList(sess *view.Session, search *widget.Entry, onSelect func(), acts sdkActions, key func(fyne.KeyName)) *sdkList {
	l := &sdkList{sess: sess, search: search, cols: newSDKColumns()}
	l.RowList = kit.NewRowList(l.cols, func(c auth.SDKCredential) string { return c.ID }, l.render, onSelect)
	onSelected := func(act func(string)) func() {
		return func() {
			if c, ok := l.selected(); ok {
				act(c.Name)
			}
		}
	}
	l.newButton = kit.NewButton("New SDK credential", theme.ContentAddIcon(), acts.newSDK)
	l.signButton = kit.NewButton("Signature…", theme.ConfirmIcon(), onSelected(acts.sign))
	l.editButton = kit.NewButton("Edit", theme.DocumentCreateIcon(), onSelected(acts.edit))
	l.deleteButton = kit.NewButton("Delete", theme.DeleteIcon(), onSelected(acts.del))
	l.List.OnKey = key
	for _, b := range []*kit.Button{l.newButton, l.signButton, l.editButton, l.deleteButton} {
		b.OnKey = key
	}
	l.details = widget.NewLabel("")
	l.details.Wrapping = fyne.TextWrapWord
	l.details.Selectable = true
	l.details.Hide()
	return l
}

// newSDKColumns are the section's columns: Name, Type, SDK key, Signs.
func newSDKColumns() *kit.Columns {
	return &kit.Columns{Widths: []float32{210, 170, 230, 200}, Flex: 3}
}

// content is the section: title, buttons, header, rows and the selected
// credential's details.
func (l *sdkList) content() fyne.CanvasObject {
	top := sectionTop("SDK credentials", []*kit.Button{l.newButton, l.signButton, l.editButton, l.deleteButton},
		l.cols, "Name", "Type", "SDK key", "Signs")
	return inDrawingOrder(top, l.View(), kit.Compact(l.details))
}

func (l *sdkList) render(c auth.SDKCredential, cells []fyne.CanvasObject) {
	cells[0].(*kit.FitLabel).SetText(c.Name)
	cells[1].(*kit.FitLabel).SetText(c.Type.Label())
	cells[2].(*kit.FitLabel).SetText(c.SDKKey)
	cells[3].(*kit.FitLabel).SetText(sdkSignsText(c.Type))
}

// sdkSignsText is what a credential of type t signs.
func sdkSignsText(t auth.SDKType) string {
	if t == auth.SDKVideo {
		return "Video SDK tokens"
	}
	return "Meeting SDK signatures"
}

// filter shows the credentials matching q.
func (l *sdkList) filter(q string) {
	d := l.sess.Data()
	if d != l.fitted {
		l.fitted = d
		fitNames(l.cols, func(yield func(string) bool) {
			for _, c := range d.SDKCredentials {
				if !yield(c.Name) {
					return
				}
			}
		})
	}
	total := len(d.SDKCredentials)
	l.Fill(d.SDKCredentials, l.sess.Index().SDKCredentials(q),
		fmt.Sprintf("No match: no SDK credential matches %q. Clear the search (×) to see all %s.", q, plural(total, "SDK credential")))
}

// any says whether there is an SDK credential to show: the section is
// shown only then (Connection › SDK credentials and signatures… adds the
// first).
func (l *sdkList) any() bool { return len(l.sess.Data().SDKCredentials) > 0 }

// update enables the buttons for the selection and describes it.
func (l *sdkList) update(readOnly bool) {
	c, ok := l.selected()
	kit.Enable(!readOnly, &l.newButton.Button)
	kit.Enable(ok && !readOnly, &l.editButton.Button, &l.deleteButton.Button)
	kit.Enable(ok, &l.signButton.Button)
	// Only a selection is described: the line's room goes to the rows.
	l.details.SetText(l.detailsText(c, ok))
	kit.SetVisible(l.details, ok)
}

func (l *sdkList) detailsText(c auth.SDKCredential, ok bool) string {
	if !ok {
		return ""
	}
	where := "the keyring"
	if l.sess.OnFile() {
		where = "the encrypted file"
	}
	return fmt.Sprintf("%s · %s credential · Signature… signs %s with it · its SDK secret stays in %s, never shown.",
		c.Name, c.Type.Label(), sdkSignsText(c.Type), where)
}

// selectName selects the named SDK credential, clearing the search if it
// hides it. It reports whether the credential exists.
func (l *sdkList) selectName(name string) bool {
	c, ok := l.sess.Data().SDKCredential(name)
	if ok {
		l.Show(l.search, c.ID)
	}
	return ok
}

func (l *sdkList) selected() (auth.SDKCredential, bool) {
	if c, ok := l.sess.Data().SDKCredentialByID(l.Selected()); ok {
		return *c, true
	}
	return auth.SDKCredential{}, false
}
