package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"zoomconn/internal/safetext"

	"golang.org/x/oauth2"
)

// Error is a failure talking to Zoom, in facts: Message says what
// happened, Hint what to check at Zoom or on the network, both in neutral
// words that name no program, command or button (the front-ends add what
// to do in their own terms). Kind is a stable identifier for code, tests
// and the front-ends' phrasing.
type Error struct {
	Kind    string // e.g. "invalid_client", "invalid_account", "missing_scopes"
	Message string
	Hint    string
	Status  int           // HTTP status, 0 if none
	Code    string        // Zoom's "error" (OAuth) or "code" (API)
	Reason  string        // Zoom's "reason" (OAuth) or "message" (API)
	Scopes  []string      // missing scopes, for Kind "missing_scopes"
	Retry   time.Duration // Retry-After, for Kind "rate_limited"
	Err     error

	// The facts of a request that was not sent or not followed, for a
	// front-end's own sentence (hosts from a server or a URL given are
	// cleaned with safetext). KindRedirect: Endpoint (one of the Endpoint
	// constants) at Host answered with a redirect to Target.
	// KindForeignHost: a URL named Host, not the connection's APIHost.
	Endpoint string
	Host     string
	Target   string
	APIHost  string
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Message
	}
	return e.Message + " " + e.Hint
}

func (e *Error) Unwrap() error { return e.Err }

// Kinds of [Error].
const (
	KindInvalidClient    = "invalid_client"
	KindInvalidAccount   = "invalid_account"
	KindNotActivated     = "app_not_activated"
	KindUnsupportedGrant = "unsupported_grant_type"
	KindInvalidRedirect  = "invalid_redirect"
	KindInvalidGrant     = "invalid_grant"
	KindMissingScopes    = "missing_scopes"
	KindInvalidToken     = "invalid_access_token"
	KindRateLimited      = "rate_limited"
	KindServerError      = "server_error"
	KindTimeout          = "timeout"
	KindDNS              = "dns"
	KindConnect          = "connect"
	KindBadResponse      = "bad_response"
	KindDeclined         = "access_denied"
	KindOther            = "other"
)

// IsKind reports whether err is a [*Error] of this kind.
func IsKind(err error, kind string) bool {
	var ze *Error
	return errors.As(err, &ze) && ze.Kind == kind
}

// Zoom's error bodies: {"reason","error"} from OAuth endpoints and
// {"code","message"} from the API.
type zoomErrorBody struct {
	Reason  string          `json:"reason"`
	Error   string          `json:"error"`
	Desc    string          `json:"error_description"`
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
}

// scopeListRE is compiled when Zoom first answers with an error, not when
// the program starts.
var scopeListRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)does not contain scopes?\s*:?\s*\[([^\]]*)\]`)
})

// ExplainResponse turns a Zoom error answer (status, body) into a Error.
func ExplainResponse(status int, header http.Header, body []byte, cause error) *Error {
	var b zoomErrorBody
	jsonOK := json.Unmarshal(body, &b) == nil
	code := b.Error
	if code == "" && len(b.Code) > 0 {
		code = strings.Trim(string(b.Code), `"`)
	}
	reason := b.Reason
	if reason == "" {
		reason = b.Message
	}
	if reason == "" {
		reason = b.Desc
	}
	// Server text: made safe here, before it is matched, printed or stored.
	code, reason = safetext.Clean(code, safetext.MaxCode), safetext.Clean(reason, safetext.MaxServer)
	e := &Error{Status: status, Code: code, Reason: reason, Err: cause}
	lowReason := strings.ToLower(reason)
	missing := scopeListRE().FindStringSubmatch(reason)
	switch {
	case status == http.StatusTooManyRequests:
		e.Kind = KindRateLimited
		e.Retry = retryAfter(header)
		e.Message = "Zoom is limiting the rate of requests for this app or account."
		e.Hint = "Wait a minute and try again; scripts should reuse the cached token instead of asking for a new one each call."
	case missing != nil:
		e.Kind = KindMissingScopes
		for _, s := range strings.Split(missing[1], ",") {
			if s = strings.TrimSpace(s); s != "" {
				e.Scopes = append(e.Scopes, s)
			}
		}
		e.Message = fmt.Sprintf("The token does not carry the scopes this call needs (Zoom wants one of: %s).", strings.Join(e.Scopes, ", "))
		e.Hint = "Add one of them in the Scopes section of your Zoom app, then test again (an OAuth 2.0 connection must be authorized again to pick up new scopes)."
	case strings.Contains(lowReason, "invalid redirect") || (code == "4700" && strings.Contains(lowReason, "redirect")):
		e.Kind = KindInvalidRedirect
		e.Message = "Zoom refused the redirect URL (error 4700, Invalid redirect)."
		e.Hint = "Register exactly the OAuth client's redirect URL (http://127.0.0.1/oauth/callback, with its fixed port if it has one) in the Zoom app and its Allow List: 127.0.0.1, not localhost. If Zoom refuses a loopback redirect for a client with a secret, a public client (PKCE, no secret) avoids it."
	case strings.Contains(lowReason, "activat"):
		e.Kind = KindNotActivated
		e.Message = "The Zoom app is not activated."
		e.Hint = "Open the app in the Zoom App Marketplace (Manage → your app), finish the Activation section and click Activate your app, then try again."
	case strings.Contains(lowReason, "account id") || strings.Contains(lowReason, "account_id"):
		e.Kind = KindInvalidAccount
		e.Message = "Zoom does not accept this Account ID for this app (Invalid Account Id)."
		e.Hint = "Copy the Account ID again from the Server-to-Server OAuth app's App credentials page; it belongs to the account that owns the app."
	case code == "invalid_client":
		e.Kind = KindInvalidClient
		e.Message = "Zoom rejected the Client ID or Client secret (invalid_client)."
		e.Hint = "Copy both again from the same app's App credentials page. Development and production credentials differ, and a General app's Public Client ID is not its Client ID."
	case code == "unsupported_grant_type":
		e.Kind = KindUnsupportedGrant
		e.Message = "Zoom refused the Server-to-Server grant for this Client ID (unsupported_grant_type)."
		e.Hint = "These look like General app (OAuth) credentials. Use the credentials of a Server-to-Server OAuth app, or make an OAuth 2.0 connection with this client instead."
	case code == "invalid_grant" || strings.Contains(lowReason, "invalid token"):
		e.Kind = KindInvalidGrant
		e.Message = "Zoom no longer accepts this connection's authorization (the refresh token or code was used, revoked or expired)."
		e.Hint = "Authorize the connection again."
	case code == "124" || (status == http.StatusUnauthorized && strings.Contains(lowReason, "access token")):
		e.Kind = KindInvalidToken
		e.Message = "Zoom rejected the access token (" + orDefault(reason, "invalid access token") + ")."
		e.Hint = "Test again to fetch a fresh token; if it keeps failing, authorize the connection again."
	case status >= 500:
		e.Kind = KindServerError
		e.Message = fmt.Sprintf("Zoom had a server error (HTTP %d).", status)
		e.Hint = "This is on Zoom's side: try again in a few minutes, and check https://status.zoom.us."
	case !jsonOK:
		e.Kind = KindBadResponse
		e.Message = fmt.Sprintf("Zoom's answer could not be understood (HTTP %d, not JSON).", status)
		e.Hint = "A proxy, firewall or captive portal may be answering instead of Zoom; check the endpoint URLs and your network."
	default:
		e.Kind = KindOther
		e.Message = fmt.Sprintf("Zoom refused the request (HTTP %d%s).", status, describeCode(code, reason))
		e.Hint = "Check the connection's settings and the Zoom app's configuration."
	}
	return e
}

