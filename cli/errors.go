package cli

// How the command line phrases the core's errors, all of it in this file:
// report prints an error and returns the exit code; message is its
// sentence, the core's own (which states the facts in neutral words) or,
// for the facts the core leaves to each front-end to word (a refused
// redirect or foreign host, a lock wait, a configuration directory, a
// keyring that does not answer, app credentials Zoom refused, in the words
// of the kind of app they belong to), the command line's; nextStep adds
// the command to run, and for a name not found, the nearest names.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/internal/shell"
	"zoomconn/internal/wording"
)

// report prints err in the terms of cmd (nil: before a command was
// found) and returns the exit code.
func report(e *Env, cmd *cobra.Command, err error) int {
	var ue *usageError
	var ve *auth.ValidationError
	var nf *auth.NotFoundError
	var inUse *store.InUseError
	var claim *access.ClaimError
	var sdkType *access.SDKTypeError
	var malformed *access.MalformedJWTError
	var code exitCode
	prefix := "zoomconn"
	if cmd != nil && cmd.HasParent() {
		prefix += " " + cmd.Name()
		if p := cmd.Parent(); p.HasParent() {
			prefix = "zoomconn " + p.Name() + " " + cmd.Name() // zoomconn events trigger
		}
	}
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, errHelp):
		return ExitOK
	case errors.As(err, &ue):
		msg := ue.msg
		if ue.err != nil {
			msg = message(ue.err)
		}
		fmt.Fprintf(e.Stderr, "%s: %s\n", prefix, forTerminal(msg))
		if cmd != nil {
			fmt.Fprintf(e.Stderr, "Usage: %s\n", cmd.UseLine())
		}
		return ExitUsage
	case errors.As(err, &ve):
		fmt.Fprintf(e.Stderr, "%s: nothing was saved:\n", prefix)
		for _, f := range ve.Fields {
			fmt.Fprintf(e.Stderr, "  - %s\n", forTerminal(f.Message))
		}
		return ExitUsage
	case errors.As(err, &nf), errors.As(err, &inUse), errors.As(err, &claim), errors.As(err, &sdkType), errors.As(err, &malformed):
		fmt.Fprintf(e.Stderr, "%s: %s\n", prefix, forTerminal(message(err)))
		if step := nextStep(err); step != "" {
			fmt.Fprintln(e.Stderr, step)
		}
		return ExitUsage
	}
	fmt.Fprintf(e.Stderr, "%s: %s\n", prefix, forTerminal(message(err)))
	if step := nextStep(err); step != "" {
		fmt.Fprintln(e.Stderr, step)
	}
	if k := store.KeyringStateOf(err); k == store.KeyringUnavailable || k == store.KeyringLocked {
		fmt.Fprintln(e.Stderr, "No keyring on this machine? `zoomconn use-file-store` keeps secrets in a passphrase-encrypted file instead.")
	}
	return ExitFailed
}

// message is the sentence for err: the command line's own for the facts
// the core leaves to each front-end to word, the core's otherwise. The
// hosts it quotes come cleaned from the core (safetext), as in the core's
// sentence.
func message(err error) string {
	var ze *access.ZoomError
	var creds *access.CredentialsError
	var handlerURL *access.HandlerURLError
	switch {
	case is(err, &handlerURL) && handlerURL.Remote:
		return fmt.Sprintf("%s is not on this machine: events carry names and addresses, so zoomconn sends them only to 127.0.0.1, ::1 or localhost. Add --allow-remote to send them there anyway.", handlerURL.URL)
	case is(err, &creds) && creds.Err.Kind == access.KindInvalidClient && creds.ConnType == auth.AuthS2S:
		// The core's hint names both kinds of app; this names the one it is.
		return creds.Err.Message + " Copy the Account ID, Client ID and Client secret again from the App credentials page of your Server-to-Server OAuth app in the Zoom App Marketplace; the app must be activated."
	case is(err, &creds) && creds.Err.Kind == access.KindInvalidClient && creds.ConnType == auth.AuthOAuth:
		return creds.Err.Message + " Copy the Client ID and Client secret again from the App credentials page of your General app: the Development pair (the Production one works only once Zoom has published the app), and the Client ID, not the Public Client ID."
	}
	if is(err, &ze) {
		if msg, ok := words().Zoom(ze); ok {
			return withHint(msg, ze.Hint)
		}
	}
	if msg, ok := words().Store(err); ok {
		return msg
	}
	return err.Error()
}

