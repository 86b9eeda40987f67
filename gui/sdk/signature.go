package sdk

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// clipboardClearAfter is how long a copied JWT stays on the clipboard, as
// an access token does.
const clipboardClearAfter = 60 * time.Second

// Role choices, as the SDKs number them.
const (
	roleAttendee    = "Attendee (0)"
	roleParticipant = "Participant (0)"
	roleHost        = "Host (1)"
)

// signature is the Signature window of one signer: an OAuth client or a
// Meeting SDK credential (a Meeting SDK signature), or a Video SDK
// credential (a Video SDK token). The JWT it shows is a bearer
// credential: it is shown and copied, never logged or saved.
type signature struct {
	ctx   *view.Context
	win   fyne.Window
	keys  *kit.Keys
	name  string
	video bool

	meeting   *kit.FormEntry // the meeting number (Meeting SDK) or session name (Video SDK)
	role      *kit.FormSelect
	expires   *kit.FormEntry
	sign      *kit.FormButton
	copyJWT   *kit.FormButton
	problem   *widget.Label
	jwt       *widget.Entry
	claims    *widget.Label
	countdown *widget.Label

	sig    *access.Signature // the last signed, or nil
	copied string            // the JWT put on the clipboard, until cleared
	stop   *kit.StopSignal
	closed bool
}

// openSignature opens the Signature window of the signer name.
func openSignature(ctx *view.Context, name string, video bool, every bool) *signature {
	s := &signature{ctx: ctx, name: name, video: video, stop: kit.NewStopSignal()}
	title := "Meeting SDK signature — " + name
	if video {
		title = "Video SDK token — " + name
	}
	s.win = ctx.App.NewWindow(title)
	s.build()
	s.win.SetOnClosed(func() {
		s.closed = true
		s.stop.Stop()
		s.clearClipboard()
	})
	s.win.Resize(fyne.NewSize(720, 640))
	s.win.CenterOnScreen()
	s.win.Show()
	if every {
		kit.Every(s.stop.Done(), time.Second, func() { ctx.Jobs.Do(s.tick) })
	}
	return s
}

func (s *signature) close() {
	if !s.closed {
		s.win.Close()
	}
}

func (s *signature) build() {
	s.keys = kit.NewKeys(s.close, s.signNow)
	k := s.keys
	if s.video {
		s.meeting = k.Entry("the session name (tpc), at most 200 characters", false)
		s.role = k.Select([]string{roleParticipant, roleHost}, nil)
		s.role.SetSelected(roleParticipant)
	} else {
		s.meeting = k.Entry("e.g. 987 6543 2101; empty for the native SDKs", false)
		s.role = k.Select([]string{roleAttendee, roleHost}, nil)
		s.role.SetSelected(roleAttendee)
	}
	s.expires = k.Entry("30m to 48h", false)
	s.expires.SetText("2h")
	s.sign = k.Button("Sign", theme.ConfirmIcon(), s.signNow)
	s.sign.Importance = widget.HighImportance
	s.copyJWT = k.Button("Copy", theme.ContentCopyIcon(), s.copyNow)
	s.copyJWT.Disable()
	closeButton := k.Button("Close", theme.CancelIcon(), s.close)
	s.problem = kit.DangerLabel()
	s.jwt = widget.NewMultiLineEntry()
	s.jwt.Wrapping = fyne.TextWrapBreak
	s.jwt.SetMinRowsVisible(4)
	s.jwt.Disable() // shown to be selected and copied, not edited
	s.claims = widget.NewLabel("")
	s.claims.TextStyle = fyne.TextStyle{Monospace: true}
	s.claims.Selectable = true
	s.countdown = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	what, key := "Meeting number", "an OAuth client's Client ID and secret, or a Meeting SDK credential's SDK key and secret"
	if s.video {
		what, key = "Session name", "the Video SDK credential's SDK key and secret"
	}
	intro := kit.SmallText(fmt.Sprintf("Signed on this machine with %s: the secret never leaves the keyring. The JWT is a bearer credential: paste it only into the app that joins.", key))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(what, s.meeting),
		widget.NewFormItem("Role", s.role),
		widget.NewFormItem("Expires in", s.expires),
	)
	body := container.NewVBox(intro, form, s.problem, kit.HeaderLabel("JWT"), s.jwt, s.countdown, kit.HeaderLabel("Decoded claims"), s.claims)
	k.Layout(s.win, body, container.NewHBox(s.sign, s.copyJWT, closeButton))
}

