package guitest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/gui/kit"
)

// EventsTitle is what the Events window's title starts with.
const EventsTitle = "Events —"

// Events is the Events window as a user sees it.
type Events struct {
	Window     fyne.Window
	Connection *kit.FormSelect
	ForwardTo  *kit.FormEntry
	Listen     *kit.FormButton
	Stop       *kit.FormButton
	SendTest   *kit.FormButton
	// State says how the socket is doing ("Connected to …").
	State *widget.Label
	// List holds the events, oldest first.
	List *widget.List
}

// EventsOf finds the widgets of the Events window in w (nil: nil).
func EventsOf(w fyne.Window) *Events {
	if w == nil {
		return nil
	}
	root := w.Content()
	return &Events{
		Window:     w,
		Connection: First[*kit.FormSelect](FormItem(root, "Connection"), nil),
		ForwardTo:  First[*kit.FormEntry](FormItem(root, "Forward to"), nil),
		Listen:     Text[*kit.FormButton](root, "Listen"),
		Stop:       Text[*kit.FormButton](root, "Stop"),
		SendTest:   Text[*kit.FormButton](root, "Send test event…"),
		State: First(root, func(l *widget.Label) bool {
			return l.TextStyle.Bold && l.Text != "Events (newest at the bottom)" && l.Text != "Selected event"
		}),
		List: First[*widget.List](root, nil),
	}
}

// Connected reports whether the window says its socket is open.
func (e *Events) Connected() bool { return strings.HasPrefix(e.State.Text, "Connected to") }
