package events

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// window is the Events window: the connection and Listen/Stop, the
// socket's state, the forward settings, the events and the selected
// event's JSON. Esc and Ctrl+W close it (and stop listening).
type window struct {
	ctx  *view.Context
	win  fyne.Window
	keys *kit.Keys

	connSelect               *kit.FormSelect
	listenButton, stopButton *kit.FormButton
	testButton               *kit.FormButton
	state                    *widget.Label // connecting, connected, reconnecting, stopped
	notice                   *widget.Label // the core's last notice, or a failure
	fwd                      *forwardPane
	log                      *eventLog
	detail                   *detailPane

	run    *run              // the listen running, or nil
	names  map[string]string // the choice's labels → connection or OAuth client names
	closed bool
}

// run is one Listen: its name and what stops it.
type run struct {
	name   string
	cancel context.CancelFunc
}

// The state line's sentences.
const (
	stateIdle         = "Not listening. Pick a connection and click Listen."
	stateConnecting   = "Connecting to the events socket…"
	stateReconnecting = "Reconnecting: events during the gap are lost (Zoom does not redeliver them)."
	stateStopped      = "Stopped listening."
)

// ctrlW closes the window, as in the API console.
var ctrlW = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}

// open opens the window on the named connection ("" for none).
func open(ctx *view.Context, name string) *window {
	w := &window{ctx: ctx, win: ctx.App.NewWindow("Events — " + view.AppName)}
	w.build()
	w.win.SetOnClosed(func() {
		w.closed = true
		w.stop()
	})
	w.win.Resize(fyne.NewSize(980, 680))
	w.win.CenterOnScreen()
	w.refreshConnections()
	w.selectConnection(name)
	w.win.Show()
	return w
}

func (w *window) close() { w.win.Close() }

func (w *window) build() {
	k := kit.NewKeys(w.close, func() {
		if !w.listenButton.Disabled() {
			w.listen()
		}
	})
	w.keys = k
	w.connSelect = k.Select(nil, func(string) { w.updateButtons() })
	w.connSelect.PlaceHolder = "(pick a connection or an OAuth client)"
	w.listenButton = k.Button("Listen", theme.MediaPlayIcon(), w.listen)
	w.listenButton.Importance = widget.HighImportance
	w.stopButton = k.Button("Stop", theme.MediaStopIcon(), w.stop)
	w.testButton = k.Button("Send test event…", theme.MailSendIcon(), func() { w.showTrigger() })
	w.state = widget.NewLabelWithStyle(stateIdle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.state.Wrapping = fyne.TextWrapWord
	w.notice = kit.SmallText("")
	w.notice.Hide()
	w.fwd = newForwardPane(k)
	w.detail = newDetailPane(k, w.ctx)
	w.log = newEventLog(maxEvents, w.detail.show)
	w.win.SetContent(w.layout())
	cv := w.win.Canvas()
	cv.AddShortcut(ctrlW, func(fyne.Shortcut) { w.close() })
	cv.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if m := w.ctx.Dialogs.TopOn(w.win); m != nil {
			m.TypedKey(ev.Name) // Esc and Return for the dialog
			return
		}
		if ev.Name == fyne.KeyEscape {
			w.close()
		}
	})
	w.updateButtons()
}

func (w *window) layout() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Connection", w.connSelect),
		widget.NewFormItem("Forward to", w.fwd.url),
		widget.NewFormItem("", w.fwd.allowRemote),
	)
	buttons := container.NewHBox(w.listenButton, w.stopButton, w.testButton)
	head := container.NewVBox(form, buttons, widget.NewSeparator(), w.state, w.notice, w.fwd.totals, w.log.droppedLine)
	list := container.NewBorder(kit.HeaderLabel("Events (newest at the bottom)"), nil, nil, nil, w.log.list)
	split := container.NewHSplit(list, w.detail.content())
	split.Offset = 0.55
	return container.NewPadded(container.NewBorder(head, nil, nil, nil, split))
}

// refreshConnections offers the connections in the file as it is now; a
// listen whose connection is gone stops.
func (w *window) refreshConnections() {
	labels, names := targets(w.ctx)
	w.names = names
	w.connSelect.SetOptions(labels)
	if sel := w.connSelect.Selected; sel != "" && !slices.Contains(labels, sel) {
		w.stop()
		w.connSelect.ClearSelected()
	}
	w.updateButtons()
}

