package gui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"zoomconn/auth"
	"zoomconn/gui/view"
)

// formEnv is what both forms use of the window: the session they validate
// against and save through, jobs, dialogs, the status line and the set-up
// guide.
type formEnv struct{ *view.Context }

// forms opens the connection and OAuth client forms and keeps the last of
// each, which tests and the screenshot driver read.
type forms struct {
	env    *formEnv
	conn   *ConnectionForm // opened last
	client *ClientForm     // opened last
	// connSaved runs once a connection form saved c: select it and, for
	// "Save & …", test or authorize it.
	connSaved func(c auth.Connection, then bool)
	// clientSaved runs once a client form saved c: select it.
	clientSaved func(c auth.OAuthClient)
}

// newConnection opens the form for a new connection (nil if read-only).
func (fs *forms) newConnection() *ConnectionForm {
	if fs.env.Session.ReadOnly() {
		return nil
	}
	return fs.openConnection(nil, "New connection")
}

// editConnection opens the form for the named connection.
func (fs *forms) editConnection(name string) *ConnectionForm {
	c, ok := fs.env.Session.Data().Connection(name)
	if !ok || fs.env.Session.ReadOnly() {
		return nil
	}
	cc := *c
	return fs.openConnection(&cc, "Edit connection "+cc.Name)
}

func (fs *forms) openConnection(editing *auth.Connection, title string) *ConnectionForm {
	f := &ConnectionForm{env: fs.env, editing: editing, onSaved: fs.connSaved, formFields: newFormFields()}
	f.clientForm = func(name string, onSaved func(auth.OAuthClient)) {
		if name == "" {
			fs.newClient(onSaved)
		} else {
			fs.editClient(name, onSaved)
		}
	}
	fs.env.openWindow(title, fyne.NewSize(760, 640), func(w fyne.Window) { f.Window = w; f.build() }, func() fyne.Focusable { return f.Name })
	fs.conn = f
	return f
}

// newClient opens the OAuth client form; onSaved (may be nil) receives the
// saved client.
func (fs *forms) newClient(onSaved func(auth.OAuthClient)) *ClientForm {
	if fs.env.Session.ReadOnly() {
		return nil
	}
	return fs.openClient(nil, "New OAuth client", onSaved)
}

// editClient opens the form for the named OAuth client.
func (fs *forms) editClient(name string, onSaved func(auth.OAuthClient)) *ClientForm {
	c, ok := fs.env.Session.Data().Client(name)
	if !ok || fs.env.Session.ReadOnly() {
		return nil
	}
	cc := *c
	return fs.openClient(&cc, "Edit OAuth client "+cc.Name, onSaved)
}

func (fs *forms) openClient(editing *auth.OAuthClient, title string, onSaved func(auth.OAuthClient)) *ClientForm {
	f := &ClientForm{env: fs.env, editing: editing, formFields: newFormFields()}
	f.onSaved = func(c auth.OAuthClient) {
		fs.clientSaved(c)
		if onSaved != nil {
			onSaved(c)
		}
		// An open connection form shows this client's endpoints.
		if cf := fs.conn; cf != nil {
			cf.syncEndpoints()
			cf.validate()
		}
	}
	fs.env.openWindow(title, fyne.NewSize(720, 700), func(w fyne.Window) { f.Window = w; f.build() }, func() fyne.Focusable { return f.Name })
	fs.client = f
	return f
}

// openWindow shows a form window built by build, focused on first.
func (e *formEnv) openWindow(title string, size fyne.Size, build func(w fyne.Window), first func() fyne.Focusable) {
	w := e.App.NewWindow(title + " — " + view.AppName)
	build(w)
	w.Resize(size)
	w.CenterOnScreen()
	w.Show()
	w.Canvas().Focus(first())
}

// saveFailed shows why a form was not saved: field problems beside the
// fields, anything else (keyring, file) in a dialog that says how to fix
// it. It reports whether there was an error.
func (e *formEnv) saveFailed(win fyne.Window, what string, err error, showErrors func(error) bool) bool {
	if err == nil {
		return false
	}
	var ve *auth.ValidationError
	if errors.As(err, &ve) {
		showErrors(ve)
		return true
	}
	e.Dialogs.FailOn(win, what+" was not saved", err)
	return true
}

// saved refreshes the window after a form saved name, and shows notices
// (such as a trimmed secret) if any.
func (e *formEnv) saved(status, name string, notices []string) {
	e.Reload()
	e.Status(status)
	if len(notices) > 0 {
		e.Dialogs.Info("Saved "+name, strings.Join(notices, "\n"))
	}
}
