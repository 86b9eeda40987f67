package zoomtest

// Lists a page at a time (next_page_token), meetings, injected rate
// limits, and the record of the last API request.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Zoom's list pages: page_size defaults to 30 and is at most 300.
const (
	DefaultPageSize = 30
	MaxPageSize     = 300
	// CodeInvalidPageToken is Zoom's code for a next_page_token it does not
	// know.
	CodeInvalidPageToken = 300
)

// Scopes of the meetings endpoints (granular first, then classic).
var (
	meetingListScopes   = []string{"meeting:read:list_meetings", "meeting:read:list_meetings:admin"}
	meetingListClassic  = []string{"meeting:read", "meeting:read:admin"}
	meetingWriteScopes  = []string{"meeting:write:meeting", "meeting:write:meeting:admin"}
	meetingWriteClassic = []string{"meeting:write", "meeting:write:admin"}
)

// writePage answers one page of items under key, as Zoom's list
// endpoints do.
func writePage(w http.ResponseWriter, r *http.Request, key string, items []map[string]any) {
	q := r.URL.Query()
	size := DefaultPageSize
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeAPIError(w, http.StatusBadRequest, 300, "Invalid field: page_size.")
			return
		}
		size = min(n, MaxPageSize)
	}
	start := 0
	if t := q.Get("next_page_token"); t != "" {
		n, ok := pageOffset(t)
		if !ok || n > len(items) {
			writeAPIError(w, http.StatusBadRequest, CodeInvalidPageToken, "The next page token is invalid or expired.")
			return
		}
		start = n
	}
	end := min(start+size, len(items))
	next := ""
	if end < len(items) {
		next = pageToken(end)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"page_count":      int(math.Ceil(float64(len(items)) / float64(size))),
		"page_number":     1,
		"page_size":       size,
		"total_records":   len(items),
		"next_page_token": next,
		key:               items[start:end],
	})
}

// pageToken is an opaque next_page_token for an offset.
func pageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("zoomtest-page:" + strconv.Itoa(offset)))
}

func pageOffset(token string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "zoomtest-page:"))
	return n, err == nil && n >= 0 && strings.HasPrefix(string(raw), "zoomtest-page:")
}

// AddUsers adds n users to an account, named after their index: a big
// account for pagination.
func (s *Server) AddUsers(accountID string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	base := len(s.users)
	for i := range n {
		k := base + i
		s.users = append(s.users, User{
			ID:        fmt.Sprintf("user%05d", k),
			Email:     fmt.Sprintf("user%05d@example.com", k),
			FirstName: "User", LastName: strconv.Itoa(k), AccountID: accountID,
		})
	}
}

func isMeetingsPath(path string) bool {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	return len(parts) == 3 && parts[0] == "users" && parts[1] != "" && parts[2] == "meetings"
}

// meetingUser is the user a /users/{userId}/meetings path names ("me", an
// ID or an email) if the grant may act for them.
func (s *Server) meetingUser(w http.ResponseWriter, r *http.Request, g grant) (User, bool) {
	id := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/v2"), "/"), "/")[1]
	me, ok := s.me(g)
	if ok && (id == "me" || id == me.ID || id == me.Email) {
		return me, true
	}
	if g.accountID != "" { // an account-level token may act for its users
		s.mu.Lock()
		for _, u := range s.users {
			if u.AccountID == g.accountID && (u.ID == id || u.Email == id) {
				s.mu.Unlock()
				return u, true
			}
		}
		s.mu.Unlock()
	}
	writeAPIError(w, http.StatusNotFound, CodeUserNotExist, "User does not exist: "+id+".")
	return User{}, false
}

func (s *Server) meetingList(w http.ResponseWriter, r *http.Request, g grant) {
	u, ok := s.meetingUser(w, r, g)
	if !ok {
		return
	}
	s.mu.Lock()
	list := slices.Clone(s.meetings[u.ID])
	s.mu.Unlock()
	if list == nil {
		list = []map[string]any{}
	}
	writePage(w, r, "meetings", list)
}

