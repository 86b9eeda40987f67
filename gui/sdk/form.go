package sdk

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Type choices of a new SDK credential.
const (
	typeVideo   = "Video SDK (a Video SDK account's key)"
	typeMeeting = "Meeting SDK (a legacy app's SDK key)"
)

// form is the SDK credential form: name, type (fixed once saved), SDK key
// and the SDK secret, masked, stored only on Save and never shown again.
type form struct {
	ctx    *view.Context
	win    fyne.Window
	old    *auth.SDKCredential // nil for a new one
	name   *kit.FormEntry
	typ    *kit.FormSelect
	key    *kit.FormEntry
	secret *kit.FormEntry
	save   *kit.FormButton
	msgs   map[string]*widget.Label // each field's problem
	other  *widget.Label            // a problem of no field
	closed bool
}

// openForm opens the form for old, or for a new SDK credential (nil).
func openForm(ctx *view.Context, old *auth.SDKCredential) *form {
	f := &form{ctx: ctx, old: old, msgs: map[string]*widget.Label{}}
	title := "New SDK credential"
	if old != nil {
		title = "Edit SDK credential — " + old.Name
	}
	f.win = ctx.App.NewWindow(title)
	k := kit.NewKeys(f.close, f.submit)
	f.name = k.Entry("e.g. Video prod", false)
	f.typ = k.Select([]string{typeVideo, typeMeeting}, nil)
	f.key = k.Entry("the SDK key (public)", false)
	f.secret = k.Entry("the SDK secret", true)
	if old != nil {
		f.name.SetText(old.Name)
		f.key.SetText(old.SDKKey)
		f.typ.SetSelected(map[auth.SDKType]string{auth.SDKVideo: typeVideo, auth.SDKMeeting: typeMeeting}[old.Type])
		f.typ.Disable()
		f.secret.PlaceHolder = "stored; type a new one to replace it (needed with a new SDK key)"
	}
	f.save = k.Button("Save", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	cancel := k.Button("Cancel", theme.CancelIcon(), f.close)
	f.other = kit.DangerLabel()
	items := []*widget.FormItem{}
	for _, it := range []struct {
		field string
		w     fyne.CanvasObject
	}{{auth.FieldSDKName, f.name}, {auth.FieldSDKType, f.typ}, {auth.FieldSDKKey, f.key}, {auth.FieldSDKSecret, f.secret}} {
		msg := kit.DangerLabel()
		f.msgs[it.field] = msg
		items = append(items, widget.NewFormItem(it.field, container.NewVBox(it.w, msg)))
	}
	guide := kit.SmallText(Guide)
	guide.Wrapping = fyne.TextWrapWord
	k.Layout(f.win, container.NewVBox(widget.NewForm(items...), f.other, guide), container.NewHBox(f.save, cancel))
	f.win.SetOnClosed(func() { f.closed = true })
	f.win.Resize(fyne.NewSize(640, 560))
	f.win.CenterOnScreen()
	f.win.Show()
	return f
}

func (f *form) close() {
	if !f.closed {
		f.win.Close()
	}
}

// input is what the form says.
func (f *form) input() auth.SDKInput {
	in := auth.SDKInput{Name: f.name.Text, SDKKey: f.key.Text, Secret: f.secret.Text}
	if f.old != nil {
		in.ID = f.old.ID
	}
	switch f.typ.Selected {
	case typeVideo:
		in.Type = auth.SDKVideo
	case typeMeeting:
		in.Type = auth.SDKMeeting
	}
	return in
}

// submit saves through the store, which checks everything (names unique
// across connections, OAuth clients and SDK credentials); a refusal is
// shown beside its field and changes nothing.
func (f *form) submit() {
	for _, l := range f.msgs {
		l.Hide()
	}
	f.other.Hide()
	in := f.input()
	f.save.Disable()
	ctx := f.ctx
	ctx.Jobs.Run(func() {
		res, err := ctx.Session.Store().SaveSDK(in)
		ctx.Jobs.Do(func() {
			f.save.Enable()
			if err != nil {
				f.fail(err)
				return
			}
			f.secret.SetText("")
			ctx.Status(fmt.Sprintf("Saved the %s credential %q.", res.Credential.Type.Label(), res.Credential.Name))
			ctx.Reload()
			f.close()
		})
	})
}

func (f *form) fail(err error) {
	var ve *auth.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Fields {
			if l, ok := f.msgs[fe.Field]; ok {
				kit.ShowMsg(l, fe.Message)
				continue
			}
			kit.ShowMsg(f.other, fe.Message)
		}
		return
	}
	kit.ShowMsg(f.other, view.ErrorText(err))
}
