// Command fakezoom serves the zoomtest fake Zoom on a fixed address for
// `make demo` and screenshots.
//
//	go run ./cmd/fakezoom --addr 127.0.0.1:8765 [--token-lifetime 1h]
//
// It seeds a demo account and apps, prints the endpoint URLs as one line of
// JSON on stdout and serves until SIGINT or SIGTERM. Secrets are never
// printed; the S2S secret comes from FAKEZOOM_S2S_SECRET (default
// "demo-s2s-secret") and the confidential General app's from
// FAKEZOOM_GENERAL_SECRET (default "demo-general-secret").
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"zoomconn/auth/zoomtest"
)

// Seed identities; fixed so demo scripts and docs can refer to them.
const (
	demoAccountID       = "demo-account"
	demoS2SClientID     = "demoS2SClientID"
	demoGeneralClientID = "demoGeneralClientID"
	demoPublicClientID  = "demoPublicClientID"
	demoRedirectURL     = "http://127.0.0.1/oauth/callback"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8765", "address to listen on")
	lifetime := flag.Duration("token-lifetime", zoomtest.DefaultTokenLifetime, "access token lifetime")
	flag.Parse()
	if err := run(*addr, *lifetime); err != nil {
		fmt.Fprintln(os.Stderr, "fakezoom:", err)
		os.Exit(1)
	}
}

func run(addr string, lifetime time.Duration) error {
	if lifetime <= 0 {
		return fmt.Errorf("--token-lifetime must be positive, got %v", lifetime)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s := zoomtest.NewServerOn(l, zoomtest.Options{TokenLifetime: lifetime})
	defer s.Close()
	seed(s)

	// One line of JSON on stdout, so scripts can read the URLs.
	if err := json.NewEncoder(os.Stdout).Encode(s.Endpoints()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "fakezoom: serving %s (account %q; clients %s, %s, %s); Ctrl-C to stop\n",
		s.URL(), demoAccountID, demoS2SClientID, demoGeneralClientID, demoPublicClientID)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}

func seed(s *zoomtest.Server) {
	s.AddUser(zoomtest.User{
		ID:        "KDcuGIm1QgePTO8WbOqwIQ",
		Email:     "demo.user@example.com",
		FirstName: "Demo",
		LastName:  "User",
		AccountID: demoAccountID,
	})
	s.AddS2SApp(zoomtest.S2SApp{
		AccountID:    demoAccountID,
		ClientID:     demoS2SClientID,
		ClientSecret: envOr("FAKEZOOM_S2S_SECRET", "demo-s2s-secret"),
		Scopes:       []string{"user:read:admin", "user:read:list_users:admin"},
		Activated:    true,
	})
	s.AddGeneralApp(zoomtest.GeneralApp{
		ClientID:     demoGeneralClientID,
		ClientSecret: envOr("FAKEZOOM_GENERAL_SECRET", "demo-general-secret"),
		RedirectURLs: []string{demoRedirectURL},
		Scopes:       []string{"user:read:user"},
	})
	s.AddGeneralApp(zoomtest.GeneralApp{
		ClientID:     demoPublicClientID,
		RedirectURLs: []string{demoRedirectURL},
		Scopes:       []string{"user:read:user"},
	})
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