// selectConnection picks the named connection or OAuth client, if it
// exists.
func (w *window) selectConnection(name string) {
	for _, l := range []string{name, name + clientSuffix} {
		if w.names[l] == name && name != "" {
			w.connSelect.SetSelected(l)
			break
		}
	}
	w.updateButtons()
}

// picked is the name of the picked connection or OAuth client, or "".
func (w *window) picked() string { return w.names[w.connSelect.Selected] }

// updateButtons enables what fits: Listen needs a connection and no
// listen running; the connection and the forward settings are fixed while
// one runs.
func (w *window) updateButtons() {
	picked := w.connSelect.Selected != ""
	running := w.run != nil
	kit.Enable(picked && !running, &w.listenButton.Button)
	kit.Enable(running, &w.stopButton.Button)
	kit.Enable(picked, &w.testButton.Button)
	if running {
		w.connSelect.Disable()
	} else {
		w.connSelect.Enable()
	}
	w.fwd.setEditable(!running)
}

// setState says how the socket is doing.
func (w *window) setState(s string) { w.state.SetText(s) }

// say shows the core's last notice (cleaned: a notice can quote a server)
// or a failure ("" hides it).
func (w *window) say(s string, danger bool) {
	w.notice.Importance = widget.MediumImportance
	if danger {
		w.notice.Importance = widget.DangerImportance
	}
	kit.ShowMsg(w.notice, s)
	kit.SetVisible(w.notice, s != "")
}

// listen starts listening on the picked connection with the core's
// workflow, forwarding if a handler is given. Everything the core hears
// comes back through Jobs.Do, and only while this run is the window's.
func (w *window) listen() {
	name := w.picked()
	if name == "" || w.run != nil {
		return
	}
	svc := w.ctx.Session.Service()
	cctx, cancel := context.WithCancel(context.Background())
	r := &run{name: name, cancel: cancel}
	w.run = r
	w.log.startRun()
	do := func(f func()) {
		w.ctx.Jobs.Do(func() {
			if w.run == r {
				f()
			}
		})
	}
	opts := access.ListenOptions{
		OnConnect: func(host string) {
			do(func() {
				w.setState(fmt.Sprintf("Connected to %s: listening for the events of %q.", safetext.Clean(host, safetext.MaxURL), name))
			})
		},
		OnDrop:   func() { do(func() { w.setState(stateReconnecting) }) },
		OnNotice: func(msg string) { do(func() { w.say(safetext.Clean(msg, safetext.MaxServer), false) }) },
		OnEvent: func(raw []byte) {
			raw = slices.Clone(raw)
			do(func() { w.log.add(raw, w.ctx.Session.Now()) })
		},
	}
	if to := w.fwd.target(); to != "" {
		w.fwd.reset()
		opts.Forward = &access.ForwardOptions{
			Delivery: access.Delivery{To: to, AllowRemote: w.fwd.allowRemote.Checked},
			OnTry: func(fr access.ForwardResult) {
				do(func() {
					at := w.ctx.Session.Now()
					w.fwd.count(fr)
					w.log.forwarded(fr.Seq, forwardShort(fr), forwardText(fr, at), forwardFailed(fr))
				})
			},
		}
	}
	w.say("", false)
	w.setState(stateConnecting)
	w.updateButtons()
	w.ctx.Jobs.Run(func() {
		err := svc.Listen(cctx, name, opts)
		w.ctx.Jobs.Do(func() { w.ended(r, err) })
	})
}

// ended shows how a run ended: stopped, or why it could not go on.
func (w *window) ended(r *run, err error) {
	if w.run == r {
		w.run = nil
	}
	r.cancel()
	if w.closed {
		return
	}
	if err != nil {
		w.setState("Not listening.")
		w.say(view.ErrorText(err), true)
	}
	w.updateButtons()
}

// stop stops listening: the core closes the socket with a normal closure.
func (w *window) stop() {
	r := w.run
	if r == nil {
		return
	}
	w.run = nil
	r.cancel()
	if !w.closed {
		w.setState(stateStopped)
		w.updateButtons()
	}
}
