//go:build shots

package shots

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth/access"
	"zoomconn/gui"
	"zoomconn/gui/guitest"
)

// agentConnection is the seeded connection the AI agent window shows.
const agentConnection = "Reporting (S2S)"

// agentShots is the "Use with an AI agent" window of a connection with a
// stored allow list and a few calls an agent made through mcp serve (a
// real one: the core's ServeMCP with the SDK's client on pipes), one of
// them refused.
func (d *driver) agentShots(u *gui.Driver) []step {
	return []step{
		{"30-ai-agent.png", func(name string) error {
			svc := d.sc.svc
			if err := svc.SetMCPAllow(agentConnection, []string{"GET /users/**", "GET /report/**"}); err != nil {
				return err
			}
			if err := agentCalls(svc); err != nil {
				return err
			}
			var w fyne.Window
			d.ui(func() {
				u.SetAgentCommand("/usr/bin/zoomconn") // where the packages install it
				w = u.OpenAgent(agentConnection)
			})
			shown := func() bool { // until reads it on the UI goroutine
				found := false
				guitest.Walk(w.Content(), func(o fyne.CanvasObject) {
					if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "zoom_scopes") {
						found = true
					}
				})
				return found
			}
			if err := d.until("the agent's calls shown", shown); err != nil {
				var texts []string
				d.ui(func() {
					if w == nil {
						return
					}
					guitest.Walk(w.Content(), func(o fyne.CanvasObject) {
						if l, ok := o.(*widget.Label); ok {
							texts = append(texts, l.Text)
						}
					})
				})
				return fmt.Errorf("%w; the window shows %q", err, texts)
			}
			err := d.capture(w, name)
			d.ui(w.Close)
			return err
		}},
	}
}

// agentCalls makes an agent's calls through mcp serve: two allowed, one
// refused by the stored list.
func agentCalls(svc *access.Service) error {
	ctx := context.Background()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- svc.ServeMCP(ctx, agentConnection, access.MCPOptions{In: inR, Out: outW, Name: "zoomconn", Version: "demo"})
		outW.Close()
	}()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "agent", Version: "1"}, nil).Connect(ctx, &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		return err
	}
	for _, args := range []map[string]any{
		{"path": "/users/me"},
		{"method": "POST", "path": "/users/me/meetings", "body": map[string]any{"topic": "Weekly report"}},
		{"path": "/users", "query": map[string]any{"page_size": 30}},
	} {
		if _, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "zoom_api", Arguments: args}); err != nil {
			return err
		}
	}
	if _, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "zoom_scopes"}); err != nil {
		return err
	}
	cs.Close()
	return <-done
}
