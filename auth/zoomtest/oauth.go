package zoomtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// OAuth error reasons: the "reason" field of {"reason":"...","error":"..."}
// bodies from the token and revoke endpoints. Where Zoom's wording is known
// it is copied verbatim; the rest are this fake's wording.
const (
	// ReasonInvalidClient: unknown client ID, wrong secret, or the wrong
	// client-authentication method (error invalid_client, HTTP 401).
	ReasonInvalidClient = "Invalid client_id or client_secret"
	// ReasonAppNotActivated: the app exists but is not activated
	// (error invalid_client, HTTP 401).
	ReasonAppNotActivated = "Application has not been activated"
	// ReasonInvalidAccountID: account_credentials with an account_id that is
	// missing or not the app's (error invalid_request, HTTP 400).
	ReasonInvalidAccountID = "Invalid Account Id"
	// ReasonUnsupportedGrantType: the grant type is unknown or not allowed
	// for this kind of app (error unsupported_grant_type, HTTP 400).
	ReasonUnsupportedGrantType = "unsupported grant type"
	// ReasonInvalidAuthCode: the code is unknown, already used, expired or
	// another client's (error invalid_grant, HTTP 400). Unlike Zoom, the
	// fake never echoes the code back.
	ReasonInvalidAuthCode = "Invalid authorization code"
	// ReasonRedirectMismatch: the token request's redirect_uri differs from
	// the one sent to authorize (error invalid_grant, HTTP 400).
	ReasonRedirectMismatch = "Redirect URI mismatch."
	// ReasonInvalidCodeVerifier: the PKCE code_verifier is missing, malformed
	// or does not match the challenge (error invalid_grant, HTTP 400).
	ReasonInvalidCodeVerifier = "Invalid code_verifier"
	// ReasonInvalidToken: the refresh token is unknown, rotated away,
	// revoked or another client's (error invalid_grant, HTTP 400); also the
	// revoke endpoint's answer for another client's token (invalid_request).
	ReasonInvalidToken = "Invalid Token!"
	// ReasonParamsInQuery: a token or revoke request carried parameters in
	// the URL query instead of the form body (error invalid_request, 400).
	ReasonParamsInQuery = "Parameters must be sent in the request body, not in the query string"
	// ReasonBadContentType: the body is not application/x-www-form-urlencoded
	// (error invalid_request, HTTP 400).
	ReasonBadContentType = "Content-Type must be application/x-www-form-urlencoded"
	// ReasonBadRequestBody: the body is malformed or repeats a parameter
	// (error invalid_request, HTTP 400; RFC 6749 §3.2 forbids repeats).
	ReasonBadRequestBody = "Malformed request body"
	// ReasonBodyTooLarge: the body exceeds 64 KiB (invalid_request, 413).
	ReasonBodyTooLarge = "Request body too large"
	// ReasonSecretInBody: client_secret sent in the form body; Zoom wants
	// HTTP Basic (error invalid_request, HTTP 400).
	ReasonSecretInBody = "client_secret must be sent with HTTP Basic authentication"
	// ReasonMissingToken: a revoke request without a token (invalid_request).
	ReasonMissingToken = "Missing token"
	// ReasonMethodNotAllowed: token or revoke endpoint called without POST
	// (error invalid_request, HTTP 405).
	ReasonMethodNotAllowed = "Method Not Allowed"
)

// Authorize-page errors, served as JSON {"code":N,"message":"..."} with
// HTTP 400 when redirecting back to the client would be unsafe.
const (
	// CodeInvalidRedirect is Zoom's code for an unregistered redirect URL.
	CodeInvalidRedirect = 4700
	// MessageInvalidRedirectPrefix starts the message; the requested
	// redirect_uri follows it.
	MessageInvalidRedirectPrefix = "Invalid redirect: "
	// CodeInvalidClientPage is this fake's code for an unknown or unusable
	// client_id on the authorize page.
	CodeInvalidClientPage = 4702
	// MessageInvalidClientPrefix starts the message; the client_id follows.
	MessageInvalidClientPrefix = "Invalid client_id: "
	// CodeUserNotExist is Zoom's "User does not exist" code, used when the
	// consent function names an unknown user and by /v2/users/me.
	CodeUserNotExist = 1001
)

// Messages for errors sent by redirecting to the client with error=...
const (
	// DescriptionAccessDenied is the error_description when the user declines.
	DescriptionAccessDenied = "The user denied the authorization"
)

