package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// clientChooser is the connection form's OAuth client row: a select over
// the stored clients, + to add one and the pencil to edit the chosen one.
type clientChooser struct {
	sess *view.Session
	// open opens the OAuth client form on the named client ("" for a new
	// one); onSaved receives the saved client.
	open         func(name string, onSaved func(auth.OAuthClient))
	changed      func(picked bool) // picked, or a new client was added
	edited       func()            // the chosen client was saved
	clientSelect *kit.FormSelect
	addButton    *kit.FormButton // "+"
	editButton   *kit.FormButton // pencil
	ids          []string        // IDs parallel to OAuthClient.Options
}

// newClientChooser makes the row of a form with keys; changed runs when a
// client is picked (picked) or added with + (then chosen), edited when the
// pencil saved the chosen one.
func newClientChooser(keys *kit.Keys, sess *view.Session, open func(string, func(auth.OAuthClient)), changed func(picked bool), edited func()) *clientChooser {
	c := &clientChooser{sess: sess, open: open, changed: changed, edited: edited}
	c.clientSelect = keys.Select(nil, func(string) { c.changed(true) })
	c.clientSelect.PlaceHolder = "(choose an OAuth client)"
	c.addButton = keys.Button("", theme.ContentAddIcon(), c.addClient)
	c.editButton = keys.Button("", theme.DocumentCreateIcon(), c.editClient)
	return c
}

// addClient opens the form for a new client, chosen here once saved.
func (c *clientChooser) addClient() {
	c.open("", func(cl auth.OAuthClient) {
		c.reload(cl.ID)
		c.changed(false)
	})
}

// editClient opens the form on the chosen client.
func (c *clientChooser) editClient() {
	cl, ok := c.chosen()
	if !ok {
		return
	}
	c.open(cl.Name, func(cl auth.OAuthClient) {
		c.reload(cl.ID)
		c.edited()
	})
}

func (c *clientChooser) row() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewHBox(c.addButton, c.editButton), c.clientSelect)
}

// update enables + unless busy, and the pencil when a client is chosen.
func (c *clientChooser) update(busy bool) {
	kit.Enable(!busy, &c.addButton.Button)
	_, ok := c.chosen()
	kit.Enable(ok && !busy, &c.editButton.Button)
}

// reload refreshes the choices, selecting selectID if given, else keeping
// the current choice.
func (c *clientChooser) reload(selectID string) {
	if selectID == "" {
		selectID = c.selectedID()
	}
	c.ids = c.ids[:0]
	var names []string
	for _, cl := range c.sess.Data().Clients {
		c.ids = append(c.ids, cl.ID)
		names = append(names, cl.Name)
	}
	c.clientSelect.SetOptions(names)
	c.selectID(selectID)
}

func (c *clientChooser) selectID(id string) {
	for i, cid := range c.ids {
		if cid == id {
			c.clientSelect.SetSelectedIndex(i)
			return
		}
	}
	c.clientSelect.ClearSelected()
}

func (c *clientChooser) selectedID() string {
	i := c.clientSelect.SelectedIndex()
	if i < 0 || i >= len(c.ids) {
		return ""
	}
	return c.ids[i]
}

// chosen is the chosen client, if it is stored.
func (c *clientChooser) chosen() (*auth.OAuthClient, bool) {
	return c.sess.Data().ClientByID(c.selectedID())
}
