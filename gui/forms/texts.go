package forms

// The forms' words: labels, help lines and placeholders.

// Labels of the connection form: the seed's, in the seed's order.
const (
	viewSimple = "Simple"
	viewHTTP   = "HTTP"
	// requiredMark follows the label of a field that must be filled in
	// now; legendRequired says so on every form.
	requiredMark   = " *"
	legendRequired = "* required"
)

// Help texts of the connection form, carrying what the seed says in our own words.
const (
	helpConnName     = "A name you will recognise: this is how you pick the connection later, here and on the command line (zoomconn token NAME). Each name can be used once."
	helpAuthType     = "Custom: a Server-to-Server OAuth app, tokens without a browser. OAuth 2.0: a General app that a Zoom user authorizes in the browser."
	helpAccountID    = "From the App credentials page of your Server-to-Server OAuth app in the Zoom App Marketplace."
	helpClientID     = "From the same App credentials page."
	helpSecretNew    = "From the same page. It goes straight into the system keyring when you save, and is never shown again."
	helpSecretEdit   = "Stored in the system keyring and never shown. Leave this empty to keep it, or type a new secret to replace it."
	helpOAuthClient  = "The OAuth client holds the Client ID and Client secret of your Zoom General app. Add one with +, or change the chosen one with the pencil."
	placeholderStore = "Stored — type to replace"
	// placeholderConnName is a name a shell takes unquoted: no space, no
	// parenthesis.
	placeholderConnName = "e.g. Reports-production"
)

// Help texts of the OAuth client form.
const (
	helpClientName   = "A name to pick this client by in a connection; each name can be used once."
	helpClientClID   = "From the App credentials page of your Zoom General app; for a public client, the public client ID shown there."
	helpClientSecret = "From the same page. It goes straight into the system keyring when you save, and is never shown again."
	helpPublic       = "For a public client (PKCE, no secret): turn on Use Public Client OAuth under App credentials in the Zoom app."
	helpPort         = "Empty: a free port each time. Set one (1024–65535) only if the Zoom app uses Strict Mode, and register the exact URL below."
	whyLoopback      = "127.0.0.1, not localhost: Zoom refuses localhost redirects, and localhost may be ::1, where this app does not listen."
)

// The secret entry of a form whose stored secret must be typed again.
const (
	helpSecretAgain  = "A stored secret is sent only to the app and the endpoints it was entered for. Type it again; it goes straight into the system keyring and is never shown."
	placeholderAgain = "Enter the client secret again"
)
