package view

import (
	"errors"
	"fmt"
	"strings"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/internal/wording"
)

// ErrorText is the user-facing text of err: the core's facts, then on its
// own paragraph what to do in the app's terms (its buttons and fields).
// It is the one place that phrases the core's errors for the app: the
// core's sentence, or, for the facts the core leaves to each front-end to
// word (a refused redirect or foreign host, a lock wait, a configuration
// directory, a keyring that does not answer), the app's own (Message,
// zoomMessage).
func ErrorText(err error) string { return ErrorTextFor(err, "") }

// ErrorTextFor is ErrorText for an error of a connection of type t ("" if
// none): Zoom's hint is chosen for that type.
func ErrorTextFor(err error, t auth.AuthType) string {
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
			return zoomMessage(ze)
		}
		return zoomMessage(ze) + "\n\n" + hint
	}
	msg := Message(err)
	if store.KeyringStateOf(err) != store.KeyringReady && !strings.Contains(msg, store.KeyringHelp()) {
		msg += "\n\n" + store.KeyringHelp()
	}
	return msg
}

// zoomMessage is what happened talking to Zoom: the app's sentence for a
// refused redirect or foreign host, from the hosts the core cleaned; the
// core's for the rest.
func zoomMessage(ze *access.ZoomError) string {
	if msg, ok := words().Zoom(ze); ok {
		return msg
	}
	return ze.Message
}

// Message is the sentence for err: the app's own for a lock wait, a
// configuration directory or a keyring that does not answer, the core's
// otherwise.
func Message(err error) string {
	if msg, ok := words().Store(err); ok {
		return msg
	}
	return err.Error()
}

// words are the app's name and its step for a directory to make private,
// for the sentences it shares with the command line (internal/wording).
func words() wording.Words {
	return wording.Words{Name: AppName, Chmod: func(dir string) string {
		return fmt.Sprintf("Give it mode 0700 (chmod 700 %s)", dir)
	}}
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
	var noToken *store.NoSecretTokenError
	var noSub *access.NoSubscriptionError
	var noEventsURL *access.NoEventsURLError
	var handlerURL *access.HandlerURLError
	var publicClient *access.PublicClientError
	var noSignerSecret *access.NoSignerSecretError
	switch {
	case errors.As(err, &noSignerSecret) && noSignerSecret.Public:
		return "Sign with a confidential OAuth client, or add the app's SDK key and secret as a Meeting SDK credential (Connection › SDK credentials and signatures…)."
	case errors.As(err, &noSignerSecret) && noSignerSecret.Client:
		return "Edit the OAuth client and paste its Client secret."
	case errors.As(err, &noSignerSecret):
		return "Edit the SDK credential and paste its SDK secret."
	case errors.As(err, &noToken) && noToken.Client:
		return "Edit the OAuth client, tick Events settings and paste the Secret Token from the app's Features page (Access) in the Zoom App Marketplace."
	case errors.As(err, &noToken):
		return "Edit the connection, tick Events settings and paste the Secret Token from the app's Features page (Access) in the Zoom App Marketplace."
	case errors.As(err, &noSub) && noSub.Client != "":
		return "Edit the OAuth client, tick Events settings and paste the subscription ID of the app's WebSocket event subscription (Features › Event Subscriptions in the Zoom App Marketplace)."
	case errors.As(err, &noSub):
		return "Edit the connection, tick Events settings and paste the subscription ID of the app's WebSocket event subscription (Features › Event Subscriptions in the Zoom App Marketplace)."
	case errors.As(err, &noEventsURL) && noEventsURL.Client != "":
		return "Edit the OAuth client and fill in the Events URL of its custom endpoints."
	case errors.As(err, &noEventsURL):
		return "Edit the connection and, in the HTTP view of its custom endpoints, fill in the Events URL."
	case errors.As(err, &handlerURL) && handlerURL.Remote:
		return "Tick \"Allow a handler off this machine\" to send them there anyway."
	case errors.As(err, &publicClient):
		return "Listen through one of its OAuth 2.0 connections instead."
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

// FieldProblem is where the connection form shows Zoom's refusal of a
// connection's own credentials, by the refusal's kind (a
// access.CredentialsError's, or a failed test's as recorded, auth.TestResult)
// for a connection of type t: the field that needs fixing (auth.Field*)
// and what to say beside it, where its label is. "" for a refusal that
// names no field of that form: an OAuth 2.0 connection's credentials are
// its OAuth client's.
func FieldProblem(kind string, t auth.AuthType) (field, text string) {
	if t != auth.AuthS2S {
		return "", ""
	}
	switch kind {
	case access.KindInvalidClient:
		return auth.FieldClientSecret, "Zoom rejected the Client ID or this Client secret (invalid_client). Copy both again from the App credentials page of your Server-to-Server OAuth app, and type the secret here."
	case access.KindInvalidAccount:
		return auth.FieldAccountID, "Zoom does not accept this Account ID for this app. Copy it again from the App credentials page of your Server-to-Server OAuth app: it is the account that owns the app."
	case access.KindNotActivated:
		return auth.FieldClientID, "Zoom says the app of this Client ID is not activated: activate it on the Activation page of your Server-to-Server OAuth app in the Zoom App Marketplace, then test again."
	case access.KindUnsupportedGrant:
		return auth.FieldClientID, "Zoom refused the Server-to-Server grant for this Client ID: it looks like a General app's. Use the credentials of a Server-to-Server OAuth app, or make an OAuth 2.0 connection with it."
	}
	return "", ""
}

// FieldProblemOf is FieldProblem for err, when it is Zoom refusing a
// connection's credentials (access.CredentialsError); "" otherwise.
func FieldProblemOf(err error) (field, text string) {
	var ce *access.CredentialsError
	if !errors.As(err, &ce) {
		return "", ""
	}
	return FieldProblem(ce.Err.Kind, ce.ConnType)
}
