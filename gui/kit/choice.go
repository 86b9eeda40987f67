package kit

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Choice is a form's row of radio buttons, one stop of the Tab key as on
// any desktop: the arrow keys move the choice, Esc cancels the form and
// Enter submits it. Fyne's RadioGroup gives every button a Tab stop of its
// own, lets Esc and Enter go nowhere, and draws an unselected button in the
// faint input border colour, so it looks disabled.
type Choice struct {
	widget.BaseWidget
	Options   []string
	Selected  string
	OnChanged func(string)

	keys    *Keys
	focused bool
	items   []*choiceItem
}

// Choice is a row of radio buttons of the form.
func (k *Keys) Choice(options []string, changed func(string)) *Choice {
	c := &Choice{Options: options, OnChanged: changed, keys: k}
	for _, o := range options {
		c.items = append(c.items, newChoiceItem(c, o))
	}
	c.ExtendBaseWidget(c)
	return c
}

// SetSelected chooses option, running OnChanged if that changes the
// choice.
func (c *Choice) SetSelected(option string) {
	if option == c.Selected {
		return
	}
	c.Selected = option
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged(option)
	}
}

// pick chooses option as a click does: the Choice also takes the focus.
func (c *Choice) pick(option string) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Focus(c)
	}
	c.SetSelected(option)
}

// move chooses the option by steps from the chosen one, wrapping around.
func (c *Choice) move(by int) {
	if len(c.Options) == 0 {
		return
	}
	i := slices.Index(c.Options, c.Selected)
	if i < 0 && by < 0 {
		i = 0
	}
	c.SetSelected(c.Options[(i+by+len(c.Options))%len(c.Options)])
}

// FocusGained shows the focus on the chosen option and scrolls it into
// view.
func (c *Choice) FocusGained() {
	c.focused = true
	c.Refresh()
	c.keys.reveal(c)
}

// FocusLost hides the focus.
func (c *Choice) FocusLost() {
	c.focused = false
	c.Refresh()
}

// TypedRune ignores typing; Space has nothing to pick, as the arrows
// already chose.
func (c *Choice) TypedRune(rune) {}

// TypedKey moves the choice with the arrow keys; Esc and Enter act on the
// form.
func (c *Choice) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		c.move(-1)
	case fyne.KeyRight, fyne.KeyDown:
		c.move(1)
	default:
		c.keys.Key(ev)
	}
}

// Refresh redraws every option.
func (c *Choice) Refresh() {
	for _, it := range c.items {
		it.update()
	}
	c.BaseWidget.Refresh()
}

// CreateRenderer lays the options out in a row.
func (c *Choice) CreateRenderer() fyne.WidgetRenderer {
	row := container.NewHBox()
	for _, it := range c.items {
		it.update()
		row.Add(it)
	}
	return widget.NewSimpleRenderer(row)
}

// choiceItem is one option: a radio button and its label; a click picks it.
type choiceItem struct {
	widget.BaseWidget
	parent *Choice
	option string
	focus  *canvas.Circle
	fill   *widget.Icon
	ring   *widget.Icon
	label  *widget.Label
}

func newChoiceItem(parent *Choice, option string) *choiceItem {
	it := &choiceItem{parent: parent, option: option, focus: canvas.NewCircle(color.Transparent),
		fill: widget.NewIcon(nil), ring: widget.NewIcon(nil), label: widget.NewLabel(option)}
	it.ExtendBaseWidget(it)
	return it
}

// Tapped picks the option.
func (it *choiceItem) Tapped(*fyne.PointEvent) { it.parent.pick(it.option) }

// update draws the option as chosen or not, with the focus ring if the
// Choice has the focus and this option is the chosen one. The ring of an
// unchosen option is drawn in the text colour, not the faint border one.
func (it *choiceItem) update() {
	th := it.parent.Theme()
	chosen := it.parent.Selected == it.option
	ring := theme.NewThemedResource(th.Icon(theme.IconNameRadioButton))
	ring.ColorName = theme.ColorNameForeground
	fill := theme.NewThemedResource(th.Icon(theme.IconNameRadioButtonFill))
	fill.ColorName = theme.ColorNameInputBackground
	if chosen {
		fill.ColorName = theme.ColorNamePrimary
	}
	it.fill.SetResource(fill)
	it.ring.SetResource(ring)
	var focus color.Color = color.Transparent
	if chosen && it.parent.focused {
		focus = th.Color(theme.ColorNameFocus, fyne.CurrentApp().Settings().ThemeVariant())
	}
	if it.focus.FillColor != focus {
		it.focus.FillColor = focus
		it.focus.Refresh()
	}
}

// CreateRenderer lays out the button (with its focus ring behind) and the
// label.
func (it *choiceItem) CreateRenderer() fyne.WidgetRenderer {
	button := container.NewStack(it.focus, container.NewPadded(container.NewStack(it.fill, it.ring)))
	return widget.NewSimpleRenderer(container.NewHBox(container.NewCenter(button), it.label))
}
