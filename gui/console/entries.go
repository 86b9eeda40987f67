package console

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The console's keyboard: Ctrl+Enter (Cmd+Enter on macOS) sends the
// request; Esc and Ctrl+W (Cmd+W) close the window.
var (
	ctrlEnter       = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	ctrlKeypadEnter = &desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault}
	ctrlW           = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}
)

// isSendShortcut: Ctrl+Enter (Cmd+Enter on macOS) sends the request.
func isSendShortcut(s fyne.Shortcut) bool {
	n := s.ShortcutName()
	return n == ctrlEnter.ShortcutName() || n == ctrlKeypadEnter.ShortcutName()
}

// isCloseShortcut: Ctrl+W (Cmd+W on macOS) closes the console.
func isCloseShortcut(s fyne.Shortcut) bool { return s.ShortcutName() == ctrlW.ShortcutName() }

// consoleKeys is what the console's entries do with the keys a focused
// entry gets before the window does: send and close.
type consoleKeys struct{ send, close func() }

// shortcut runs the console's action for s; it reports whether it did.
func (k consoleKeys) shortcut(s fyne.Shortcut) bool {
	switch {
	case isSendShortcut(s):
		k.send()
	case isCloseShortcut(s):
		k.close()
	default:
		return false
	}
	return true
}

// consoleEntry is a multi-line entry of the console. A focused entry gets
// the keyboard's shortcuts and keys before the window does, so it passes
// Ctrl+Enter on to Send, and Esc and Ctrl+W on to close, itself. Its
// default text is a real value, selected whenever the keyboard brings the
// focus to it while it is untouched, so typing replaces it.
type consoleEntry struct {
	widget.Entry
	keys consoleKeys
	// untouched: the text is the default, not typed.
	untouched bool
}

func newConsoleEntry(text, placeholder string, keys consoleKeys) *consoleEntry {
	e := &consoleEntry{keys: keys, untouched: true}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapOff
	e.TextStyle = fyne.TextStyle{Monospace: true}
	e.PlaceHolder = placeholder
	e.Text = text
	e.ExtendBaseWidget(e)
	e.OnChanged = func(string) { e.untouched = false }
	return e
}

// SetText replaces the text, the cursor at its end.
func (e *consoleEntry) SetText(s string) { setText(&e.Entry, s) }

// endSelection ends the selection of e, if any, putting the cursor at the
// end, as the End key does.
func endSelection(e *widget.Entry) {
	if e.SelectedText() != "" {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	}
}

// setText replaces e's text with s, the cursor at its end: a selection
// left over would cover the new text's first characters.
func setText(e *widget.Entry, s string) {
	endSelection(e)
	e.SetText(s)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
}

// TypedShortcut sends on Ctrl+Enter, closes on Ctrl+W and handles the
// rest as an Entry.
func (e *consoleEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.keys.shortcut(s) {
		e.Entry.TypedShortcut(s)
	}
}

// TypedKey closes the console on Esc.
func (e *consoleEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.keys.close()
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusGained selects the default text, so typing replaces it.
func (e *consoleEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.untouched {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// consolePathEntry is the path entry: its drop-down suggests the common
// Zoom endpoints matching what is typed; a picked one whose path holds a
// placeholder ({userId}) comes with the placeholder selected, so typing
// replaces it. Enter and Ctrl+Enter send, Esc and Ctrl+W close.
type consolePathEntry struct {
	widget.Entry
	keys      consoleKeys
	untouched bool
	// onChanged runs after each change of the text.
	onChanged func(string)
	dropDown  *widget.Button
	popUp     *widget.PopUpMenu
}

func newConsolePathEntry(text string, keys consoleKeys) *consolePathEntry {
	e := &consolePathEntry{keys: keys, untouched: true}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.TextStyle = fyne.TextStyle{Monospace: true}
	e.PlaceHolder = "users/me"
	e.Text = text
	e.dropDown = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), e.showSuggestions)
	e.dropDown.Importance = widget.LowImportance
	e.ActionItem = e.dropDown
	e.ExtendBaseWidget(e)
	e.OnChanged = func(s string) {
		e.untouched = false
		if e.onChanged != nil {
			e.onChanged(s)
		}
	}
	e.OnSubmitted = func(string) { keys.send() }
	return e
}

// SetText replaces the path, the cursor at its end.
func (e *consolePathEntry) SetText(s string) { setText(&e.Entry, s) }

// suggestions are the paths the drop-down offers for what is typed.
func (e *consolePathEntry) suggestions() []string { return suggestPaths(e.Text) }

// showSuggestions drops the list of suggested paths down under the entry.
func (e *consolePathEntry) showSuggestions() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, p := range e.suggestions() {
		items = append(items, fyne.NewMenuItem(p, func() { e.pick(p) }))
	}
	e.popUp = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
	e.popUp.Resize(fyne.NewSize(e.Size().Width, e.popUp.MinSize().Height))
}

