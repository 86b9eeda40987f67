package zoomtest

import "os"

// The demo account and apps that cmd/fakezoom serves for `make demo` and
// `make screenshots`: fixed, so demo scripts, the screenshot driver
// (internal/shots) and docs can refer to them.
const (
	DemoAccountID   = "demo-account"
	DemoS2SClientID = "demoS2SClientID"
	// DemoNarrowS2SClientID is a second Server-to-Server app of the demo
	// account, with the secret of the first, granting user:read:user only:
	// /users/me works, /users shows the scope doctor (4711).
	DemoNarrowS2SClientID = "demoNarrowS2SClientID"
	DemoGeneralClientID   = "demoGeneralClientID"
	DemoPublicClientID    = "demoPublicClientID"
	DemoRedirectURL       = "http://127.0.0.1/oauth/callback"
	// DemoSubscriptionID is the demo Server-to-Server app's WebSocket
	// event subscription.
	DemoSubscriptionID = "demo-subscription"
	// DemoUsers is how many users the demo account has.
	DemoUsers = 1000
)

// DemoSecrets are the client secrets of the demo Server-to-Server app and
// the confidential General app: FAKEZOOM_S2S_SECRET and
// FAKEZOOM_GENERAL_SECRET when set, else "demo-s2s-secret" and
// "demo-general-secret".
func DemoSecrets() (s2s, general string) {
	return envOr("FAKEZOOM_S2S_SECRET", "demo-s2s-secret"), envOr("FAKEZOOM_GENERAL_SECRET", "demo-general-secret")
}

// SeedDemo adds the demo user and apps to s: a Server-to-Server app, a
// narrower one (DemoNarrowS2SClientID), a confidential General app and a
// public (PKCE) one. The account has
// DemoUsers users, so `zoomconn api … /users --paginate` has pages to
// follow; the General apps' user:read:user makes /users show the scope
// doctor (user-managed apps get no :admin scopes).
func SeedDemo(s *Server) {
	s2sSecret, generalSecret := DemoSecrets()
	s.AddUser(User{
		ID:        "KDcuGIm1QgePTO8WbOqwIQ",
		Email:     "demo.user@example.com",
		FirstName: "Demo",
		LastName:  "User",
		AccountID: DemoAccountID,
	})
	s.AddUsers(DemoAccountID, DemoUsers-1)
	s.AddS2SApp(S2SApp{
		AccountID:    DemoAccountID,
		ClientID:     DemoS2SClientID,
		ClientSecret: s2sSecret,
		Scopes:       []string{"user:read:admin", "user:read:list_users:admin"},
		Activated:    true,
	})
	s.AddEventSubscription(DemoS2SClientID, DemoSubscriptionID)
	s.AddS2SApp(S2SApp{
		AccountID:    DemoAccountID,
		ClientID:     DemoNarrowS2SClientID,
		ClientSecret: s2sSecret,
		Scopes:       []string{"user:read:user"},
		Activated:    true,
	})
	s.AddGeneralApp(GeneralApp{
		ClientID:     DemoGeneralClientID,
		ClientSecret: generalSecret,
		RedirectURLs: []string{DemoRedirectURL},
		Scopes:       []string{"user:read:user"},
	})
	s.AddGeneralApp(GeneralApp{
		ClientID:     DemoPublicClientID,
		RedirectURLs: []string{DemoRedirectURL},
		Scopes:       []string{"user:read:user"},
	})
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
