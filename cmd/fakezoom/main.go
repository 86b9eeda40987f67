// Command fakezoom serves the zoomtest fake Zoom on a fixed address for
// `make demo` and screenshots.
//
//	go run ./cmd/fakezoom --addr 127.0.0.1:8765 [--token-lifetime 1h] [--users 3000] [--emit-every 4s]
//
// It seeds the demo account and apps (zoomtest.SeedDemo; --users makes the
// demo account bigger than its zoomtest.DemoUsers, as `make bench` does for
// ten full pages of /users), prints the
// endpoint URLs as one line of JSON on stdout (events_url, the WebSocket
// events socket, and mcp_url, the base of its hosted MCP servers
// /mcp/meeting/streamable and /mcp/zoom/streamable, among them) and serves until SIGINT or SIGTERM. The demo
// S2S app owns the event subscription zoomtest.DemoSubscriptionID; to emit
// an event to its open connection (a sample meeting.started when the body
// is empty):
//
//	curl -X POST -d @event.json 'http://127.0.0.1:8765/_fake/events/emit?subscriptionId=demo-subscription'
//
// It answers 204, or 409 when no connection is open (the event is lost).
// --emit-every D (off by default) also emits one of the bundled sample
// events (auth/webhook), stamped now, to that subscription every D while
// a socket is connected, so `make demo`'s Events window shows events
// arriving. Secrets are never printed; the S2S secret comes from
// FAKEZOOM_S2S_SECRET (default "demo-s2s-secret") and the confidential
// General app's from FAKEZOOM_GENERAL_SECRET (default "demo-general-secret").
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

	"zoomconn/auth/webhook"
	"zoomconn/auth/zoomtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8765", "address to listen on")
	lifetime := flag.Duration("token-lifetime", zoomtest.DefaultTokenLifetime, "access token lifetime")
	users := flag.Int("users", zoomtest.DemoUsers, "users in the demo account (at least the demo's own)")
	emitEvery := flag.Duration("emit-every", 0, "emit a sample event to the demo subscription this often while a socket is connected (0: never)")
	flag.Parse()
	if err := run(*addr, *lifetime, *users, *emitEvery); err != nil {
		fmt.Fprintln(os.Stderr, "fakezoom:", err)
		os.Exit(1)
	}
}

func run(addr string, lifetime time.Duration, users int, emitEvery time.Duration) error {
	if lifetime <= 0 {
		return fmt.Errorf("--token-lifetime must be positive, got %v", lifetime)
	}
	if users < zoomtest.DemoUsers {
		return fmt.Errorf("--users must be at least %d (the demo account's own), got %d", zoomtest.DemoUsers, users)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s := zoomtest.NewServerOn(l, zoomtest.Options{TokenLifetime: lifetime})
	defer s.Close()
	zoomtest.SeedDemo(s)
	s.AddUsers(zoomtest.DemoAccountID, users-zoomtest.DemoUsers)

	// One line of JSON on stdout, so scripts can read the URLs.
	if err := json.NewEncoder(os.Stdout).Encode(s.Endpoints()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "fakezoom: serving %s (account %q; clients %s, %s, %s; events subscription %q, emit with POST %s%s?subscriptionId=%s); Ctrl-C to stop\n",
		s.URL(), zoomtest.DemoAccountID, zoomtest.DemoS2SClientID, zoomtest.DemoGeneralClientID, zoomtest.DemoPublicClientID,
		zoomtest.DemoSubscriptionID, s.URL(), zoomtest.EmitPath, zoomtest.DemoSubscriptionID)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if emitEvery > 0 {
		go emitSamples(ctx, s, emitEvery)
	}
	<-ctx.Done()
	return nil
}

// emitSamples emits the bundled sample events in turn, each stamped now,
// to the demo subscription every interval until ctx ends; while no socket
// is connected they are lost, as at Zoom.
func emitSamples(ctx context.Context, s *zoomtest.Server, every time.Duration) {
	names := webhook.Events()
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			body, err := webhook.Sample(names[i%len(names)], now)
			if err == nil {
				s.EmitEvent(zoomtest.DemoSubscriptionID, body)
			}
		}
	}
}
