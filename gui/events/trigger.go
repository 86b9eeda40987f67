package events

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// urlValidationOption is how the trigger dialog offers the URL
// validation check among the samples.
const urlValidationOption = access.URLValidationEvent + " (URL validation check)"

// trigger is the Send test event dialog: a bundled sample, or the URL
// validation check, sent to a handler signed with the connection's app's
// Secret Token (the core of `zoomconn events trigger`), and what Zoom
// would make of the handler's answer.
type trigger struct {
	modal  *kit.Modal
	event  *widget.Select
	to     *kit.FormEntry
	remote *widget.Check
	result *widget.Label
	send   *widget.Button
	sends  int // counts the sends, so a late result is dropped
}

// showTrigger opens the Send test event dialog for the picked connection.
func (w *window) showTrigger() *trigger {
	name := w.picked()
	if name == "" {
		return nil
	}
	t := &trigger{}
	t.event = widget.NewSelect(append(access.EventNames(), urlValidationOption), nil)
	t.event.SetSelected(access.EventNames()[0])
	t.to = kit.NewEntry("http://127.0.0.1:8080/webhook")
	t.to.SetText(w.fwd.target())
	t.remote = widget.NewCheck("Allow a handler off this machine", nil)
	t.remote.SetChecked(w.fwd.allowRemote.Checked)
	t.result = widget.NewLabel("")
	t.result.Wrapping = fyne.TextWrapWord
	t.result.Hide()
	form := widget.NewForm(widget.NewFormItem("Event", t.event), widget.NewFormItem("Handler URL", t.to), widget.NewFormItem("", t.remote))
	text := fmt.Sprintf("Sends one event to your handler as Zoom would: its exact bytes, signed with the Secret Token of %q. The URL validation check asks the handler to prove it holds the Secret Token.", name)
	t.modal = w.ctx.Dialogs.ShowOn(w.win, "Send test event", text, container.NewVBox(form, t.result),
		kit.Action{Label: "Close"},
		kit.Action{Label: "Send", Importance: widget.HighImportance, KeepOpen: true, Fn: func() { w.sendTest(t, name) }})
	t.send = t.modal.Button("Send")
	t.modal.Resize(fyne.NewSize(620, 420))
	w.win.Canvas().Focus(t.to)
	return t
}

// sendTest sends what the dialog says, off the UI goroutine, and shows
// the result sentence.
func (w *window) sendTest(t *trigger, name string) {
	svc := w.ctx.Session.Service()
	d := access.Delivery{To: strings.TrimSpace(t.to.Text), AllowRemote: t.remote.Checked}
	ev := t.event.Selected
	t.sends++
	n := t.sends
	t.send.Disable()
	t.showResult("Sending…", false)
	w.ctx.Jobs.Run(func() {
		var res access.DeliveryResult
		var err error
		if ev == urlValidationOption {
			res, err = svc.CheckURLValidation(context.Background(), name, d)
		} else {
			res, err = svc.TriggerEvent(context.Background(), name, access.EventInput{Event: ev}, d)
		}
		text, bad := triggerSentence(ev == urlValidationOption, res, err)
		w.ctx.Jobs.Do(func() {
			if t.sends == n {
				t.send.Enable()
				t.showResult(text, bad)
			}
		})
	})
}

func (t *trigger) showResult(text string, bad bool) {
	t.result.Importance = widget.SuccessImportance
	if bad {
		t.result.Importance = widget.DangerImportance
	}
	t.result.SetText(text)
	t.result.Show()
}

// triggerSentence says what a test send did, as events trigger does: the
// handler's status and time, and whether Zoom would accept it; bad when
// it would not, or nothing was sent.
func triggerSentence(validation bool, res access.DeliveryResult, err error) (string, bool) {
	var ans *access.HandlerURLError
	if err != nil && (res.Status == 0 || errors.As(err, &ans)) {
		return view.ErrorText(err), true
	}
	event := res.Event
	if validation {
		event = access.URLValidationEvent
	}
	head := fmt.Sprintf("%s: %d in %s.", event, res.Status, took(res.Elapsed))
	answer := ""
	if res.Answer != "" {
		answer = " The handler answered: " + res.Answer
	}
	switch {
	case err != nil: // the URL validation check: what Zoom would refuse
		return head + " " + view.ErrorText(err) + answer, true
	case validation:
		return head + " Zoom would accept the handler's answer.", false
	case res.TooSlow:
		return head + fmt.Sprintf(" Zoom would count this delivery as failed (it took %s; Zoom waits 3 s) and retry it in 5, 20 and 60 minutes.", took(res.Elapsed)) + answer, true
	case res.Failed:
		return head + fmt.Sprintf(" Zoom would count this delivery as failed (it answered %d; Zoom needs 200 or 204) and retry it in 5, 20 and 60 minutes.", res.Status) + answer, true
	}
	return head + " Zoom would count it delivered.", false
}