// words are the command line's name and its step for a directory to make
// private, for the sentences it shares with the app (internal/wording).
func words() wording.Words {
	return wording.Words{Name: "zoomconn", Chmod: func(dir string) string {
		return fmt.Sprintf("Run `chmod 700 %s`", shell.Quote(dir))
	}}
}

// is is wording.Is: a core error that err is, wrapped in no words of its own.
func is[T error](err error, target *T) bool { return wording.Is(err, target) }

// withHint is msg, then hint if there is one, as the core joins them.
func withHint(msg, hint string) string {
	if hint == "" {
		return msg
	}
	return msg + " " + hint
}

// nextStep says, in the command line's terms, what to do about a core
// error that carries the facts but not the command to run; "" when the
// core's sentence says all there is.
func nextStep(err error) string {
	var needsAuth *access.NeedsAuthError
	var secretNeeded *access.SecretNeededError
	var notSaved *access.RefreshTokenNotSavedError
	var notFound *auth.NotFoundError
	var notOAuth *access.NotOAuthError
	var scopes *access.ScopeError
	var clientGone *access.ClientGoneError
	var portInUse *access.PortInUseError
	var changed *access.ChangedError
	var ze *access.ZoomError
	var creds *access.CredentialsError
	var noSecretToken *store.NoSecretTokenError
	var noSub *access.NoSubscriptionError
	var noEventsURL *access.NoEventsURLError
	var publicClient *access.PublicClientError
	var noSignerSecret *access.NoSignerSecretError
	var userTokenType *access.UserTokenTypeError
	var sdkType *access.SDKTypeError
	switch {
	case errors.As(err, &noSignerSecret) && noSignerSecret.Public:
		return "Sign with a confidential OAuth client (its Client ID and secret), or add the app's SDK key: `zoomconn add-sdk NAME --type meeting --sdk-key KEY`."
	case errors.As(err, &noSignerSecret) && noSignerSecret.Client:
		return fmt.Sprintf("Run `zoomconn edit-client %s --secret` and paste the Client secret.", shell.Quote(noSignerSecret.Signer))
	case errors.As(err, &noSignerSecret):
		return fmt.Sprintf("Run `zoomconn edit-sdk %s --secret` and paste the SDK secret.", shell.Quote(noSignerSecret.Signer))
	case errors.As(err, &userTokenType):
		return "Use an OAuth 2.0 connection of the user (`zoomconn add-oauth`), authorized with the user:read:token scope."
	case errors.As(err, &sdkType) && sdkType.Want == auth.SDKVideo:
		return "Add the Video SDK account's key with `zoomconn add-sdk NAME --type video --sdk-key KEY`; Video SDK tokens are signed with a Video SDK credential only."
	case errors.As(err, &sdkType):
		return "Use `zoomconn sdk video-token` with a Video SDK credential, or sign Meeting SDK signatures with an OAuth client or a Meeting SDK credential."
	case errors.As(err, &noSub) && noSub.Client != "":
		return fmt.Sprintf("Copy the subscription ID from the app's Features page (Event Subscriptions, method WebSocket) in the Zoom App Marketplace and run `zoomconn edit-client %s --events-subscription ID`, or pass --subscription ID.", shell.Quote(noSub.Client))
	case errors.As(err, &noSub):
		return fmt.Sprintf("Copy the subscription ID from the app's Features page (Event Subscriptions, method WebSocket) in the Zoom App Marketplace; for a Server-to-Server connection run `zoomconn edit-s2s %s --events-subscription ID`, or pass --subscription ID.", shell.Quote(noSub.Connection))
	case errors.As(err, &publicClient):
		return fmt.Sprintf("Listen through one of its OAuth 2.0 connections (`zoomconn events listen CONNECTION`), or, if the app has a client secret, run `zoomconn edit-client %s --public=false` and paste it.", shell.Quote(publicClient.Client))
	case errors.As(err, &noEventsURL) && noEventsURL.Preset == auth.PresetCustom && noEventsURL.Client != "":
		return fmt.Sprintf("Give the OAuth client one: `zoomconn edit-client %s` with --endpoints custom, its other URLs and --events-url URL.", shell.Quote(noEventsURL.Client))
	case errors.As(err, &noEventsURL) && noEventsURL.Preset == auth.PresetCustom:
		return fmt.Sprintf("Give the connection one: `zoomconn edit-s2s %s` with --endpoints custom, its other URLs and --events-url URL.", shell.Quote(noEventsURL.Connection))
	case errors.As(err, &noEventsURL):
		return "If you know it, use custom endpoints with the other URLs of the deployment and --events-url URL."
	case errors.As(err, &noSecretToken):
		return fmt.Sprintf("Run `zoomconn events secret %s` and paste the Secret Token from the app's Features page (Event Subscriptions) in the Zoom App Marketplace.", shell.Quote(noSecretToken.App))
	case errors.As(err, &creds) && creds.ConnType == auth.AuthS2S && creds.Err.Kind == access.KindInvalidClient:
		return fmt.Sprintf("Then run `zoomconn edit-s2s %s --secret` and paste the Client secret (with --account-id ID and --client-id ID if those differ).", shell.Quote(creds.Connection))
	case errors.As(err, &creds) && creds.ConnType == auth.AuthS2S && creds.Err.Kind == access.KindInvalidAccount:
		return fmt.Sprintf("Then run `zoomconn edit-s2s %s --account-id ID` with it, and paste the Client secret it asks for.", shell.Quote(creds.Connection))
	case errors.As(err, &creds) && creds.Client != "" && creds.Err.Kind == access.KindInvalidClient:
		return fmt.Sprintf("Then run `zoomconn edit-client %s --secret` and paste the Client secret (with --client-id ID if it differs).", shell.Quote(creds.Client))
	case errors.As(err, &scopes) && scopes.ConnType == auth.AuthOAuth:
		return fmt.Sprintf("Then run `zoomconn login %s`.", shell.Quote(scopes.Connection))
	case errors.As(err, &notSaved):
		return fmt.Sprintf("Then run `zoomconn login %s`.", shell.Quote(notSaved.Connection))
	case errors.As(err, &needsAuth):
		return fmt.Sprintf("Run `zoomconn login %s`.", shell.Quote(needsAuth.Connection))
	case errors.As(err, &secretNeeded):
		return fmt.Sprintf("Run `zoomconn edit-client %s --secret` and enter it.", shell.Quote(secretNeeded.Client))
	case errors.As(err, &notFound):
		if near := nearestNames(notFound.Name, notFound.Names); len(near) > 0 {
			for i, n := range near {
				near[i] = shell.Quote(shown(n))
			}
			return fmt.Sprintf("Did you mean %s? Run `zoomconn list` to see the names.", strings.Join(near, " or "))
		}
		return "Run `zoomconn list` to see the names."
	case errors.As(err, &notOAuth):
		return fmt.Sprintf("Use `zoomconn test %s` instead.", shell.Quote(notOAuth.Connection))
	case errors.As(err, &clientGone):
		q := shell.Quote(clientGone.Connection)
		return fmt.Sprintf("Run `zoomconn remove %s`, then `zoomconn add-oauth %s --client CLIENT_NAME` with one of the OAuth clients `zoomconn list` shows.", q, q)
	case errors.As(err, &portInUse):
		return fmt.Sprintf("Close the program using that port, or run `zoomconn edit-client %s --port 0` to take a free port each time.", shell.Quote(portInUse.Client))
	case errors.As(err, &changed):
		return "Run the command again if it is still needed."
	case errors.As(err, &ze) && ze.Kind == access.KindInvalidRedirect:
		return "`zoomconn list` shows each OAuth client's Redirect URL; `zoomconn edit-client CLIENT_NAME --public` makes a client public."
	}
	return ""
}