// pick puts a suggested path in the entry and gives it the focus, with
// the path's first placeholder selected.
func (e *consolePathEntry) pick(p string) {
	e.SetText(p)
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
	if loc := placeholder.FindStringIndex(p); loc != nil {
		e.selectRunes(len([]rune(p[:loc[0]])), len([]rune(p[loc[0]:loc[1]])))
	} else {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	}
}

// selectRunes selects n runes from the rune at start, as Shift and the
// arrow keys do.
func (e *consolePathEntry) selectRunes(start, n int) {
	e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome}) // ends any selection
	for range start {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	e.KeyDown(shift)
	for range n {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	e.KeyUp(shift)
}

// TypedShortcut sends on Ctrl+Enter, closes on Ctrl+W and handles the
// rest as an Entry.
func (e *consolePathEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.keys.shortcut(s) {
		e.Entry.TypedShortcut(s)
	}
}

// TypedKey closes the console on Esc; Down opens the suggestions.
func (e *consolePathEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		e.keys.close()
	case fyne.KeyDown:
		e.showSuggestions()
	default:
		e.Entry.TypedKey(ev)
	}
}

// FocusGained selects the default path, so typing replaces it.
func (e *consolePathEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.untouched {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// historyList is the history: a list that closes the console on Esc.
type historyList struct {
	widget.List
	close func()
}

func newHistoryList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject), close func()) *historyList {
	l := &historyList{close: close}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey closes the console on Esc.
func (l *historyList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		l.close()
		return
	}
	l.List.TypedKey(ev)
}

// panel is a rounded box in the theme's colours: under a note (Fill the
// overlay background), or over a disabled entry to make it look like the
// app's other disabled controls, flat on the window's background (as the
// theme draws a disabled button) in the disabled colours, saying why in
// Text. A disabled Fyne entry keeps its input background and its
// placeholder's colour, so it looked as editable as ever.
type panel struct {
	widget.BaseWidget
	Fill, Stroke fyne.ThemeColorName
	Text         string
}

func newPanel(fill, stroke fyne.ThemeColorName, text string) *panel {
	p := &panel{Fill: fill, Stroke: stroke, Text: text}
	p.ExtendBaseWidget(p)
	return p
}

// disabledCover is the panel over a disabled entry.
func disabledCover(text string) *panel {
	return newPanel(theme.ColorNameBackground, theme.ColorNameDisabled, text)
}

func (p *panel) CreateRenderer() fyne.WidgetRenderer {
	r := &panelRenderer{p: p, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText(p.Text, color.Transparent)}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p    *panel
	bg   *canvas.Rectangle
	text *canvas.Text
}

func (r *panelRenderer) Layout(size fyne.Size) {
	th := r.p.Theme()
	r.bg.Resize(size)
	pad := th.Size(theme.SizeNameInnerPadding)
	r.text.Move(fyne.NewPos(pad, pad))
	r.text.Resize(r.text.MinSize())
}

// MinSize is none: the panel takes the size of what it lies under or on.
func (r *panelRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *panelRenderer) Refresh() {
	th := r.p.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(r.p.Fill, v)
	r.bg.StrokeColor = th.Color(r.p.Stroke, v)
	r.bg.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.text.Text = r.p.Text
	r.text.Color = th.Color(theme.ColorNameDisabled, v)
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.bg.Refresh()
	r.text.Refresh()
}

func (r *panelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }
func (r *panelRenderer) Destroy()                     {}
