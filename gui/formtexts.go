package gui

// The forms' words: labels, help lines and placeholders.

// Labels of the connection form: the seed's, in the seed's order.
const (
	labelCustom   = "Custom"
	labelOAuth    = "OAuth 2.0"
	viewSimple    = "Simple"
	viewHTTP      = "HTTP"
	presetZoomL   = "Zoom"
	presetGovL    = "ZoomGov"
	presetCustomL = "Custom"
)

// Help texts of the connection form, carrying what the seed says in our own words.
const (
	helpConnName     = "Give it a clear name you will recognise: this is how you pick the connection later, here and on the command line (zoomconn token NAME). Each name can be used once."
	helpAuthType     = "How the connection gets tokens from Zoom: Custom for a Server-to-Server OAuth app (no browser needed), OAuth 2.0 for a General app that you authorize in the browser."
	helpAccountID    = "The Account ID from your Server-to-Server OAuth app's App credentials page in the Zoom App Marketplace."
	helpClientID     = "The Client ID from the same App credentials page."
	helpSecretNew    = "The Client secret from the same page. It goes straight into the system keyring, is saved only when you save the connection, and is never shown again."
	helpSecretEdit   = "A secret is stored in the system keyring and is never shown. Leave this empty to keep it, or type the new secret to replace it."
	helpOAuthClient  = "The OAuth client holds the Client ID and Client secret of your Zoom General app. Add one with +, or change the selected one with the pencil."
	placeholderStore = "Stored — type to replace"
)

// Help texts of the OAuth client form.
const (
	helpClientName   = "A name you will recognise when you pick this client for a connection; each name can be used once."
	helpClientClID   = "The Client ID from your Zoom General app's App credentials page."
	helpClientSecret = "The Client secret from the same page. It goes straight into the system keyring, is saved only when you save, and is never shown again."
	helpPublic       = "Turn on if the Zoom app gives you no secret to use here: the authorization is then protected by PKCE alone."
	helpPort         = "Leave empty to use a free port each time (Zoom ignores the port of a 127.0.0.1 redirect). Set one (1024–65535) only if something between you and Zoom needs it fixed."
	whyLoopback      = "Register 127.0.0.1, not localhost: Zoom refuses localhost redirects, and localhost may resolve to ::1, where this app does not listen."
)

// The secret entry of a form whose stored secret must be typed again.
const (
	helpSecretAgain  = "Enter the client secret again (the line above says why): a stored secret is sent only to the app and the endpoints it was entered for. It goes straight into the system keyring and is never shown."
	placeholderAgain = "Enter the client secret again"
)
