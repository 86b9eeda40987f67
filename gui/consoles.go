package gui

// consoles opens the API console (one window, reused).
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
	if cs.env.Session.ReadOnly() {
		return nil
	}
	// Histories an older version left behind when it deleted a connection.
	_ = cs.env.Session.Store().PruneHistory()
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

// openConsoleSelected opens the console for the selected connection.
func (u *UI) openConsoleSelected() {
	c, _ := u.conns.selected()
	u.OpenConsole(c.Name)
}
