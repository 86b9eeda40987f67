package gui

import (
	"errors"
	"strings"
	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
)

// errorText is the user-facing text of err: message, then the hint on its
// own paragraph, naming the app as its window does.
func errorText(err error) string { return errorTextFor(err, "") }

// errorTextFor is errorText for an error of a connection of type t ("" if
// none): Zoom's hint is chosen for that type.
func errorTextFor(err error, t auth.AuthType) string {
	var ze *zoom.Error
	var na *access.NeedsAuthError
	switch {
	case errors.As(err, &na):
		return inAppWords(na.Error() + "\n\n" + nextStep(err))
	case nextStep(err) != "":
		return inAppWords(err.Error() + "\n\n" + nextStep(err))
	case errors.As(err, &ze):
		hint := zoomHint(ze, t)
		if hint == "" {
			return inAppWords(ze.Message)
		}
		return inAppWords(ze.Message + "\n\n" + hint)
	}
	msg := err.Error()
	if store.KeyringStateOf(err) != store.KeyringReady && !strings.Contains(msg, store.KeyringHelp()) {
		msg += "\n\n" + store.KeyringHelp()
	}
	return inAppWords(msg)
}

// zoomHint is what to do about a Zoom error on a connection of type t:
// the core's hint names both app types where it cannot know which; this
// one names only what applies (a Server-to-Server app has no Development
// credentials and no Public Client ID).
func zoomHint(ze *zoom.Error, t auth.AuthType) string {
	switch {
	case t == auth.AuthS2S && ze.Kind == zoom.KindInvalidClient:
		return "Copy the Client ID and Client secret again from the App credentials page of your Server-to-Server OAuth app in the Zoom App Marketplace, then click Edit connection and paste them."
	case t == auth.AuthOAuth && ze.Kind == zoom.KindInvalidClient:
		return "Copy the Client ID and Client secret again from the App credentials page of your General app: the Development pair (the Production one works only once Zoom has published the app), and the Client ID, not the Public Client ID. Then click Edit OAuth client and paste them."
	case t == auth.AuthS2S && ze.Kind == zoom.KindMissingScopes:
		return "Add one of them in the Scopes section of your Server-to-Server OAuth app, then test again: the next token carries the new scopes."
	case t == auth.AuthOAuth && ze.Kind == zoom.KindMissingScopes:
		return "Add one of them in the Scopes section of your General app, then click Authorize again: new scopes reach a connection only when it is authorized again."
	case t == auth.AuthS2S && ze.Kind == zoom.KindInvalidToken:
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
	switch {
	case errors.As(err, &notSaved):
		return "Then select it and click Authorize."
	case errors.As(err, &needsAuth):
		return "Select it and click Authorize."
	case errors.As(err, &secretNeeded):
		return "Select the OAuth client in the OAuth clients list, click Edit and type its client secret."
	case errors.As(err, &notOAuth):
		return "Use Test instead."
	}
	return ""
}

// inAppWords names the program as its window does, "Zoom Connections",
// where a message from the core (shared with the command line) says
// "zoomconn"; the command line's own name stays where a command is meant
// (zoomconn token NAME) and in paths and service names.
func inAppWords(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "zoomconn")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, after := s[:i], s[i+len("zoomconn"):]
		b.WriteString(before)
		if programName(before, after) {
			b.WriteString(AppName)
		} else {
			b.WriteString("zoomconn")
		}
		s = after
	}
}

// programName: "zoomconn" between before and after is the program's name
// in a sentence, not a command, a path or a service name.
func programName(before, after string) bool {
	if before != "" && strings.ContainsRune("/\\.-_`\"'$", rune(before[len(before)-1])) {
		return false
	}
	if after != "" {
		c := after[0]
		endsSentence := c == '.' && (len(after) == 1 || after[1] == ' ' || after[1] == '\n')
		if strings.ContainsRune("/\\-_`\"'", rune(c)) || (c == '.' && !endsSentence) {
			return false
		}
	}
	if word := strings.Fields(after); len(word) > 0 {
		switch strings.Trim(word[0], ".,;:)") {
		case "token", "list", "help", "login", "revoke", "remove", "test", "scopes", "exec", "api", "export", "import",
			"add-s2s", "add-client", "add-oauth", "edit-s2s", "edit-client", "remove-client", "use-file-store", "move-to-keyring":
			return false
		}
	}
	return true
}
