package gui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
)

// defaultClipboardClearAfter is how long a copied access token stays on
// the clipboard, so clipboard managers and other programs do not keep it.
const defaultClipboardClearAfter = 60 * time.Second

// tokenClipboard puts access tokens on the clipboard and takes them back:
// clipboard managers keep what was copied, so a token is cleared once it
// has had time to be pasted, and when the app quits. Something the user
// copied since is left alone. UI goroutine only.
type tokenClipboard struct {
	cb        fyne.Clipboard
	wait      time.Duration                   // how long a token stays
	afterFunc func(d time.Duration, f func()) // time.AfterFunc; tests fake it
	copied    string                          // the token last put there, until cleared
}

func newTokenClipboard(cb fyne.Clipboard, opts Options) *tokenClipboard {
	c := &tokenClipboard{cb: cb, wait: opts.clipboardClearAfter, afterFunc: opts.afterFunc}
	if c.wait <= 0 {
		c.wait = defaultClipboardClearAfter
	}
	if c.afterFunc == nil {
		c.afterFunc = func(d time.Duration, f func()) { time.AfterFunc(d, f) }
	}
	return c
}

// put copies token and runs due, on another goroutine, once it should be
// cleared (with clear); it returns how long that is.
func (c *tokenClipboard) put(token string, due func()) time.Duration {
	c.cb.SetContent(token)
	c.copied = token
	c.afterFunc(c.wait, due)
	return c.wait
}

// clear empties the clipboard if it still holds token and reports whether
// it did.
func (c *tokenClipboard) clear(token string) bool {
	if c.copied == token {
		c.copied = ""
	}
	if token == "" || c.cb.Content() != token {
		return false
	}
	c.cb.SetContent("")
	return true
}

// clearNow takes a copied access token off the clipboard now (the app is
// quitting, so no timer would).
func (c *tokenClipboard) clearNow() { c.clear(c.copied) }

// secondsText is a short duration for the status line: "60 s", "2 min".
func secondsText(d time.Duration) string {
	if d >= 2*time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	return fmt.Sprintf("%d s", int(d.Round(time.Second).Seconds()))
}
