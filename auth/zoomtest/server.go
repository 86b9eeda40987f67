// Package zoomtest is a fake Zoom OAuth and REST API server for tests and
// demos. zoom.us is unreachable from our build machines, so this fake
// reproduces the behaviour the Zoom developer docs describe, including the
// sharp edges (parameters only in the form body, the 4700 "Invalid redirect"
// page, PKCE defaulting to "plain", refresh-token rotation, error bodies).
//
// A Server is safe for concurrent use. It never logs: tokens, codes and
// client secrets only ever appear in HTTP responses to the client that
// legitimately asked for them.
package zoomtest

import (
	"crypto/rand"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"
)

// Default lifetimes, as documented by Zoom.
const (
	// DefaultTokenLifetime is the lifetime of a Zoom access token.
	DefaultTokenLifetime = time.Hour
	// DefaultCodeLifetime is how long an authorization code can be exchanged.
	DefaultCodeLifetime = 5 * time.Minute
)

// maxBodyBytes bounds every request body the fake reads, so a misbehaving
// client cannot make it buffer unbounded data.
const maxBodyBytes = 64 << 10

// Options configures a Server. The zero value is Zoom's behaviour.
type Options struct {
	// TokenLifetime is the access-token lifetime; 0 means one hour (Zoom's).
	TokenLifetime time.Duration
	// CodeLifetime is the authorization-code lifetime; 0 means five minutes.
	CodeLifetime time.Duration
	// Now is the clock used for every expiry decision; nil means time.Now.
	// Tests inject a fake clock so expiry is tested without sleeping.
	Now func() time.Time
}

// Endpoints are the URLs of a running fake, laid out like Zoom's. The JSON
// names match the ones our connection configuration uses.
type Endpoints struct {
	AuthorizeURL string `json:"authorize_url"` // URL + "/oauth/authorize"
	TokenURL     string `json:"token_url"`     // URL + "/oauth/token"
	RevokeURL    string `json:"revoke_url"`    // URL + "/oauth/revoke"
	APIBaseURL   string `json:"api_url"`       // URL + "/v2"
	EventsURL    string `json:"events_url"`    // ws:// URL + "/ws", the events socket
	MCPURL       string `json:"mcp_url"`       // URL: hosted MCP servers at /mcp/{name}/streamable
}

// S2SApp is a Server-to-Server OAuth app (grant_type=account_credentials).
type S2SApp struct {
	AccountID    string   // the only account this app may get tokens for
	ClientID     string   // sent as the HTTP Basic user name
	ClientSecret string   // sent as the HTTP Basic password
	Scopes       []string // granted to every token
	// Activated mirrors the "Activate your app" step in the Zoom Marketplace;
	// Zoom refuses tokens for apps that were never activated.
	Activated bool
}

// GeneralApp is a user-level OAuth app (authorization code + refresh token;
// with a secret, also client_credentials: an app-level token for events).
type GeneralApp struct {
	ClientID string
	// ClientSecret "" makes a public client: it must use PKCE, sends
	// client_id in the form body and never an Authorization header.
	ClientSecret string
	// RedirectURLs are the registered redirect URLs, e.g.
	// "http://127.0.0.1/oauth/callback". For the loopback hosts 127.0.0.1
	// and [::1] the port of the requested URL is ignored.
	RedirectURLs []string
	Scopes       []string // granted to every token; a requested scope is ignored
	// RefuseLoopbackForConfidential makes the authorize page reject loopback
	// redirects for this app if it has a secret, as Zoom may do.
	RefuseLoopbackForConfidential bool
	// Deactivated simulates an app that was disabled in the Marketplace.
	// The zero value is a usable app, since General apps work in
	// development without publishing.
	Deactivated bool
}

// User is a Zoom user, returned by the /v2/users endpoints.
type User struct {
	ID        string
	Email     string
	FirstName string
	LastName  string
	AccountID string
}

