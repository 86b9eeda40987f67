package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/internal/safetext"
)

// details is the pane under the connection list: what the selected
// connection is, where it stands, and what to do next.
type details struct {
	sess  *session
	Label *widget.Label
}

func newDetails(sess *session) *details {
	d := &details{sess: sess, Label: widget.NewLabel("")}
	d.Label.Wrapping = fyne.TextWrapWord
	d.Label.Selectable = true
	return d
}

// show describes c (ok: a connection is selected).
func (d *details) show(c auth.Connection, ok bool) { d.Label.SetText(d.text(c, ok)) }

func (d *details) text(c auth.Connection, ok bool) string {
	data := d.sess.data
	if !ok {
		if len(data.Connections) == 0 {
			return ""
		}
		return "Select a connection to see its details and act on it."
	}
	var b strings.Builder
	switch c.Type {
	case auth.AuthS2S:
		fmt.Fprintf(&b, "%s · Custom (Server-to-Server OAuth) · Account ID %s · Client ID %s", c.Name, c.AccountID, c.ClientID)
	case auth.AuthOAuth:
		name := "(missing OAuth client)"
		if cl, ok := data.ClientByID(c.OAuthClientID); ok {
			name = cl.Name
		}
		fmt.Fprintf(&b, "%s · OAuth 2.0 through %q", c.Name, name)
	}
	fmt.Fprintf(&b, " · %s endpoints (%s)\n", c.Endpoints.Preset.Label(), c.Endpoints.TokenURL)
	if c.Type == auth.AuthOAuth {
		if cl, ok := data.ClientByID(c.OAuthClientID); ok && secretNeeded(*cl) {
			fmt.Fprintf(&b, "Its OAuth client %q needs its secret: edit the client and enter the client secret again.\n", cl.Name)
		}
	}
	switch {
	case c.Type == auth.AuthOAuth && c.NeedsAuth:
		b.WriteString("Needs authorization: click Authorize and allow the app in your browser.")
	case c.LastTest == nil:
		b.WriteString("Never tested: click Test to check it against Zoom.")
	default:
		state := "OK"
		if !c.LastTest.OK {
			state = "Failing"
		}
		fmt.Fprintf(&b, "%s at the last test (%s): %s", state, c.LastTest.At.Local().Format("2 Jan 15:04"), safetext.Clean(c.LastTest.Message, safetext.MaxShown))
	}
	if d.sess.onFile() {
		fmt.Fprintf(&b, "\nIts secrets are in the encrypted file %s", d.sess.secretsPath())
		if d.sess.fileStore == nil {
			b.WriteString(", locked until you enter its passphrase")
		}
		b.WriteString(".")
	}
	return b.String()
}
