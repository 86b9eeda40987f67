package console

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// isSendShortcut: Ctrl+Enter (Cmd+Enter on macOS) sends the request.
func isSendShortcut(s fyne.Shortcut) bool {
	n := s.ShortcutName()
	return n == ctrlEnter.ShortcutName() || n == ctrlKeypadEnter.ShortcutName()
}

// consoleEntry is a multi-line entry of the console. A focused entry gets
// the keyboard's shortcuts before the window does, so it passes
// Ctrl+Enter on to Send itself.
type consoleEntry struct {
	widget.Entry
	onSend func()
}

func newConsoleEntry(placeholder string, send func()) *consoleEntry {
	e := &consoleEntry{onSend: send}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapOff
	e.TextStyle = fyne.TextStyle{Monospace: true}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut sends on Ctrl+Enter and handles the rest as an Entry.
func (e *consoleEntry) TypedShortcut(s fyne.Shortcut) {
	if isSendShortcut(s) {
		e.onSend()
		return
	}
	e.Entry.TypedShortcut(s)
}

// consolePathEntry is the path entry: it suggests the common Zoom
// endpoints matching what is typed, and sends on Enter or Ctrl+Enter.
type consolePathEntry struct {
	widget.SelectEntry
	onSend func()
}

func newConsolePathEntry(send func()) *consolePathEntry {
	e := &consolePathEntry{onSend: send}
	e.PlaceHolder = "users/me"
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.TextStyle = fyne.TextStyle{Monospace: true}
	e.ExtendBaseWidget(e)
	e.SetOptions(suggestPaths(""))
	e.OnChanged = func(s string) { e.SetOptions(suggestPaths(s)) }
	e.OnSubmitted = func(string) { send() }
	return e
}

// TypedShortcut sends on Ctrl+Enter and handles the rest as an Entry.
func (e *consolePathEntry) TypedShortcut(s fyne.Shortcut) {
	if isSendShortcut(s) {
		e.onSend()
		return
	}
	e.SelectEntry.TypedShortcut(s)
}