// Stats counts what clients did; see Server.Stats.
type Stats struct {
	// TokenRequests counts token-endpoint requests by the grant_type in the
	// form body ("" when missing), including requests answered by a fault.
	TokenRequests map[string]int
	// InvalidGrants counts responses with "error":"invalid_grant".
	InvalidGrants int
	// AuthorizeRequests counts requests to the authorize page.
	AuthorizeRequests int
	// Revokes counts revoke requests answered with success.
	Revokes int
	// APICalls counts requests under /v2, authorized or not.
	APICalls int
	// FaultsServed counts token requests answered by an injected fault.
	FaultsServed int
	// RateLimited counts API requests answered by an injected 429.
	RateLimited int
	// EventConnects counts requests to the events socket, refused or not;
	// Heartbeats the heartbeats it received, answered or not.
	EventConnects, Heartbeats int
}

// client is one registered app; exactly one of s2s and gen is set.
type client struct {
	s2s *S2SApp
	gen *GeneralApp
}

func (c *client) secret() string {
	if c.s2s != nil {
		return c.s2s.ClientSecret
	}
	return c.gen.ClientSecret
}

// grant is what one consent (or one S2S token request) produced. Revoking
// it kills every access and refresh token issued for it.
type grant struct {
	clientID  string
	userID    string // General apps: the consenting user
	accountID string // S2S apps: the app's account
	scopes    []string
	revoked   bool
}

type authCode struct {
	clientID    string
	redirectURI string // exactly as sent to authorize, port included
	challenge   string
	method      string // "S256" or "plain"
	userID      string
	scopes      []string
	expires     time.Time
	used        bool
	grant       *grant // set once exchanged, so a replay can revoke it
}

type accessToken struct {
	grant   *grant
	expires time.Time
}

type faultRun struct {
	f Fault
	n int
}

// Server is a running fake Zoom. Create one with NewServer or NewServerOn
// and Close it when done.
type Server struct {
	ts            *httptest.Server
	tokenLifetime time.Duration
	codeLifetime  time.Duration
	now           func() time.Time

	closeOnce sync.Once
	closed    chan struct{} // closed by Close; releases FaultHang handlers

	mu       sync.Mutex // guards everything below
	clients  map[string]*client
	users    []User // in the order added: "first user" matters
	consent  func(clientID string) (userID string, approve bool)
	codes    map[string]*authCode
	access   map[string]*accessToken
	refresh  map[string]*grant
	faults   []faultRun
	stats    Stats
	issued   []string
	hangHook func() // tests: called when a FaultHang handler starts blocking

	rateLimits []rateLimitRun              // injected 429s of the API, in order
	lastAPI    APIRequest                  // the last /v2 request, for tests
	meetings   map[string][]map[string]any // by host user ID, in creation order
	meetingSeq int64

	subscriptions     map[string]string     // events: subscription ID → client ID
	eventConns        map[string]*eventConn // the open connection of each subscription
	eventsChange      chan struct{}         // closed when eventConns changes
	refusedHeartbeats int                   // heartbeats left to leave unanswered

	mcp mcpState // the hosted MCP servers (mcp.go)
}

// NewServer starts a fake Zoom on a random port of 127.0.0.1.
func NewServer(opts Options) *Server {
	s := newServer(opts)
	s.ts = httptest.NewServer(s.handler())
	return s
}

// NewServerOn starts a fake Zoom serving on l, which it takes ownership
// of. cmd/fakezoom uses it to serve on a fixed address; URL is derived from
// l.Addr().
func NewServerOn(l net.Listener, opts Options) *Server {
	s := newServer(opts)
	s.ts = httptest.NewUnstartedServer(s.handler())
	// Replace the throwaway random-port listener httptest made for us.
	s.ts.Listener.Close()
	s.ts.Listener = l
	s.ts.Start()
	return s
}

