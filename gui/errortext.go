package gui

import (
	"errors"
	"strings"
	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
)

// errorText is the user-facing text of err: the core's facts, then on its
// own paragraph what to do in the app's terms (its buttons and fields).
// It is the one place that phrases the core's errors for the app.
func errorText(err error) string { return errorTextFor(err, "") }

// errorTextFor is errorText for an error of a connection of type t ("" if
// none): Zoom's hint is chosen for that type.
func errorTextFor(err error, t auth.AuthType) string {
	var ze *access.ZoomError
	var na *access.NeedsAuthError
	switch {
	case errors.As(err, &na):
		return na.Error() + "\n\n" + nextStep(err)
	case nextStep(err) != "":
		return err.Error() + "\n\n" + nextStep(err)
	case errors.As(err, &ze):
		hint := zoomHint(ze, t)
		if hint == "" {
			return ze.Message
		}
		return ze.Message + "\n\n" + hint
	}
	msg := err.Error()
	if store.KeyringStateOf(err) != store.KeyringReady && !strings.Contains(msg, store.KeyringHelp()) {
		msg += "\n\n" + store.KeyringHelp()
	}
	return msg
}

// zoomHint is what to do about a Zoom error on a connection of type t:
// the core's hint names both app types where it cannot know which; this
// one names only what applies (a Server-to-Server app has no Development
// credentials and no Public Client ID).
func zoomHint(ze *access.ZoomError, t auth.AuthType) string {
	switch {
	case ze.Kind == access.KindInvalidRedirect:
		return ze.Hint + " The OAuth client form shows its Redirect URL; to make the client public, click Edit OAuth client and tick \"Public client (PKCE, no secret)\"."
	case t == auth.AuthS2S && ze.Kind == access.KindInvalidClient:
		return "Copy the Client ID and Client secret again from the App credentials page of your Server-to-Server OAuth app in the Zoom App Marketplace, then click Edit connection and paste them."
	case t == auth.AuthOAuth && ze.Kind == access.KindInvalidClient:
		return "Copy the Client ID and Client secret again from the App credentials page of your General app: the Development pair (the Production one works only once Zoom has published the app), and the Client ID, not the Public Client ID. Then click Edit OAuth client and paste them."
	case t == auth.AuthS2S && ze.Kind == access.KindMissingScopes:
		return "Add one of them in the Scopes section of your Server-to-Server OAuth app, then test again: the next token carries the new scopes."
	case t == auth.AuthOAuth && ze.Kind == access.KindMissingScopes:
		return "Add one of them in the Scopes section of your General app, then click Authorize again: new scopes reach a connection only when it is authorized again."
	case t == auth.AuthS2S && ze.Kind == access.KindInvalidToken:
		return "Test again to fetch a fresh token."
	}
	return ze.Hint
}

// nextStep says, in the app's terms, what to do about a core error that
// carries the facts but not the button to press.
func nextStep(err error) string {
	var needsAuth *access.NeedsAuthError
	var secretNeeded *access.SecretNeededError
	var notSaved *access.RefreshTokenNotSavedError
	var notOAuth *access.NotOAuthError
	var clientGone *access.ClientGoneError
	var portInUse *access.PortInUseError
	var changed *access.ChangedError
	switch {
	case errors.As(err, &notSaved):
		return "Then select it and click Authorize."
	case errors.As(err, &needsAuth):
		return "Select it and click Authorize."
	case errors.As(err, &secretNeeded):
		return "Select the OAuth client in the OAuth clients list, click Edit and type its client secret."
	case errors.As(err, &notOAuth):
		return "Use Test instead."
	case errors.As(err, &clientGone):
		return "Select it, click Edit and pick another OAuth client."
	case errors.As(err, &portInUse):
		return "Close the program using that port, or select the OAuth client in the OAuth clients list, click Edit and clear Fixed port."
	case errors.As(err, &changed):
		return "Try again if it is still needed."
	}
	return ""
}