// meetingCreate is POST /users/{userId}/meetings with a JSON body.
func (s *Server) meetingCreate(body []byte) func(http.ResponseWriter, *http.Request, grant) {
	return func(w http.ResponseWriter, r *http.Request, g grant) {
		u, ok := s.meetingUser(w, r, g)
		if !ok {
			return
		}
		var in map[string]any
		if err := json.Unmarshal(body, &in); err != nil || in == nil {
			writeAPIError(w, http.StatusBadRequest, 300, "Request Body should be a valid JSON object.")
			return
		}
		m := map[string]any{"topic": "Zoom meeting", "type": 2, "duration": 60, "timezone": "UTC"}
		for _, k := range []string{"topic", "type", "duration", "timezone", "agenda", "start_time"} {
			if v, ok := in[k]; ok {
				m[k] = v
			}
		}
		s.mu.Lock()
		if s.meetings == nil {
			s.meetings = map[string][]map[string]any{}
		}
		s.meetingSeq++
		id := 85000000000 + s.meetingSeq
		m["id"], m["host_id"], m["host_email"] = id, u.ID, u.Email
		m["created_at"] = s.now().UTC().Format(time.RFC3339)
		m["join_url"] = fmt.Sprintf("https://zoom.us/j/%d", id)
		s.meetings[u.ID] = append(s.meetings[u.ID], m)
		s.mu.Unlock()
		writeJSON(w, http.StatusCreated, m)
	}
}

// RateLimit is a 429 the API answers with Zoom's headers.
type RateLimit struct {
	Category   string // X-RateLimit-Category, e.g. "Light"; "" sends none
	Type       string // X-RateLimit-Type: "QPS" or "Daily-limit"; "" sends none
	RetryAfter string // Retry-After as sent; "" sends none
}

// MessageDailyRateLimited is the message of a daily limit's 429.
const MessageDailyRateLimited = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."

type rateLimitRun struct {
	rl RateLimit
	n  int
}

// InjectAPIRateLimit makes the next n authorized API requests answer 429
// with rl's headers. Calls queue up behind limits not yet served.
func (s *Server) InjectAPIRateLimit(rl RateLimit, n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits = append(s.rateLimits, rateLimitRun{rl, n})
}

// popRateLimit takes the next injected 429, or nil; callers hold s.mu.
func (s *Server) popRateLimit() *RateLimit {
	if len(s.rateLimits) == 0 {
		return nil
	}
	rl := s.rateLimits[0].rl
	if s.rateLimits[0].n--; s.rateLimits[0].n == 0 {
		s.rateLimits = s.rateLimits[1:]
	}
	s.stats.RateLimited++
	return &rl
}

func serveRateLimit(w http.ResponseWriter, rl RateLimit, now time.Time) {
	h := w.Header()
	if rl.Category != "" {
		h.Set("X-RateLimit-Category", rl.Category)
	}
	if rl.Type != "" {
		h.Set("X-RateLimit-Type", rl.Type)
	}
	h.Set("X-RateLimit-Remaining", "0")
	if rl.RetryAfter != "" {
		h.Set("Retry-After", rl.RetryAfter)
	}
	msg := MessageRateLimited
	if strings.Contains(strings.ToLower(rl.Type), "daily") {
		msg = MessageDailyRateLimited
		if rl.RetryAfter == "" {
			next := now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
			h.Set("Retry-After", next.Format(http.TimeFormat))
		}
	}
	writeAPIError(w, http.StatusTooManyRequests, 429, msg)
}

// APIRequest is what a client sent to the API, without its Authorization
// header.
type APIRequest struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
	// Authorized says an Authorization header was sent.
	Authorized bool
}

// recordAPI notes the request; callers hold s.mu.
func (s *Server) recordAPI(r *http.Request, body []byte) {
	h := r.Header.Clone()
	h.Del("Authorization")
	s.lastAPI = APIRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: h,
		Body: slices.Clone(body), Authorized: r.Header.Get("Authorization") != ""}
}

// LastAPIRequest returns the last request made under /v2.
func (s *Server) LastAPIRequest() APIRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.lastAPI
	r.Header, r.Query, r.Body = r.Header.Clone(), maps(r.Query), slices.Clone(r.Body)
	return r
}

func maps(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}
