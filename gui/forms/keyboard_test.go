package forms

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Issue 12, keyboard: every action of the forms is reachable with the
// keyboard, in the order the form shows them; Esc cancels and Enter saves
// wherever the focus is; and a connection goes from New to Save to Test
// with the keyboard alone.

// press sends a key to whatever the canvas has focused, as the driver does.
func press(t *testing.T, c fyne.Canvas, key fyne.KeyName) {
	t.Helper()
	f := c.Focused()
	if f == nil {
		t.Fatalf("nothing has the focus for %s", key)
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

// focusChain is every widget the Tab key visits in c, from the first.
func focusChain(t *testing.T, c fyne.Canvas) []fyne.Focusable {
	t.Helper()
	c.Unfocus()
	var chain []fyne.Focusable
	for range 100 {
		test.FocusNext(c)
		f := c.Focused()
		switch {
		case f == nil:
			t.Fatal("Tab focuses nothing")
		case len(chain) > 0 && f == chain[0]:
			return chain
		}
		chain = append(chain, f)
	}
	t.Fatal("Tab never comes back to the first widget")
	return nil
}

// checkTabOrder walks the Tab chain of a form window: it visits the body
// top to bottom, left to right within a row, then the buttons at the
// bottom; and each widget it reaches in the body is scrolled into view.
func checkTabOrder(t *testing.T, w fyne.Window, s *container.Scroll) int {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	inBody := map[fyne.CanvasObject]bool{}
	for _, o := range test.LaidOutObjects(s.Content) {
		inBody[o] = true
	}
	type place struct {
		what string
		pos  fyne.Position // in the body's coordinates for the body
		body bool
	}
	var prev *place
	chain := focusChain(t, w.Canvas())
	for _, f := range chain {
		w.Canvas().Focus(f)
		o := f.(fyne.CanvasObject)
		abs := d.AbsolutePositionForObject(o)
		p := place{what: fmt.Sprintf("%T %v", f, textOf(f)), pos: abs, body: inBody[o]}
		if p.body {
			top := d.AbsolutePositionForObject(s).Y
			if abs.Y < top-0.5 || abs.Y+o.Size().Height > top+s.Size().Height+0.5 {
				t.Errorf("%s has the focus but is scrolled out of view", p.what)
			}
			p.pos = abs.Add(s.Offset)
		}
		if prev != nil {
			const row = 12 // widgets of one row sit within this of each other
			switch {
			case prev.body && !p.body: // from the body to the buttons
			case !prev.body && p.body:
				t.Errorf("Tab goes from the buttons (%s) back into the form (%s)", prev.what, p.what)
			case p.pos.Y > prev.pos.Y+row:
			case p.pos.Y >= prev.pos.Y-row && p.pos.X > prev.pos.X:
			default:
				t.Errorf("Tab goes from %s at %v to %s at %v, against the reading order", prev.what, prev.pos, p.what, p.pos)
			}
		}
		prev = &p
	}
	return len(chain)
}

func textOf(f fyne.Focusable) string {
	switch x := f.(type) {
	case *kit.FormEntry:
		return x.PlaceHolder
	case *kit.FormButton:
		return x.Text
	case *kit.Choice:
		return fmt.Sprint(x.Options)
	case *kit.FormSelect:
		return fmt.Sprint(x.Options)
	case *kit.FormCheck:
		return x.Text
	}
	return ""
}

func TestFormTabOrderFollowsTheLayout(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })

	f := e.u.NewConnection()
	f.viewChoice.SetSelected(viewHTTP)
	f.preset.SetSelected(view.PresetCustomL)
	// View, guide, name, auth type, 3 credentials, preset, 3 URLs (no
	// Authorize URL: a Server-to-Server connection never opens one), the
	// events URL, the Events settings check and 3 buttons.
	if n := checkTabOrder(t, f.win, f.keys.Scroll()); n != 16 {
		t.Errorf("the Server-to-Server form has %d Tab stops; want 16", n)
	}
	// Ticked, it shows the Secret Token and the subscription ID.
	f.events.toggle.SetChecked(true)
	if n := checkTabOrder(t, f.win, f.keys.Scroll()); n != 18 {
		t.Errorf("the Server-to-Server form with its events settings has %d Tab stops; want 18", n)
	}
	f.cancel()

	f = e.u.EditConnection("My meetings")
	// + the client's select, +, pencil; the preset is read-only (disabled),
	// the URLs read-only with Copy.
	checkTabOrder(t, f.win, f.keys.Scroll())
	f.cancel()

	cf := e.u.EditClient("Team app", nil)
	checkTabOrder(t, cf.win, cf.keys.Scroll())
	cf.cancel()
}

