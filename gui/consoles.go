package gui

// consoles opens the API console (one window, reused) and keeps each
// connection's request history in step with the connections file.
type consoles struct {
	env     *consoleEnv
	console *Console // open, or nil
}

func newConsoles(env *consoleEnv) *consoles {
	return &consoles{env: env}
}

// open shows the console for the named connection; nil while the window
// is read-only.
func (cs *consoles) open(name string) *Console {
	if cs.env.sess.readOnly() {
		return nil
	}
	{ // histories of connections deleted elsewhere (the command line)
		keep := map[string]bool{}
		for _, c := range cs.env.sess.data.Connections {
			keep[c.ID] = true
		}
		cs.env.hist.prune(keep)
	}
	if c := cs.current(); c != nil {
		c.selectConnection(name)
		c.Window.RequestFocus()
		return c
	}
	cs.console = openConsole(cs.env, name)
	return cs.console
}

// current is the open console, or nil.
func (cs *consoles) current() *Console {
	if cs.console == nil || cs.console.closed {
		return nil
	}
	return cs.console
}

// refresh offers the connections as the file has them now.
func (cs *consoles) refresh() {
	if c := cs.current(); c != nil {
		c.refreshConnections()
	}
}

// forget removes a deleted connection's history. It touches only the
// file, so a job may call it.
func (cs *consoles) forget(connID string) { _ = cs.env.hist.forget(connID) }

// openConsoleSelected opens the console for the selected connection.
func (u *UI) openConsoleSelected() {
	c, _ := u.conns.selected()
	u.OpenConsole(c.Name)
}
