//go:build shots

package shots

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui"
	"zoomconn/gui/guitest"
	"zoomconn/gui/kit"
)

// sdkSigner is the seeded OAuth client the Signature window signs with.
const sdkSigner = "Team meetings app"

// sdkShots are the SDK room's screenshots: a Meeting SDK signature signed
// with an OAuth client (the JWT, its claims and the countdown), and the
// SDK credentials window with two stored credentials, and the set-up
// guide's SDK tab; then the main window with its SDK section (a
// credential selected) and, in the details of the connection the agent
// shots used, its last AI agent calls.
func (d *driver) sdkShots(u *gui.Driver) []step {
	return []step{
		{"31-sdk-signature.png", func(name string) error {
			var w fyne.Window
			d.ui(func() {
				w = u.OpenSignature(sdkSigner)
				if w == nil {
					return
				}
				// A form's labels are drawn by the form itself: find the
				// meeting number by its placeholder, the role as the one
				// drop-down.
				if e := guitest.First(w.Content(), func(e *kit.FormEntry) bool { return strings.HasPrefix(e.PlaceHolder, "e.g. 987") }); e != nil {
					e.SetText("987 6543 2101")
				}
				if r := guitest.First[*kit.FormSelect](w.Content(), nil); r != nil {
					r.SetSelected("Host (1)")
				}
				if b := guitest.Text[*kit.FormButton](w.Content(), "Sign"); b != nil {
					b.OnTapped()
				}
			})
			if err := d.until("a signed JWT", func() bool {
				if w == nil {
					return false
				}
				e := guitest.First[*widget.Entry](w.Content(), nil)
				return e != nil && e.Text != ""
			}); err != nil {
				return err
			}
			err := d.capture(w, name)
			d.ui(w.Close)
			return err
		}},
		{"33-setup-guide-sdk.png", func(name string) error {
			var w fyne.Window
			d.ui(func() {
				w = u.ShowGuide(auth.AuthOAuth)
				if tabs := guitest.First[*container.AppTabs](w.Content(), nil); tabs != nil {
					tabs.SelectIndex(len(tabs.Items) - 1)
				}
			})
			err := d.capture(w, name)
			d.ui(w.Close)
			return err
		}},
		{"32-sdk-credentials.png", func(name string) error {
			st := d.sc.svc.Store
			have, err := st.Load()
			if err != nil {
				return err
			}
			for _, in := range []auth.SDKInput{
				{Name: "Video SDK (prod)", Type: auth.SDKVideo, SDKKey: "vYz9kQ2mT4xR8nB1", Secret: "shots-video-secret"},
				{Name: "Legacy kiosk app", Type: auth.SDKMeeting, SDKKey: "lEg4cYk3y7Hn2Pq5", Secret: "shots-meeting-secret"},
			} {
				if _, ok := have.SDKCredential(in.Name); ok {
					continue
				}
				if _, err := st.SaveSDK(in); err != nil {
					return err
				}
			}
			var w fyne.Window
			d.ui(func() {
				w = u.OpenSDKCredentials()
				if l := guitest.First[*widget.List](w.Content(), nil); l != nil {
					l.Select(0)
				}
			})
			err = d.capture(w, name)
			d.ui(w.Close)
			return err
		}},
		{"34-main-window-sdk-agent-calls.png", func(name string) error {
			d.ui(func() {
				u.SelectConnection(agentConnection)
				u.SelectSDK("Video SDK (prod)")
			})
			if err := d.until("the agent calls in the details", u.AgentCallsShown); err != nil {
				return err
			}
			// Taller than the default, which leaves the connections a
			// row or two with all three lists and the agent calls.
			var size fyne.Size
			d.ui(func() {
				size = u.Window().Canvas().Size()
				u.Window().Resize(fyne.NewSize(size.Width, size.Height+200))
			})
			err := d.capture(u.Window(), name)
			d.ui(func() { u.Window().Resize(size) })
			return err
		}},
	}
}