// oauthError is the body of an OAuth error plus its HTTP status.
type oauthError struct {
	status int
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

func oauthErr(status int, errCode, reason string) *oauthError {
	return &oauthError{status: status, Reason: reason, Error: errCode}
}

var errInvalidClient = oauthErr(http.StatusUnauthorized, "invalid_client", ReasonInvalidClient)

// tokenResponse is Zoom's token response; S2S responses omit refresh_token.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresIn    int64  `json:"expires_in"`
	Scope        string `json:"scope"`
	APIURL       string `json:"api_url"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own types are marshalled; this cannot happen.
		panic(err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	// Token responses must not be cached (RFC 6749 §5.1); harmless elsewhere.
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	w.Write(b)
}

func (s *Server) writeOAuthError(w http.ResponseWriter, e *oauthError) {
	if e.Error == "invalid_grant" {
		s.mu.Lock()
		s.stats.InvalidGrants++
		s.mu.Unlock()
	}
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="zoom"`)
	}
	writeJSON(w, e.status, e)
}

// ---- authorize ----

func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.stats.AuthorizeRequests++
	s.mu.Unlock()
	if r.Method != http.MethodGet {
		writeAPIError(w, http.StatusMethodNotAllowed, 405, "Method not allowed.")
		return
	}
	q := r.URL.Query()
	clientID := q.Get("client_id")

	s.mu.Lock()
	c := s.clients[clientID]
	consent := s.consent
	s.mu.Unlock()

	// Until the client and redirect_uri are validated, errors are shown on
	// the page: redirecting to an unverified URL would be an open redirect.
	if c == nil || c.gen == nil || c.gen.Deactivated {
		writeAPIError(w, http.StatusBadRequest, CodeInvalidClientPage, MessageInvalidClientPrefix+clientID)
		return
	}
	app := c.gen // apps are replaced, never mutated, so reading it unlocked is safe
	redirectURI := q.Get("redirect_uri")
	if !redirectAllowed(app, redirectURI) {
		writeAPIError(w, http.StatusBadRequest, CodeInvalidRedirect, MessageInvalidRedirectPrefix+redirectURI)
		return
	}
	state, hasState := q["state"]
	back := func(params url.Values) {
		if hasState {
			params.Set("state", state[0])
		}
		u, _ := url.Parse(redirectURI) // parsed fine in redirectAllowed
		v := u.Query()
		for k, vs := range params {
			v[k] = vs
		}
		u.RawQuery = v.Encode()
		w.Header().Set("Location", u.String())
		w.WriteHeader(http.StatusFound)
	}
	fail := func(code, desc string) {
		back(url.Values{"error": {code}, "error_description": {desc}})
	}

	if q.Get("response_type") != "code" {
		fail("unsupported_response_type", "response_type must be code")
		return
	}
	challenge := q.Get("code_challenge")
	method := q.Get("code_challenge_method")
	switch {
	case challenge == "" && method != "":
		fail("invalid_request", "code_challenge_method without code_challenge")
		return
	case challenge == "" && app.ClientSecret == "":
		// A public client has no secret, so PKCE is its only proof.
		fail("invalid_request", "code_challenge is required")
		return
	case challenge != "" && method == "":
		// Zoom, like RFC 7636 §4.3, defaults a missing method to plain.
		method = "plain"
	}
	if challenge != "" {
		if method != "S256" && method != "plain" {
			fail("invalid_request", "unsupported code_challenge_method")
			return
		}
		if !validChallenge(challenge, method) {
			fail("invalid_request", "invalid code_challenge")
			return
		}
	}

	var userID string
	approve := true
	if consent != nil {
		userID, approve = consent(clientID) // outside s.mu: may call back in
	}
	if !approve {
		fail("access_denied", DescriptionAccessDenied)
		return
	}

	s.mu.Lock()
	if consent == nil && len(s.users) > 0 {
		userID = s.users[0].ID
	}
	if _, ok := s.userByID(userID); !ok {
		s.mu.Unlock()
		writeAPIError(w, http.StatusBadRequest, CodeUserNotExist, "User does not exist: "+userID+".")
		return
	}
	code := s.newSecret()
	s.codes[code] = &authCode{
		clientID:    clientID,
		redirectURI: redirectURI,
		challenge:   challenge,
		method:      method,
		userID:      userID,
		scopes:      app.Scopes,
		expires:     s.now().Add(s.codeLifetime),
	}
	s.mu.Unlock()
	back(url.Values{"code": {code}})
}

