package access

import (
	"context"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoomtest"
)

// BenchmarkMCPServeVsAPI measures what mcp serve's zoom_api adds to the
// same API call made directly (Service.API, the path `zoomconn api`
// takes): GET /users/me on the fake Zoom with a cached token, 2,000 of
// each alternating in one process after 200 of each to warm up, the agent
// an SDK client on in-process pipes. zoom_api's time includes the
// JSON-RPC round trip, the allow list, the sanitiser and the audit log's
// append. One run is the measurement: run it with -benchtime 1x.
func BenchmarkMCPServeVsAPI(b *testing.B) {
	const warm, n = 200, 2_000
	for b.Loop() {
		z := zoomtest.NewServer(zoomtest.Options{})
		z.AddUser(zoomtest.User{ID: "u1", Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", AccountID: s2sAccount})
		z.AddS2SApp(zoomtest.S2SApp{AccountID: s2sAccount, ClientID: s2sClient, ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}, Activated: true})
		ze := z.Endpoints()
		s := storetest.New(b, &secrettest.Memory{})
		storetest.MustSaveConn(b, s, auth.ConnectionInput{Name: "S", Type: auth.AuthS2S, AccountID: s2sAccount, ClientID: s2sClient,
			ClientSecret: s2sSecret, Endpoints: auth.CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, ze.APIBaseURL)})
		sv := &Service{Store: s}
		ctx := context.Background()

		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		served := make(chan error, 1)
		go func() {
			served <- sv.ServeMCP(ctx, "S", MCPOptions{In: inR, Out: outW, Name: "bench", Version: "1"})
			outW.Close()
		}()
		cs, err := mcp.NewClient(&mcp.Implementation{Name: "agent", Version: "1"}, nil).Connect(ctx, &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
		if err != nil {
			b.Fatal(err)
		}
		direct := func() time.Duration {
			t0 := time.Now()
			resp, err := sv.API(ctx, "S", Request{Method: "GET", Path: "/users/me"}, APIOptions{})
			if err != nil || !resp.OK() {
				b.Fatalf("api: %v", err)
			}
			return time.Since(t0)
		}
		viaMCP := func() time.Duration {
			t0 := time.Now()
			res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "zoom_api", Arguments: map[string]any{"path": "/users/me"}})
			if err != nil || res.IsError {
				b.Fatalf("zoom_api: %v %v", err, res)
			}
			return time.Since(t0)
		}
		for range warm {
			direct()
			viaMCP()
		}
		var api, viaServe []time.Duration
		for range n {
			api = append(api, direct())
			viaServe = append(viaServe, viaMCP())
		}
		cs.Close()
		if err := <-served; err != nil {
			b.Fatal(err)
		}
		z.Close()
		us := func(d []time.Duration, q float64) float64 {
			slices.Sort(d)
			return float64(d[int(q*float64(len(d)-1))].Nanoseconds()) / 1000
		}
		b.ReportMetric(us(api, 0.5), "api-p50-us")
		b.ReportMetric(us(viaServe, 0.5), "mcp-p50-us")
		b.ReportMetric(us(api, 0.9), "api-p90-us")
		b.ReportMetric(us(viaServe, 0.9), "mcp-p90-us")
	}
}
