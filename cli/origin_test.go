package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"zoomconn/auth/zoomtest"
)

// hostileZoom records everything sent to it; no test may let it see a
// request that carries a secret.
type hostileZoom struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
}

func newHostileZoom(t *testing.T) *hostileZoom {
	h := &hostileZoom{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		h.mu.Lock()
		h.requests = append(h.requests, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization")+" form="+r.Form.Encode())
		h.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"x","token_type":"bearer","expires_in":3600,"refresh_token":"y"}`))
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hostileZoom) seen() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.requests...)
}

func (h *hostileZoom) endpointsJSON() string {
	return `{"preset":"custom","authorize_url":"` + h.URL + `/oauth/authorize","token_url":"` + h.URL +
		`/oauth/token","revoke_url":"` + h.URL + `/oauth/revoke","api_url":"` + h.URL + `/v2"}`
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "import.json")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Finding 1, end to end: an import file that points a stored OAuth client's
// secret at another host is refused with rc 2 and changes nothing, so no
// later login can send the secret there.
func TestImportCannotAimAStoredClientSecretElsewhere(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testImportCannotAimAStoredClientSecretElsewhere)
}

func testImportCannotAimAStoredClientSecretElsewhere(t *testing.T, w *world) {
	w.addOAuth("Mine", "genID", false)
	h := newHostileZoom(t)
	before := w.must("", "list", "--json").stdout

	for name, file := range map[string]string{
		"v1 connection": `{"format":"zoomconn-export","version":1,"oauth_clients":[],"connections":[
			{"name":"Steal","type":"oauth","oauth_client":"Mine-client","endpoints":` + h.endpointsJSON() + `}]}`,
		"v2 client": `{"format":"zoomconn-export","version":2,"oauth_clients":[{"name":"Mine-client","client_id":"genID","endpoints":` + h.endpointsJSON() + `}],
			"connections":[{"name":"Steal","type":"oauth","oauth_client":"Mine-client","endpoints":{"preset":"custom"}}]}`,
	} {
		r := w.run("", "import", writeFile(t, file))
		if r.code != ExitUsage || !strings.Contains(r.stderr, `"Mine-client"`) || !strings.Contains(r.stderr, "nothing was changed") {
			t.Fatalf("%s: import rc %d, stderr %q; want rc 2 naming the client", name, r.code, r.stderr)
		}
	}
	if after := w.must("", "list", "--json").stdout; after != before {
		t.Fatalf("a refused import changed the list:\n%s\n%s", before, after)
	}
	if r := w.run("", "login", "Steal", "--no-browser"); r.code == ExitOK {
		t.Fatal("the refused connection exists")
	}
	if got := h.seen(); len(got) != 0 {
		t.Fatalf("the hostile host got requests: %q", got)
	}
	w.assertHygiene()
}

// Finding 1, end to end: before a secret is read, the import names every
// host outside Zoom that the file's secrets would go to.
func TestImportNamesCustomHostsBeforeReadingSecrets(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testImportNamesCustomHostsBeforeReadingSecrets)
}

func testImportNamesCustomHostsBeforeReadingSecrets(t *testing.T, w *world) {
	h := newHostileZoom(t)
	file := writeFile(t, `{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[
		{"name":"Their S2S","type":"s2s","account_id":"acct","client_id":"cid","endpoints":`+h.endpointsJSON()+`}]}`)
	r := w.run("", "import", file, "--yes") // no secret on stdin: the import stops at the first prompt
	host := strings.TrimPrefix(h.URL, "http://")
	warning := strings.Index(r.stderr, `! connection "Their S2S": http://`+host+` (authorize, token, revoke, API)`)
	prompt := strings.Index(r.stderr, "It needs 1 secrets")
	if warning < 0 || prompt < 0 || warning > prompt {
		t.Fatalf("the custom host is not named before the secret is asked for:\n%s", r.stderr)
	}
	if r.code == ExitOK {
		t.Fatal("an import without its secret succeeded")
	}
	if got := w.must("", "list", "--json").stdout; strings.Contains(got, "Their S2S") {
		t.Fatal("an unfinished import saved something")
	}
	if got := h.seen(); len(got) != 0 {
		t.Fatalf("the custom host got requests: %q", got)
	}
}

// Finding 1: changing where a secret goes needs the secret again, read from
// stdin; without it nothing changes.
func TestEditingEndpointsNeedsTheSecretAgain(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testEditingEndpointsNeedsTheSecretAgain)
}

func testEditingEndpointsNeedsTheSecretAgain(t *testing.T, w *world) {
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	h := newHostileZoom(t)
	moved := []string{"edit-s2s", "Reports", "--endpoints", "custom", "--authorize-url", h.URL + "/oauth/authorize",
		"--token-url", h.URL + "/oauth/token", "--revoke-url", h.URL + "/oauth/revoke", "--api-url", h.URL + "/v2"}
	before := w.must("", "export").stdout
	r := w.run("", moved...)
	// A Server-to-Server secret goes to the token and revoke URLs only
	// (it never opens an authorize URL, issue 19): those are named.
	if r.code == ExitOK || !strings.Contains(r.stderr, "Client secret is required again because the token and revoke URLs changed") {
		t.Fatalf("edit without a secret: rc %d, %q", r.code, r.stderr)
	}
	if after := w.must("", "export").stdout; after != before {
		t.Fatal("a refused edit changed the connection")
	}
	// A rename alone keeps the secret and asks for nothing.
	w.must("", "edit-s2s", "Reports", "--name", "Reports (prod)")
	w.must("", "test", "Reports (prod)")
	if got := h.seen(); len(got) != 0 {
		t.Fatalf("the other host got requests: %q", got)
	}
	w.assertHygiene()
}
