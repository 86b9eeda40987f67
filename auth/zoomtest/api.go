package zoomtest

import (
	"io"
	"net/http"
	"slices"
	"strings"
)

// API errors: the {"code":N,"message":"..."} bodies of the /v2 endpoints.
const (
	// CodeInvalidAccessToken is Zoom's code (HTTP 401) for a missing,
	// unknown, revoked or expired access token.
	CodeInvalidAccessToken = 124
	// MessageInvalidAccessToken: missing, unknown or revoked token.
	MessageInvalidAccessToken = "Invalid access token."
	// MessageExpiredAccessToken: the token's lifetime has passed.
	MessageExpiredAccessToken = "Access token is expired."
	// CodeMissingScopes is Zoom's code (HTTP 400) for a token lacking every
	// scope an endpoint accepts.
	CodeMissingScopes = 4711
	// MessageMissingScopesPrefix starts the 4711 message, which continues
	// with the accepted scopes, e.g. "[user:read:user, user:read:admin]."
	MessageMissingScopesPrefix = "Invalid access token, does not contain scopes:"
)

// Scopes each endpoint accepts. The first ones are named in the 4711
// message; classic (pre-granular) scopes are accepted silently, as at Zoom.
var (
	usersMeScopes   = []string{"user:read:user", "user:read:admin"}
	usersMeClassic  = []string{"user:read"}
	usersListScopes = []string{"user:read:list_users:admin", "user:read:admin"}
)

// MissingScopesMessage is the 4711 message for a token lacking all of
// scopes, exactly as Zoom words it.
func MissingScopesMessage(scopes ...string) string {
	return MessageMissingScopesPrefix + "[" + strings.Join(scopes, ", ") + "]."
}

type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeAPIError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, apiError{Code: code, Message: msg})
}

func (s *Server) handleAPI(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	s.mu.Lock()
	s.stats.APICalls++
	s.recordAPI(r, body)
	var g grant
	msg := MessageInvalidAccessToken
	scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if at := s.access[tok]; strings.EqualFold(scheme, "Bearer") && at != nil && !at.grant.revoked {
		if now.Before(at.expires) {
			g, msg = *at.grant, ""
		} else {
			msg = MessageExpiredAccessToken
		}
	}
	var limited *RateLimit
	if msg == "" {
		limited = s.popRateLimit()
	}
	s.mu.Unlock()
	if msg != "" {
		writeAPIError(w, http.StatusUnauthorized, CodeInvalidAccessToken, msg)
		return
	}
	if limited != nil {
		serveRateLimit(w, *limited, now)
		return
	}

	var handle func(http.ResponseWriter, *http.Request, grant)
	var accepted, classic []string
	path := strings.TrimPrefix(r.URL.Path, "/v2")
	allowed := []string{http.MethodGet}
	switch {
	case path == "/users/me":
		handle, accepted, classic = s.usersMe, usersMeScopes, usersMeClassic
	case path == "/users/me/token":
		handle, accepted, classic = s.userToken, userTokenScopes, userTokenClassic
	case path == "/users":
		handle, accepted = s.usersList, usersListScopes
	case isMeetingsPath(path) && r.Method == http.MethodPost:
		handle, accepted, classic = s.meetingCreate(body), meetingWriteScopes, meetingWriteClassic
		allowed = []string{http.MethodPost}
	case isMeetingsPath(path):
		handle, accepted, classic = s.meetingList, meetingListScopes, meetingListClassic
		allowed = []string{http.MethodGet, http.MethodPost}
	default:
		writeAPIError(w, http.StatusNotFound, 404, "Not found.")
		return
	}
	if !slices.Contains(allowed, r.Method) {
		writeAPIError(w, http.StatusMethodNotAllowed, 405, "Method not allowed.")
		return
	}
	if !hasAny(g.scopes, accepted) && !hasAny(g.scopes, classic) {
		writeAPIError(w, http.StatusBadRequest, CodeMissingScopes, MissingScopesMessage(accepted...))
		return
	}
	handle(w, r, g)
}

func hasAny(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}

// me finds the user a grant acts as: the consenting user for General apps,
// the account's first user for S2S apps.
func (s *Server) me(g grant) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.accountID != "" {
		return s.firstUserOf(g.accountID)
	}
	return s.userByID(g.userID)
}

func userJSON(u User) map[string]any {
	return map[string]any{
		"id":           u.ID,
		"first_name":   u.FirstName,
		"last_name":    u.LastName,
		"display_name": strings.TrimSpace(u.FirstName + " " + u.LastName),
		"email":        u.Email,
		"type":         1, // Basic
		"status":       "active",
		"timezone":     "UTC",
		"language":     "en-US",
	}
}

func (s *Server) usersMe(w http.ResponseWriter, _ *http.Request, g grant) {
	u, ok := s.me(g)
	if !ok {
		writeAPIError(w, http.StatusNotFound, CodeUserNotExist, "User does not exist: me.")
		return
	}
	body := userJSON(u)
	body["account_id"] = u.AccountID
	body["role_name"] = "Member"
	writeJSON(w, http.StatusOK, body)
}

// usersList returns the users of the token's account, a page at a time
// (page_size, default 30, at most 300; next_page_token).
func (s *Server) usersList(w http.ResponseWriter, r *http.Request, g grant) {
	acct := g.accountID
	if acct == "" {
		u, ok := s.me(g)
		if !ok {
			writeAPIError(w, http.StatusNotFound, CodeUserNotExist, "User does not exist: me.")
			return
		}
		acct = u.AccountID
	}
	s.mu.Lock()
	users := []map[string]any{}
	for _, u := range s.users {
		if u.AccountID == acct {
			users = append(users, userJSON(u))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "users", users)
}
