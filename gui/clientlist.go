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

// clientList is the OAuth client list under the connections, with its
// buttons: New, and Edit and Delete for the selected client.
type clientList struct {
	*kit.RowList[auth.OAuthClient]
	cols   *kit.Columns
	fitted *auth.Data // the data whose names the Name column was sized to
	sess   *view.Session
	search *widget.Entry // the connection list's, which filters both

	newButton    *kit.Button
	editButton   *kit.Button
	deleteButton *kit.Button
	// signButton opens the Signature window: a Meeting SDK signature
	// signed with the client's Client ID and secret.
	signButton *kit.Button
}

// newClientList makes the list; onSelect runs when the selection changes,
// and newClient, edit and del are its buttons' actions (edit and del on
// the selected client's name). key acts on the keys typed in the list or
// on one of its buttons (F1, Delete, Return).
func newClientList(sess *view.Session, search *widget.Entry, onSelect, newClient func(), edit, del, sign func(name string), key func(fyne.KeyName)) *clientList {
	l := &clientList{sess: sess, search: search, cols: newClientColumns()}
	l.RowList = kit.NewRowList(l.cols, func(c auth.OAuthClient) string { return c.ID }, l.render, onSelect)
	onSelected := func(act func(string)) func() {
		return func() {
			if c, ok := l.selected(); ok {
				act(c.Name)
			}
		}
	}
	l.newButton = kit.NewButton("New OAuth client", theme.ContentAddIcon(), newClient)
	l.editButton = kit.NewButton("Edit", theme.DocumentCreateIcon(), onSelected(edit))
	l.deleteButton = kit.NewButton("Delete", theme.DeleteIcon(), onSelected(del))
	l.signButton = kit.NewButton("Signature…", theme.ConfirmIcon(), onSelected(sign))
	l.List.OnKey = key
	for _, b := range []*kit.Button{l.newButton, l.editButton, l.deleteButton, l.signButton} {
		b.OnKey = key
	}
	return l
}

// newClientColumns are the OAuth client list's columns, each list its own
// (its edges are dragged, its Name sized to the names).
func newClientColumns() *kit.Columns {
	return &kit.Columns{Widths: []float32{210, 170, 230, 200}, Flex: 3}
}

// content is the section: title, buttons, header and rows.
func (l *clientList) content() fyne.CanvasObject {
	top := sectionTop("OAuth clients", []*kit.Button{l.newButton, l.editButton, l.deleteButton, l.signButton},
		l.cols, "Name", "Kind", "Client ID", "Used by / status")
	return inDrawingOrder(top, l.View(), nil)
}

func (l *clientList) render(c auth.OAuthClient, cells []fyne.CanvasObject) {
	cells[0].(*kit.FitLabel).SetText(c.Name)
	cells[1].(*kit.FitLabel).SetText(auth.ClientKindLabel(c.Kind))
	cells[2].(*kit.FitLabel).SetText(c.ClientID)
	used := cells[3].(*kit.FitLabel)
	used.SetText(clientStatusText(c, l.sess.UsedBy(c.ID)))
	used.Importance = widget.MediumImportance
	if secretNeeded(c) {
		used.Importance = widget.WarningImportance
	}
	used.Refresh()
}

// filter shows the clients matching q.
func (l *clientList) filter(q string) {
	if d := l.sess.Data(); d != l.fitted {
		l.fitted = d
		fitNames(l.cols, func(yield func(string) bool) {
			for _, c := range d.Clients {
				if !yield(c.Name) {
					return
				}
			}
		})
	}
	total := len(l.sess.Data().Clients)
	l.Fill(l.sess.Data().Clients, l.sess.Index().Clients(q),
		fmt.Sprintf("No match: no OAuth client matches %q. Clear the search (×) to see all %s.", q, plural(total, "OAuth client")))
}

// update enables the buttons for the selection.
func (l *clientList) update(readOnly bool) {
	_, ok := l.selected()
	kit.Enable(!readOnly, &l.newButton.Button)
	kit.Enable(ok && !readOnly, &l.editButton.Button, &l.deleteButton.Button)
	c, _ := l.selected()
	kit.Enable(ok && !readOnly && c.Kind == auth.Confidential && !c.SecretNeeded, &l.signButton.Button)
}

// selectName selects the named OAuth client, clearing the search if it
// hides it. It reports whether the client exists.
func (l *clientList) selectName(name string) bool {
	c, ok := l.sess.Data().Client(name)
	if ok {
		l.Show(l.search, c.ID)
	}
	return ok
}

func (l *clientList) selected() (auth.OAuthClient, bool) {
	if c, ok := l.sess.Data().ClientByID(l.Selected()); ok {
		return *c, true
	}
	return auth.OAuthClient{}, false
}

// secretNeeded: the client's stored secret may not be used until it is
// typed again.
func secretNeeded(c auth.OAuthClient) bool { return c.SecretNeeded && c.Kind == auth.Confidential }

// clientStatusText is the last column of the OAuth client list: how many
// connections use it, and whether its secret must be entered again.
func clientStatusText(c auth.OAuthClient, users int) string {
	if secretNeeded(c) {
		return "Enter the client secret again · " + usedByText(users)
	}
	return usedByText(users)
}

func usedByText(n int) string {
	switch n {
	case 0:
		return "no connections"
	case 1:
		return "1 connection"
	}
	return fmt.Sprintf("%d connections", n)
}
