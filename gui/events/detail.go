package events

import (
	"bytes"
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// maxShownJSON bounds the JSON the detail pane shows (events are small;
// a socket could send anything). Copy JSON copies all of it.
const maxShownJSON = 256 << 10

// detailPane shows the selected event's JSON, indented, with what a
// terminal or a bidi renderer would act on made visible (untrusted text),
// and copies it.
type detailPane struct {
	fwd      *widget.Label // what its forward did, in a sentence
	text     *widget.Label
	scroll   *container.Scroll
	copyJSON *kit.FormButton
	full     string // the indented JSON, as Zoom sent its strings
	shown    key    // the entry shown
	ctx      *view.Context
}

func newDetailPane(k *kit.Keys, ctx *view.Context) *detailPane {
	p := &detailPane{ctx: ctx}
	p.fwd = widget.NewLabel("")
	p.fwd.Wrapping = fyne.TextWrapWord
	p.fwd.Hide()
	p.text = widget.NewLabelWithStyle("Select an event to see its JSON.", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	p.text.Selectable = true
	p.scroll = container.NewScroll(p.text)
	p.copyJSON = k.Button("Copy JSON", theme.ContentCopyIcon(), func() {
		if p.full != "" {
			p.ctx.Copy(p.full, "The event's JSON")
		}
	})
	p.copyJSON.Disable()
	return p
}

func (p *detailPane) content() fyne.CanvasObject {
	head := container.NewBorder(nil, nil, nil, p.copyJSON, kit.HeaderLabel("Selected event"))
	return container.NewBorder(container.NewVBox(head, p.fwd), nil, nil, nil, p.scroll)
}

// show shows the entry's event, as Zoom sent it, and what its forward
// did; an entry shown already only gets its forward again.
func (p *detailPane) show(e entry) {
	if e.key != p.shown {
		p.shown = e.key
		p.full, p.text.Text = shownJSON(e.raw)
		p.text.Refresh()
		p.scroll.ScrollToTop()
		p.copyJSON.Enable()
	}
	p.fwd.Importance = widget.MediumImportance
	if e.fwdFail {
		p.fwd.Importance = widget.DangerImportance
	}
	kit.ShowMsg(p.fwd, e.fwdFull)
	kit.SetVisible(p.fwd, e.fwdFull != "")
}

// shownJSON is raw indented if it is JSON (as is otherwise, valid UTF-8),
// and that made safe to show: control, format and bidi characters inside
// strings escaped as JSON escapes them ("\u001b"), elsewhere made visible,
// cut at maxShownJSON.
func shownJSON(raw []byte) (full, shown string) {
	var b bytes.Buffer
	isJSON := json.Indent(&b, raw, "", "  ") == nil
	if isJSON {
		full = b.String()
	} else {
		full = string(raw)
	}
	full = strings.ToValidUTF8(full, "\uFFFD")
	cut := full
	if len(cut) > maxShownJSON {
		cut = strings.ToValidUTF8(cut[:maxShownJSON], "")
	}
	if isJSON && len(cut) == len(full) {
		shown = string(safetext.JSONForTerminal([]byte(cut)))
	} else {
		shown = safetext.Terminal(cut)
	}
	if len(cut) < len(full) {
		shown += "\n… (cut at 256 KiB; Copy JSON copies all of it)"
	}
	return full, shown
}