func describeCode(code, reason string) string {
	switch {
	case code != "" && reason != "":
		return ", " + code + ": " + reason
	case reason != "":
		return ": " + reason
	case code != "":
		return ", " + code
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// maxRetryAfter bounds how long we wait on a 429 before giving up.
const maxRetryAfter = 30 * time.Second

func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// explainError maps any error from a Zoom request to a *Error.
func explainError(err error, host string) error {
	if err == nil {
		return nil
	}
	var ze *Error
	if errors.As(err, &ze) {
		return err
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		var h http.Header
		status := 0
		if re.Response != nil {
			h, status = re.Response.Header, re.Response.StatusCode
		}
		return ExplainResponse(status, h, re.Body, err)
	}
	e := &Error{Err: err}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var urlErr *url.Error
	switch {
	case errors.Is(err, context.Canceled):
		e.Kind, e.Message = KindOther, "The request was cancelled."
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Kind = KindTimeout
		e.Message = fmt.Sprintf("%s did not answer in time.", host)
		e.Hint = "Check your network connection and any proxy, then try again."
	case errors.As(err, &dnsErr):
		e.Kind = KindDNS
		e.Message = fmt.Sprintf("The host %s could not be found.", host)
		e.Hint = "Check your network connection and DNS, and that the endpoints (Zoom or ZoomGov) are right."
	case errors.As(err, &opErr) && opErr.Op == "dial":
		e.Kind = KindConnect
		e.Message = fmt.Sprintf("Could not connect to %s.", host)
		e.Hint = "Check your network connection, firewall or proxy, then try again."
	case strings.Contains(err.Error(), "cannot parse json") || strings.Contains(err.Error(), "server response missing access_token"):
		e.Kind = KindBadResponse
		e.Message = fmt.Sprintf("The answer from %s could not be understood.", host)
		e.Hint = "A proxy, firewall or captive portal may be answering instead of Zoom; check the endpoint URLs and your network."
	case errors.As(err, &urlErr):
		e.Kind = KindConnect
		e.Message = fmt.Sprintf("The request to %s failed: %s.", host, safetext.Clean(urlErr.Err.Error(), safetext.MaxServer))
		e.Hint = "Check your network connection and the endpoint URLs."
	default:
		e.Kind = KindOther
		e.Message = safetext.Clean(err.Error(), safetext.MaxServer) // may quote the server
	}
	return e
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// KindRedirect is an [Error] for a redirect that was not followed.
const KindRedirect = "redirect"

// What answered with a redirect that was not followed ([Error.Endpoint]):
// the token and revoke endpoints carry secrets and follow no redirect; the
// API carries the access token and follows one only within its origin.
const (
	EndpointToken  = "token endpoint"
	EndpointRevoke = "revoke endpoint"
	EndpointAPI    = "Zoom API"
)

func asError(err error, target **Error) bool { return errors.As(err, target) }

// Declined explains an error callback of the authorization code flow.
// code and desc come from the browser's query string, so anyone who can
// reach the loopback port chose them.
func Declined(code, desc string) *Error {
	code, desc = orDefault(safetext.Clean(code, safetext.MaxCode), "unknown_error"), safetext.Clean(desc, safetext.MaxServer)
	e := &Error{Kind: KindOther, Code: code, Reason: desc}
	if code == "access_denied" {
		e.Kind = KindDeclined
		e.Message = "The authorization was declined in the browser, so nothing was saved."
		e.Hint = "Authorize again and click Allow if you want this connection to act for your Zoom user."
		return e
	}
	e.Message = fmt.Sprintf("Zoom ended the authorization with an error (%s).", describeCode(code, desc)[2:])
	e.Hint = "Check the Zoom app's Redirect URL, Allow List and activation, then authorize again."
	return e
}
