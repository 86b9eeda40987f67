// Package guitest reaches the desktop app's widgets from the test side, as
// a user finds them: a window by its title, a field by the label beside
// it, a button by its text. The window's tests and the screenshot driver
// (internal/shots) use it; the shipped app never links it (the
// architecture test checks), and the app's packages export no widget for
// it: it walks what the window shows (containers, scrolls, splits, tabs
// and Fyne forms) and knows the layout of the app's form rows.
package guitest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/gui/kit"
)

// Window is the newest open window of a whose title starts with one of
// prefixes, or nil.
func Window(a fyne.App, prefixes ...string) fyne.Window {
	var found fyne.Window
	for _, w := range a.Driver().AllWindows() {
		for _, p := range prefixes {
			if strings.HasPrefix(w.Title(), p) {
				found = w
			}
		}
	}
	return found
}

// Walk calls fn on o and on everything under it, depth first, in the
// order the window lays it out: the objects of containers, the content of
// scrolls, both sides of splits, every tab and the widgets of Fyne forms.
// Hidden objects are walked too: a form keeps its hidden rows.
func Walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, fn)
		}
	case *container.Scroll:
		Walk(x.Content, fn)
	case *container.Split:
		Walk(x.Leading, fn)
		Walk(x.Trailing, fn)
	case *container.AppTabs:
		for _, it := range x.Items {
			Walk(it.Content, fn)
		}
	case *widget.Form:
		for _, it := range x.Items {
			Walk(it.Widget, fn)
		}
	}
}

// All is every T under o, in Walk's order.
func All[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	Walk(o, func(x fyne.CanvasObject) {
		if t, ok := x.(T); ok {
			out = append(out, t)
		}
	})
	return out
}

// First is the first T under o that match accepts (nil: any), or the zero
// T.
func First[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) T {
	for _, t := range All[T](o) {
		if match == nil || match(t) {
			return t
		}
	}
	var zero T
	return zero
}

// Beside is what a label with this text (or with the required mark, " *",
// after it) sits beside in its row: the object after it in its container,
// as in a form's grid or a row of a label and its widget. nil if none.
func Beside(o fyne.CanvasObject, label string) fyne.CanvasObject {
	var found fyne.CanvasObject
	Walk(o, func(x fyne.CanvasObject) {
		c, ok := x.(*fyne.Container)
		if !ok || found != nil {
			return
		}
		for i, obj := range c.Objects[:max(0, len(c.Objects)-1)] {
			if l, ok := obj.(*widget.Label); ok && (l.Text == label || l.Text == label+" *") {
				found = c.Objects[i+1]
				return
			}
		}
	})
	return found
}

// Labelled is the first T in the row of label (see Beside), or the zero T.
func Labelled[T fyne.CanvasObject](o fyne.CanvasObject, label string) T {
	var zero T
	row := Beside(o, label)
	if row == nil {
		return zero
	}
	return First[T](row, nil)
}

// Text is the first T under o whose text is one of texts (a button, a
// label, a check box), or the zero T.
func Text[T fyne.CanvasObject](o fyne.CanvasObject, texts ...string) T {
	return First(o, func(t T) bool {
		s := textOf(t)
		for _, x := range texts {
			if s == x {
				return true
			}
		}
		return false
	})
}

func textOf(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Button:
		return x.Text
	case *kit.FormButton:
		return x.Text
	case *widget.Label:
		return x.Text
	case *widget.Check:
		return x.Text
	case *kit.FormCheck:
		return x.Text
	case *widget.Hyperlink:
		return x.Text
	}
	return ""
}
