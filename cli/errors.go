package cli

// How the command line phrases the core's errors: report (cli.go) prints
// the core's sentence, which states the facts in neutral words, and
// nextStep adds the command to run.

import (
	"errors"
	"fmt"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/internal/shell"
)

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
	switch {
	case errors.As(err, &scopes) && scopes.ConnType == auth.AuthOAuth:
		return fmt.Sprintf("Then run `zoomconn login %s`.", shell.Quote(scopes.Connection))
	case errors.As(err, &notSaved):
		return fmt.Sprintf("Then run `zoomconn login %s`.", shell.Quote(notSaved.Connection))
	case errors.As(err, &needsAuth):
		return fmt.Sprintf("Run `zoomconn login %s`.", shell.Quote(needsAuth.Connection))
	case errors.As(err, &secretNeeded):
		return fmt.Sprintf("Run `zoomconn edit-client %s --secret` and enter it.", shell.Quote(secretNeeded.Client))
	case errors.As(err, &notFound):
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