func newServer(opts Options) *Server {
	s := &Server{
		tokenLifetime: opts.TokenLifetime,
		codeLifetime:  opts.CodeLifetime,
		now:           opts.Now,
		closed:        make(chan struct{}),
		clients:       map[string]*client{},
		codes:         map[string]*authCode{},
		access:        map[string]*accessToken{},
		refresh:       map[string]*grant{},
		stats:         Stats{TokenRequests: map[string]int{}},
	}
	if s.tokenLifetime <= 0 {
		s.tokenLifetime = DefaultTokenLifetime
	}
	if s.codeLifetime <= 0 {
		s.codeLifetime = DefaultCodeLifetime
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth/authorize", s.handleAuthorize)
	mux.HandleFunc("/oauth/token", s.handleToken)
	mux.HandleFunc("/oauth/revoke", s.handleRevoke)
	mux.HandleFunc("/v2/", s.handleAPI)
	mux.HandleFunc(EventsPath, s.handleEvents)
	mux.HandleFunc(EmitPath, s.handleEmit)
	mux.Handle(MCPPathPrefix, s.mcpHandler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeAPIError(w, http.StatusNotFound, 404, "Not found.")
	})
	return mux
}

// Close shuts the server down. Requests blocked in FaultHang are released
// and open connections are closed, so Close never waits on a client.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.ts.CloseClientConnections()
		s.ts.Close()
	})
}

// URL is the base URL of the server, e.g. "http://127.0.0.1:43567". It is
// also the "api_url" Zoom returns in token responses.
func (s *Server) URL() string { return s.ts.URL }

// Endpoints returns the fake's OAuth and API URLs.
func (s *Server) Endpoints() Endpoints {
	u := s.URL()
	return Endpoints{
		AuthorizeURL: u + "/oauth/authorize",
		TokenURL:     u + "/oauth/token",
		RevokeURL:    u + "/oauth/revoke",
		APIBaseURL:   u + "/v2",
		EventsURL:    "ws" + strings.TrimPrefix(u, "http") + EventsPath,
		MCPURL:       u,
	}
}

// AddS2SApp registers (or replaces) a Server-to-Server app by client ID.
func (s *Server) AddS2SApp(app S2SApp) {
	app.Scopes = slices.Clone(app.Scopes)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[app.ClientID] = &client{s2s: &app}
}

// AddGeneralApp registers (or replaces) a General (user-level) app by
// client ID.
func (s *Server) AddGeneralApp(app GeneralApp) {
	app.Scopes = slices.Clone(app.Scopes)
	app.RedirectURLs = slices.Clone(app.RedirectURLs)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[app.ClientID] = &client{gen: &app}
}

// AddUser adds a user. Order matters: the first user approves consent by
// default, and an S2S token's /users/me is the first user of its account.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users = append(s.users, u)
}

// SetConsent decides who "logs in" on the authorize page and whether they
// approve the app. f is called without internal locks held, so it may call
// back into the Server. nil restores the default: the first added user
// approves.
func (s *Server) SetConsent(f func(clientID string) (userID string, approve bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.consent = f
}

// InjectTokenFault makes the next n token-endpoint requests fail with f
// instead of being processed. Calls queue up behind faults not yet served.
func (s *Server) InjectTokenFault(f Fault, n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faultRun{f, n})
}

// Stats returns a snapshot of the request counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.TokenRequests = make(map[string]int, len(s.stats.TokenRequests))
	for k, v := range s.stats.TokenRequests {
		st.TokenRequests[k] = v
	}
	return st
}

// IssuedSecrets returns every access token, refresh token and
// authorization code the server has issued, so tests can check none of
// them leaks into logs, files or error messages.
func (s *Server) IssuedSecrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.issued)
}

// ExpireAccessTokens makes every access token issued so far expired, as if
// its lifetime had passed. Tokens issued later are unaffected.
func (s *Server) ExpireAccessTokens() {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, at := range s.access {
		if at.expires.After(now) {
			at.expires = now
		}
	}
}

// newSecret returns a fresh random token; callers hold s.mu. It is
// recorded for IssuedSecrets.
func (s *Server) newSecret() string {
	var b [32]byte
	rand.Read(b[:]) // never fails since Go 1.24
	v := base64.RawURLEncoding.EncodeToString(b[:])
	s.issued = append(s.issued, v)
	return v
}

// userByID and firstUserOf look users up; callers hold s.mu.
func (s *Server) userByID(id string) (User, bool) {
	for _, u := range s.users {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

func (s *Server) firstUserOf(accountID string) (User, bool) {
	for _, u := range s.users {
		if u.AccountID == accountID {
			return u, true
		}
	}
	return User{}, false
}
