package access

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoomtest"
)

// serveOn runs ServeMCP for a Server-to-Server connection whose API is
// api (tokens from the fake), with an SDK client on pipes.
func serveOn(t *testing.T, api http.Handler) *mcp.ClientSession {
	t.Helper()
	z := zoomtest.NewServer(zoomtest.Options{})
	t.Cleanup(z.Close)
	z.AddS2SApp(zoomtest.S2SApp{AccountID: s2sAccount, ClientID: s2sClient, ClientSecret: s2sSecret, Activated: true})
	h := httptest.NewServer(api)
	t.Cleanup(h.Close)
	ze := z.Endpoints()
	s := storetest.New(t, &secrettest.Memory{})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "S", Type: auth.AuthS2S, AccountID: s2sAccount, ClientID: s2sClient,
		ClientSecret: s2sSecret, Endpoints: auth.CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, h.URL+"/v2")})
	sv := &Service{Store: s}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- sv.ServeMCP(context.Background(), "S", MCPOptions{In: inR, Out: outW, Name: "test", Version: "1"})
		outW.Close()
	}()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "agent", Version: "1"}, nil).Connect(context.Background(), &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return cs
}

func callText(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any) []string {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range res.Content {
		out = append(out, c.(*mcp.TextContent).Text)
	}
	return out
}

// Answers over 1 MiB are cut and the result says so; zoom_paginate stops
// once the merged pages reach it; text a terminal or a bidi renderer
// would act on is escaped, the JSON value kept.
func TestServeMCPCapsAndCleans(t *testing.T) {
	big := strings.Repeat("x", 100<<10)
	cs := serveOn(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/big":
			fmt.Fprintf(w, `{"blob":%q}`, strings.Repeat(big, 21))
		case "/v2/unsafe":
			fmt.Fprint(w, `{"topic":"Stand`+"\u202e"+`up \u001b[2J"}`)
		case "/v2/pages":
			page := r.URL.Query().Get("next_page_token")
			n := len(page)
			_ = json.NewEncoder(w).Encode(map[string]any{"next_page_token": page + "n", "items": []string{big, fmt.Sprint(n)}})
		}
	}))
	texts := callText(t, cs, "zoom_api", map[string]any{"path": "/big"})
	if len(texts) != 2 || len(texts[0]) > MaxMCPResult || !strings.Contains(texts[1], "cut at 1048576 bytes of") {
		t.Errorf("a 2 MiB answer: %d texts, the first %d bytes, note %q", len(texts), len(texts[0]), texts[len(texts)-1])
	}
	texts = callText(t, cs, "zoom_api", map[string]any{"path": "/unsafe"})
	var v map[string]string
	if strings.Contains(texts[0], "\u202e") || json.Unmarshal([]byte(texts[0]), &v) != nil || v["topic"] != "Stand\u202eup \x1b[2J" {
		t.Errorf("unsafe text: %q", texts[0])
	}
	texts = callText(t, cs, "zoom_paginate", map[string]any{"path": "/pages"})
	if len(texts) != 2 || len(texts[0]) != MaxMCPResult || !strings.Contains(texts[1], "cut at 1048576 bytes (after page") {
		t.Errorf("endless big pages: %d texts, %d bytes, note %q", len(texts), len(texts[0]), texts[len(texts)-1])
	}
}