// redirectAllowed applies Zoom's redirect rules: loopback IP literals
// match a registered URL ignoring the port (RFC 8252 §7.3); everything else
// must match exactly; "localhost" is never accepted.
func redirectAllowed(app *GeneralApp, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return false
	}
	loopback := host == "127.0.0.1" || host == "::1"
	if loopback && app.ClientSecret != "" && app.RefuseLoopbackForConfidential {
		return false
	}
	for _, reg := range app.RedirectURLs {
		if reg == raw {
			return true
		}
		if !loopback {
			continue
		}
		ru, err := url.Parse(reg)
		if err == nil && ru.Scheme == u.Scheme && ru.Hostname() == u.Hostname() &&
			ru.EscapedPath() == u.EscapedPath() && ru.RawQuery == u.RawQuery && ru.User == nil {
			return true
		}
	}
	return false
}

// validChallenge checks RFC 7636 §4.2 syntax: a plain challenge is a
// verifier (43-128 unreserved characters); an S256 one is 43 base64url
// characters.
func validChallenge(ch, method string) bool {
	if method == "S256" {
		b, err := base64.RawURLEncoding.DecodeString(ch)
		return err == nil && len(b) == sha256.Size
	}
	return validVerifier(ch)
}

func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for _, c := range []byte(v) {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
		default:
			return false
		}
	}
	return true
}

// ---- token & revoke plumbing ----

// readForm reads a form body the way Zoom insists on: POST, form-encoded,
// size-limited, no query parameters, no repeated parameters. The form is
// returned even with an error so the caller can count the grant type.
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, *oauthError) {
	if r.Method != http.MethodPost {
		return nil, oauthErr(http.StatusMethodNotAllowed, "invalid_request", ReasonMethodNotAllowed)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, oauthErr(http.StatusRequestEntityTooLarge, "invalid_request", ReasonBodyTooLarge)
		}
		return nil, oauthErr(http.StatusBadRequest, "invalid_request", ReasonBadRequestBody)
	}
	form, perr := url.ParseQuery(string(body))
	// Query parameters are checked first: a client that puts them in the
	// URL usually sends an empty body and would otherwise get a vaguer error.
	if r.URL.RawQuery != "" {
		return form, oauthErr(http.StatusBadRequest, "invalid_request", ReasonParamsInQuery)
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		return form, oauthErr(http.StatusBadRequest, "invalid_request", ReasonBadContentType)
	}
	if perr != nil {
		return form, oauthErr(http.StatusBadRequest, "invalid_request", ReasonBadRequestBody)
	}
	for _, vs := range form {
		if len(vs) > 1 {
			return form, oauthErr(http.StatusBadRequest, "invalid_request", ReasonBadRequestBody)
		}
	}
	return form, nil
}

// authenticateClient applies Zoom's client authentication: confidential
// clients use HTTP Basic only; public clients send client_id in the body
// and no Authorization header. Callers hold s.mu.
func (s *Server) authenticateClient(r *http.Request, form url.Values) (string, *client, *oauthError) {
	if form.Has("client_secret") {
		return "", nil, oauthErr(http.StatusBadRequest, "invalid_request", ReasonSecretInBody)
	}
	if r.Header.Get("Authorization") != "" {
		id, secret, ok := r.BasicAuth()
		if !ok {
			return "", nil, errInvalidClient
		}
		if form.Has("client_id") && form.Get("client_id") != id {
			return "", nil, errInvalidClient
		}
		c := s.clients[id]
		// A public client has no secret to prove, so Basic is refused.
		if c == nil || c.secret() == "" || subtle.ConstantTimeCompare([]byte(secret), []byte(c.secret())) != 1 {
			return "", nil, errInvalidClient
		}
		return id, c, nil
	}
	id := form.Get("client_id")
	c := s.clients[id]
	if c == nil || c.secret() != "" {
		return "", nil, errInvalidClient
	}
	return id, c, nil
}

// ---- token endpoint ----

func (f Fault) String() string {
	switch f {
	case FaultHTML:
		return "FaultHTML"
	case FaultInvalidJSON:
		return "FaultInvalidJSON"
	case FaultHugeBody:
		return "FaultHugeBody"
	case FaultHang:
		return "FaultHang"
	case Fault429:
		return "Fault429"
	case Fault500:
		return "Fault500"
	}
	return fmt.Sprintf("Fault(%d)", int(f))
}