func TestEscCancelsFromEveryWidgetOfAForm(t *testing.T) {
	e := newEnv(t, nil)
	open := func() *connectionForm {
		f := e.u.NewConnection()
		f.viewChoice.SetSelected(viewHTTP) // Zoom's URLs: read-only, with Copy
		typeInto(f.win, f.clientSecret, "typed-secret")
		return f
	}
	n := len(focusChain(t, open().win.Canvas()))
	for i := range n {
		f := open()
		c := f.win.Canvas()
		c.Unfocus()
		for range i + 1 {
			test.FocusNext(c)
		}
		what := fmt.Sprintf("%T %v", c.Focused(), textOf(c.Focused()))
		press(t, c, fyne.KeyEscape)
		// A secret was typed: the form asks first (issue 19).
		e.answer(f.win, discardLabel)
		if windowOpen(e.app, f.win) {
			t.Errorf("Esc on %s did not close the form", what)
			f.cancel()
		}
		if f.clientSecret.Text != "" {
			t.Errorf("Esc on %s left the typed secret in the form", what)
		}
	}
	if len(e.data().Connections) != 0 {
		t.Error("Esc saved something")
	}
	cf := e.u.NewClient(nil)
	cf.win.Canvas().Focus(cf.public)
	press(t, cf.win.Canvas(), fyne.KeyEscape)
	if windowOpen(e.app, cf.win) {
		t.Error("Esc on the Public client box did not close the OAuth client form")
	}
}

func TestEnterSavesFromAnyFieldAndPressesAFocusedButton(t *testing.T) {
	e := newEnv(t, nil)
	for i, focus := range []func(f *connectionForm) fyne.Focusable{
		func(f *connectionForm) fyne.Focusable { return f.authTypeChoice },
		func(f *connectionForm) fyne.Focusable { return f.viewChoice },
		func(f *connectionForm) fyne.Focusable { return f.preset },
		func(f *connectionForm) fyne.Focusable { return f.tokenURL }, // read-only
		func(f *connectionForm) fyne.Focusable { return f.clientSecret },
	} {
		f := e.u.NewConnection()
		f.viewChoice.SetSelected(viewHTTP)
		name := fmt.Sprintf("Keyed %d", i)
		fillS2S(f, name)
		target := focus(f)
		f.win.Canvas().Focus(target)
		press(t, f.win.Canvas(), fyne.KeyReturn)
		e.waitJobs()
		if _, ok := e.data().Connection(name); !ok || windowOpen(e.app, f.win) {
			t.Errorf("Enter on %T did not save the form", target)
		}
	}

	// On a button, Enter presses that button: Cancel cancels.
	f := e.u.NewConnection()
	fillS2S(f, "Not saved")
	f.win.Canvas().Focus(f.cancelButton)
	press(t, f.win.Canvas(), fyne.KeyReturn)
	e.waitJobs()
	e.answer(f.win, discardLabel) // it was filled in: Cancel asks (issue 19)
	if windowOpen(e.app, f.win) {
		t.Error("Enter on Cancel did not close the form")
	}
	if _, ok := e.data().Connection("Not saved"); ok {
		t.Error("Enter on Cancel saved the form")
	}
}

func TestChoiceIsOneTabStopMovedByArrows(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	c := f.win.Canvas()
	c.Focus(f.authTypeChoice)
	press(t, c, fyne.KeyRight)
	if f.authTypeChoice.Selected != view.AuthTypeLabel(auth.AuthOAuth) || f.saveAnd.Text != "Save & authorize" {
		t.Errorf("Right chose %q (second button %q)", f.authTypeChoice.Selected, f.saveAnd.Text)
	}
	press(t, c, fyne.KeyRight) // wraps around
	if f.authTypeChoice.Selected != view.AuthTypeLabel(auth.AuthS2S) {
		t.Errorf("Right again chose %q", f.authTypeChoice.Selected)
	}
	press(t, c, fyne.KeyUp)
	if f.authTypeChoice.Selected != view.AuthTypeLabel(auth.AuthOAuth) {
		t.Errorf("Up chose %q", f.authTypeChoice.Selected)
	}
	test.FocusNext(c)
	if c.Focused() == f.authTypeChoice {
		t.Error("the auth type keeps the focus after Tab")
	}
	// A click picks an option and takes the focus, as a radio button does.
	tapOption(c, f.viewChoice, viewHTTP)
	if f.viewChoice.Selected != viewHTTP || c.Focused() != f.viewChoice {
		t.Errorf("clicking HTTP: view %q, focused %T", f.viewChoice.Selected, c.Focused())
	}
}

// tapOption clicks the option of choice labelled text, where a user would.
func tapOption(c fyne.Canvas, choice *kit.Choice, text string) {
	for _, o := range test.LaidOutObjects(choice) {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			test.TapCanvas(c, fyne.CurrentApp().Driver().AbsolutePositionForObject(l).Add(fyne.NewPos(l.Size().Width/2, l.Size().Height/2)))
			return
		}
	}
	panic("no option " + text)
}
