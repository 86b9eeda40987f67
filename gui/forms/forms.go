// Package forms owns the app's two forms: the connection form (its auth
// type, credentials, OAuth client and endpoints, in a Simple and an HTTP
// view) and the OAuth client form (its credentials, public or not, fixed
// port, endpoints and the redirect URL to register). It validates what is
// typed against the data as the store will, beside each field; saves
// through the store in a job; and shares one Cancel and Save flow between
// both forms (flow). It is built with the window's view.Context and opens
// its own windows; nothing outside reaches its widgets.
package forms

import (
	"fyne.io/fyne/v2"

	"zoomconn/auth"
	"zoomconn/gui/view"
)

// Forms opens the connection and OAuth client forms.
type Forms struct {
	ctx *view.Context
	// The forms opened last: a saved client's endpoints show in the
	// connection form.
	conn   *connectionForm
	client *clientForm
	// connSaved runs once a connection form saved c: select it and, for
	// "Save & …", test or authorize it.
	connSaved func(c auth.Connection, then bool)
	// clientSaved runs once a client form saved c: select it.
	clientSaved func(c auth.OAuthClient)
}

// New opens forms with ctx; connSaved runs once a connection form saved
// one (then: "Save & test" or "Save & authorize" was clicked), clientSaved
// once an OAuth client form saved one.
func New(ctx *view.Context, connSaved func(c auth.Connection, then bool), clientSaved func(c auth.OAuthClient)) *Forms {
	return &Forms{ctx: ctx, connSaved: connSaved, clientSaved: clientSaved}
}

// NewConnection opens the form for a new connection and returns its
// window; nil while the session is read-only.
func (fs *Forms) NewConnection() fyne.Window { return fs.newConnection().window() }

func (fs *Forms) newConnection() *connectionForm {
	if fs.ctx.Session.ReadOnly() {
		return nil
	}
	return fs.openConnection(nil, "New connection")
}

// EditConnection opens the form for the named connection and returns its
// window; nil if there is none or the session is read-only.
func (fs *Forms) EditConnection(name string) fyne.Window { return fs.editConnection(name).window() }

func (fs *Forms) editConnection(name string) *connectionForm {
	c, ok := fs.ctx.Session.Data().Connection(name)
	if !ok || fs.ctx.Session.ReadOnly() {
		return nil
	}
	cc := *c
	return fs.openConnection(&cc, "Edit connection "+cc.Name)
}

// editTitle is the title of the form that edits the connection called
// name.
func editTitle(name string) string { return "Edit connection " + name + " — " + view.AppName }

func (fs *Forms) openConnection(editing *auth.Connection, title string) *connectionForm {
	f := &connectionForm{ctx: fs.ctx, editing: editing, onSaved: fs.connSaved, formFields: newFormFields()}
	f.clientForm = func(name string, onSaved func(auth.OAuthClient)) {
		if name == "" {
			fs.newClient(onSaved)
		} else {
			fs.editClient(name, onSaved)
		}
	}
	openWindow(fs.ctx, title, fyne.NewSize(760, 640), func(w fyne.Window) { f.win = w; f.build() }, func() fyne.Focusable { return f.first })
	fs.conn = f
	return f
}

// NewClient opens the OAuth client form and returns its window; onSaved
// (may be nil) receives the saved client. nil while the session is
// read-only.
func (fs *Forms) NewClient(onSaved func(auth.OAuthClient)) fyne.Window {
	return fs.newClient(onSaved).window()
}

func (fs *Forms) newClient(onSaved func(auth.OAuthClient)) *clientForm {
	if fs.ctx.Session.ReadOnly() {
		return nil
	}
	return fs.openClient(nil, "New OAuth client", onSaved)
}

// EditClient opens the form for the named OAuth client and returns its
// window; nil if there is none or the session is read-only.
func (fs *Forms) EditClient(name string, onSaved func(auth.OAuthClient)) fyne.Window {
	return fs.editClient(name, onSaved).window()
}

func (fs *Forms) editClient(name string, onSaved func(auth.OAuthClient)) *clientForm {
	c, ok := fs.ctx.Session.Data().Client(name)
	if !ok || fs.ctx.Session.ReadOnly() {
		return nil
	}
	cc := *c
	return fs.openClient(&cc, "Edit OAuth client "+cc.Name, onSaved)
}

func (fs *Forms) openClient(editing *auth.OAuthClient, title string, onSaved func(auth.OAuthClient)) *clientForm {
	f := &clientForm{ctx: fs.ctx, editing: editing, formFields: newFormFields()}
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
	openWindow(fs.ctx, title, fyne.NewSize(720, 700), func(w fyne.Window) { f.win = w; f.build() }, func() fyne.Focusable { return f.name })
	fs.client = f
	return f
}

// window is the form's window; nil for no form (none was opened).
func (f *connectionForm) window() fyne.Window {
	if f == nil {
		return nil
	}
	return f.win
}

// window is the form's window; nil for no form (none was opened).
func (f *clientForm) window() fyne.Window {
	if f == nil {
		return nil
	}
	return f.win
}

// openWindow shows a form window built by build, focused on first.
func openWindow(ctx *view.Context, title string, size fyne.Size, build func(w fyne.Window), first func() fyne.Focusable) {
	w := ctx.App.NewWindow(title + " — " + view.AppName)
	build(w)
	w.Resize(size)
	w.CenterOnScreen()
	w.Show()
	w.Canvas().Focus(first())
}
