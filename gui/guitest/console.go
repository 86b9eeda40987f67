package guitest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/gui/kit"
)

// ConsoleTitle is what the API console's window title starts with.
const ConsoleTitle = "API console —"

// TextInput is an entry whose text can be set, whatever its own type.
type TextInput interface {
	fyne.CanvasObject
	SetText(string)
}

// Console is the API console's window as a user sees it.
type Console struct {
	Window     fyne.Window
	Connection *kit.FormSelect
	Method     *kit.FormSelect
	Path       TextInput
	// Query holds the query's key=value lines.
	Query TextInput
	Send  *kit.FormButton
	// Status says Zoom's answer to the last call ("200 OK · 120 ms").
	Status *widget.Label
}

// ConsoleOf finds the widgets of the API console in w (nil: nil).
func ConsoleOf(w fyne.Window) *Console {
	if w == nil {
		return nil
	}
	root := w.Content()
	c := &Console{Window: w}
	c.Connection = First[*kit.FormSelect](FormItem(root, "Connection"), nil)
	req := FormItem(root, "Request")
	c.Method = First[*kit.FormSelect](req, nil)
	c.Path = First(req, func(t TextInput) bool { _, label := t.(*widget.Label); return !label })
	c.Query = First[TextInput](FormItem(root, "Query"), nil)
	c.Send = Text[*kit.FormButton](root, "Send")
	c.Status = First(root, func(l *widget.Label) bool { return l.TextStyle.Bold && l.Text != "History (this connection)" })
	return c
}

// FormItem is the widget of the Fyne form item labelled text under o, or
// nil.
func FormItem(o fyne.CanvasObject, text string) fyne.CanvasObject {
	var found fyne.CanvasObject
	Walk(o, func(x fyne.CanvasObject) {
		if f, ok := x.(*widget.Form); ok && found == nil {
			for _, it := range f.Items {
				if it.Text == text {
					found = it.Widget
					return
				}
			}
		}
	})
	return found
}