// signNow signs with what the form says; limits are checked by the core
// before the secret is read, and a refusal names the range.
func (s *signature) signNow() {
	lifetime, err := time.ParseDuration(strings.TrimSpace(s.expires.Text))
	if err != nil {
		s.fail(fmt.Sprintf("Expires in: %q is not a duration such as 30m, 2h or 48h.", s.expires.Text))
		return
	}
	if lifetime == 0 {
		lifetime = time.Nanosecond // 0 is refused as 0 s, not read as the default
	}
	host := s.role.Selected == roleHost
	role := 0
	if host {
		role = 1
	}
	svc := s.ctx.Session.Service()
	var sign func() (*access.Signature, error)
	if s.video {
		in := access.VideoTokenInput{Session: s.meeting.Text, Role: role, Lifetime: lifetime}
		sign = func() (*access.Signature, error) { return svc.VideoToken(s.name, in) }
	} else {
		in := access.MeetingSignatureInput{Lifetime: lifetime}
		if text := strings.TrimSpace(s.meeting.Text); text != "" {
			n, err := access.ParseMeetingNumber(text)
			if err != nil {
				s.fail(view.ErrorText(err))
				return
			}
			in.MeetingNumber, in.Role = n, &role
		}
		sign = func() (*access.Signature, error) { return svc.MeetingSignature(s.name, in) }
	}
	s.sign.Disable()
	s.ctx.Jobs.Run(func() {
		sig, err := sign()
		s.ctx.Jobs.Do(func() {
			s.sign.Enable()
			if err != nil {
				s.fail(view.ErrorText(err))
				return
			}
			s.show(sig)
		})
	})
}

func (s *signature) fail(msg string) {
	kit.ShowMsg(s.problem, msg)
}

// show shows a signed JWT, its claims and its countdown.
func (s *signature) show(sig *access.Signature) {
	s.sig = sig
	s.problem.SetText("")
	s.problem.Hide()
	s.jwt.SetText(sig.JWT)
	raw, _ := json.MarshalIndent(sig.Claims, "", "  ")
	s.claims.SetText(string(raw))
	s.copyJWT.Enable()
	s.tick()
}

// tick redraws the countdown to expiry.
func (s *signature) tick() {
	if s.sig == nil || s.closed {
		return
	}
	left := s.sig.ExpiresAt.Sub(s.ctx.Session.Now())
	at := s.sig.ExpiresAt.Local().Format("15:04:05")
	if left <= 0 {
		s.countdown.SetText(fmt.Sprintf("Expired at %s: sign again.", at))
		s.countdown.Importance = widget.DangerImportance
	} else {
		s.countdown.SetText(fmt.Sprintf("Expires in %s (at %s).", left.Truncate(time.Second), at))
		s.countdown.Importance = widget.MediumImportance
	}
	s.countdown.Refresh()
}

// copyNow puts the JWT on the clipboard and takes it back after a minute,
// if it is still there.
func (s *signature) copyNow() {
	if s.sig == nil {
		return
	}
	jwt := s.sig.JWT
	s.ctx.App.Clipboard().SetContent(jwt)
	s.copied = jwt
	s.ctx.Status(fmt.Sprintf("JWT copied to the clipboard; it is cleared in %d s.", int(clipboardClearAfter.Seconds())))
	s.ctx.After(clipboardClearAfter, func() {
		if s.copied == jwt {
			s.clearClipboard()
		}
	})
}

// clearClipboard empties the clipboard if it still holds the copied JWT.
func (s *signature) clearClipboard() {
	if s.copied == "" {
		return
	}
	cb := s.ctx.App.Clipboard()
	if cb.Content() == s.copied {
		cb.SetContent("")
	}
	s.copied = ""
}

// signerIsVideo says whether name signs Video SDK tokens (a Video SDK
// credential); false for an OAuth client or a Meeting SDK credential.
func signerIsVideo(d *auth.Data, name string) (bool, error) {
	sg, err := d.Signer(name)
	if err != nil {
		return false, err
	}
	return sg.Credential != nil && sg.Credential.Type == auth.SDKVideo, nil
}
