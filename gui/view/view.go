// Package view is what every view of the desktop app is built with: the
// Session (the connections file as last read, and where its secrets live,
// as store.Secrets says), the Context that hands a view the session, the
// jobs, the dialogs, the status line and the window's reload in one bundle,
// and the app's words: its name, how it names auth types and endpoints,
// and its one phrasing of the core's errors (ErrorText; FieldProblem for a
// refusal the connection form shows beside a field). The window (gui),
// the forms and the API console all use it; it holds no window of its own.
package view

import (
	"time"

	"fyne.io/fyne/v2"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// AppName is the window title and the name in About.
const AppName = "Zoom Connections"

// Context is what a view of the window is built with, made once by the
// window: the session it shows and saves through, the jobs that run its
// work off the UI goroutine, the dialogs, the status line, the reload of
// every view, and the window's ways to open a web page and the set-up
// guide. A view keeps it and adds only what is its own.
type Context struct {
	App     fyne.App
	Session *Session
	Jobs    *kit.Jobs
	Dialogs *kit.Dialogs
	// Status puts a sentence in the window's status line.
	Status func(string)
	// Reload reads the connections file again and refreshes every view.
	Reload func()
	// OpenURL opens a web page (Zoom's); a failure is said in a dialog.
	OpenURL func(string)
	// Guide opens the set-up guide at the tab of an auth type.
	Guide func(auth.AuthType)
	// AfterFunc runs f once d has passed, on another goroutine; nil means
	// time.AfterFunc. Tests fake it, to run what is due without waiting.
	AfterFunc func(d time.Duration, f func())
}

// After runs f on the UI goroutine once d has passed (a note that goes
// away, a retry).
func (c *Context) After(d time.Duration, f func()) {
	run := func() { c.Jobs.Do(f) }
	if c.AfterFunc != nil {
		c.AfterFunc(d, run)
		return
	}
	time.AfterFunc(d, run)
}

// Copy puts text on the clipboard and says in the status line what was
// copied.
func (c *Context) Copy(text, what string) {
	c.App.Clipboard().SetContent(text)
	c.Status(what + " copied to the clipboard.")
}
