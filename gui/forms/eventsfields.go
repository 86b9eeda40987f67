package forms

// The app's events settings on the Server-to-Server connection form and
// the OAuth client form: its Secret Token (masked, optional, never shown
// or filled in: "stored" is all the form says of one) and its WebSocket
// subscription ID (for the Events window's Listen).

import (
	"errors"
	"fmt"
	"strings"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Words of the events fields.
const (
	labelSecretToken       = "Secret Token"
	labelSubscription      = "Subscription ID"
	labelToggle            = "Events settings"
	placeholderToken       = "Secret Token (optional)"
	placeholderSubscript   = "WebSocket subscription ID (optional)"
	helpSecretTokenNew     = "Optional, for webhook events: Features → Access → Secret Token (or Event Subscriptions) of your app in the Zoom App Marketplace. It signs and checks events on this machine only, goes straight into the system keyring and is never shown."
	helpSecretTokenStored  = "Stored in the system keyring and never shown. Leave this empty to keep it, or type a new Secret Token to replace it."
	helpSubscription       = "Optional, for Events › Listen: Features → Event Subscriptions → your WebSocket subscription, its subscription ID."
	helpSubscriptionClient = "Optional, for Events › Listen through this client's connections: Features → Event Subscriptions → your WebSocket subscription, its subscription ID."
)

// eventsFields are a form's Secret Token and subscription ID entries,
// shown once the Events settings check (in the form's button bar) is
// ticked, as it is for an item that has either: optional, they would
// lengthen every form past its window.
type eventsFields struct {
	toggle    *kit.FormCheck
	token     *kit.FormEntry // masked; never filled in
	sub       *kit.FormEntry
	tokenFl   *field
	subFl     *field
	shown     bool   // the form shows the events settings at all
	stored    bool   // the item as opened or last saved has a Secret Token
	storedSub string // its subscription ID then
	tokenHelp func(stored bool) string
}

// newEventsFields makes the two rows in ff; where adapts a help text to
// where secrets go, clientHelp picks the OAuth client's words.
func newEventsFields(k *kit.Keys, ff *formFields, where func(string) string, clientHelp bool) *eventsFields {
	e := &eventsFields{token: k.Entry(placeholderToken, true), sub: k.Entry(placeholderSubscript, false), shown: true}
	e.toggle = k.Check(labelToggle, func(bool) { e.show(e.shown) })
	e.tokenFl = ff.add(auth.FieldSecretToken, labelSecretToken, where(helpSecretTokenNew), e.token)
	help := helpSubscription
	if clientHelp {
		help = helpSubscriptionClient
	}
	e.subFl = ff.add(auth.FieldEventsSubscription, labelSubscription, help, e.sub)
	e.tokenHelp = func(stored bool) string {
		if stored {
			return where(helpSecretTokenStored)
		}
		return where(helpSecretTokenNew)
	}
	return e
}

// rows are the form's rows of the events fields.
func (e *eventsFields) rows() []*field { return []*field{e.tokenFl, e.subFl} }

// fill shows the item as stored: whether it has a Secret Token (the token
// itself is never read back) and its subscription ID.
func (e *eventsFields) fill(hasToken bool, sub string) {
	e.stored, e.storedSub = hasToken, sub
	e.token.SetText("")
	e.token.PlaceHolder = placeholderToken
	if hasToken {
		e.token.PlaceHolder = placeholderStore
	}
	e.token.Refresh()
	e.tokenFl.setHint(e.tokenHelp(hasToken))
	e.sub.SetText(sub)
	e.toggle.SetChecked(hasToken || sub != "")
	e.show(e.shown)
}

// show shows the events settings (on) or hides them all; the two entries
// show while the check is ticked.
func (e *eventsFields) show(on bool) {
	e.shown = on
	kit.SetVisible(e.toggle, on)
	e.tokenFl.show(on && e.toggle.Checked)
	e.subFl.show(on && e.toggle.Checked)
}

// subscription is the subscription ID to submit: nil while it is the
// stored one (nil keeps it), else the typed text ("" clears it).
func (e *eventsFields) subscription() *string {
	s := strings.TrimSpace(e.sub.Text)
	if s == e.storedSub {
		return nil
	}
	return &s
}

// changed reports whether a Secret Token was typed or the subscription ID
// changed.
func (e *eventsFields) changed() bool { return e.token.Text != "" || e.subscription() != nil }

// check adds a typed Secret Token's problem (as the store would refuse
// it) to err, the form's validation error.
func (e *eventsFields) check(err error) error {
	if e.token.Text == "" {
		return err
	}
	_, _, terr := auth.CheckSecretToken(e.token.Text)
	var tve *auth.ValidationError
	if !errors.As(terr, &tve) {
		return err
	}
	var ve *auth.ValidationError
	if errors.As(err, &ve) {
		return &auth.ValidationError{Fields: append(append([]*auth.FieldError(nil), ve.Fields...), tve.Fields...)}
	}
	if err != nil {
		return err
	}
	return tve
}

// storeToken stores the typed Secret Token (if any) for the app name
// reaches, once the item is saved; it runs in the save's job, and returns
// the store's notices (a trimmed token).
func storeToken(st *store.Store, name, token string) ([]string, error) {
	if token == "" {
		return nil, nil
	}
	res, err := st.SetSecretToken(name, token)
	return res.Notices, err
}

// tokenNotStored says, beside the Secret Token, that the item was saved
// but its Secret Token was not.
func tokenNotStored(what string, err error) string {
	return fmt.Sprintf("%s was saved, but its Secret Token was not stored: %s", what, view.ErrorText(err))
}
