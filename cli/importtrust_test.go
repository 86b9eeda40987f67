package cli

// Issue 17, findings 4 and 6, end to end: an import naming hosts outside
// Zoom needs a yes before anything changes (a question on a terminal,
// --yes otherwise); an import never gives a connection of a client already
// here an API host of its own; login names an API host that is not the
// client's; and an import refusal prints the file's URLs made safe.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
	"zoomconn/internal/safetext/safetexttest"
)

// runOnTerminal runs a command in this process as if stdin were a
// terminal: typed is what the user types at visible prompts, one answer a
// line, and each prompt without echo reads the next of hidden. It also
// returns how many hidden prompts were read.
func (w *world) runOnTerminal(typed string, hidden []string, args ...string) (result, int) {
	w.t.Helper()
	var stdout bytes.Buffer
	stderr := &watchedWriter{}
	read := 0
	e := &Env{Stdin: strings.NewReader(typed), Stdout: &stdout, Stderr: stderr, StdinIsTerminal: true,
		ReadPassword: func() (string, error) {
			if read == len(hidden) {
				return "", io.EOF
			}
			read++
			return hidden[read-1], nil
		},
		ConfigDir: w.dir, Keyring: w.secrets, OpenURL: zoomtest.NewBrowser().Open, Now: w.clock.Now, Version: "test"}
	res := result{code: Main(args, e)}
	res.stdout, res.stderr = stdout.String(), stderr.String()
	w.record(args, res.stdout, res.stderr)
	return res, read
}

// fakeZoomEndpointsJSON is the fake Zoom's endpoints as an export file
// writes them: a host outside Zoom.
func (w *world) fakeZoomEndpointsJSON() string {
	e := w.zoom.Endpoints()
	raw, _ := json.Marshal(auth.CustomEndpoints(e.AuthorizeURL, e.TokenURL, e.RevokeURL, e.APIBaseURL))
	return string(raw)
}

// s2sExport is an export file with one Server-to-Server connection of the
// fake Zoom's S2S app on these endpoints.
func s2sExport(name, endpointsJSON string) string {
	return `{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[
		{"name":"` + name + `","type":"s2s","account_id":"acct","client_id":"s2sID","endpoints":` + endpointsJSON + `}]}`
}

// unchanged is what a refused import must leave as it was: the list, the
// metadata file and the keyring.
type unchanged struct {
	w    *world
	list string
	meta []byte
	keys map[string]string
}

func (w *world) snapshot() unchanged {
	w.t.Helper()
	meta, err := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	return unchanged{w: w, list: w.must("", "list", "--json").stdout, meta: meta, keys: w.secrets.Snapshot()}
}

func (u unchanged) check(what string) {
	u.w.t.Helper()
	if list := u.w.must("", "list", "--json").stdout; list != u.list {
		u.w.t.Errorf("%s changed the list:\n%s\nwas\n%s", what, list, u.list)
	}
	if meta, _ := os.ReadFile(filepath.Join(u.w.dir, "connections.json")); !bytes.Equal(meta, u.meta) {
		u.w.t.Errorf("%s changed the metadata file", what)
	}
	if keys := u.w.secrets.Snapshot(); !reflect.DeepEqual(keys, u.keys) {
		u.w.t.Errorf("%s changed the keyring", what)
	}
}

// Off a terminal, a file naming a host outside Zoom imports only with
// --yes: without it, exit 2, a sentence saying what to do, and nothing
// changes, even with the secret on stdin.
func TestImportNamingForeignHostsNeedsYesOffATerminal(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Existing", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	file := writeFile(t, s2sExport("Reports", w.fakeZoomEndpointsJSON()))
	before := w.snapshot()

	for _, stdin := range []string{s2sSecret + "\n", ""} { // the secret piped in; </dev/null
		r := w.run(stdin, "import", file)
		if r.code != ExitUsage {
			t.Fatalf("import without --yes: exit %d, want %d\n%s", r.code, ExitUsage, r.stderr)
		}
		host := strings.TrimPrefix(w.zoom.URL(), "http://")
		mustContain(t, "refusal", r.stderr, `! connection "Reports": http://`+host, "nothing was imported", "Review the hosts", "--yes")
		if strings.Contains(r.stderr, "[y/N]") || strings.Contains(r.stderr, "It needs") {
			t.Errorf("off a terminal it asked something:\n%s", r.stderr)
		}
		before.check("an import without --yes")
	}

	r := w.must(s2sSecret+"\n", "import", file, "--yes")
	mustContain(t, "import --yes", r.stderr, "Imported 1 connections")
	if tok := w.run("", "token", "Reports"); tok.code != ExitOK {
		t.Fatalf("the imported connection does not work: %s", tok.stderr)
	}
	w.assertHygiene()
}

// On a terminal, the import lists the hosts, then asks; anything but y or
// yes changes nothing and asks for no secret; y imports.
func TestImportNamingForeignHostsAsksOnATerminal(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Existing", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	file := writeFile(t, s2sExport("Reports", w.fakeZoomEndpointsJSON()))
	before := w.snapshot()
	const question = "Import and allow these hosts? [y/N] "

	for _, answer := range []string{"n\n", "\n", "", "no\n", "yess\n"} {
		r, secretsRead := w.runOnTerminal(answer, []string{s2sSecret}, "import", file)
		if r.code != ExitUsage {
			t.Fatalf("answer %q: exit %d, want %d\n%s", answer, r.code, ExitUsage, r.stderr)
		}
		warning, asked := strings.Index(r.stderr, `! connection "Reports": http://`), strings.Index(r.stderr, question)
		if warning < 0 || asked < warning {
			t.Fatalf("answer %q: the question does not follow the hosts:\n%s", answer, r.stderr)
		}
		mustContain(t, "refusal", r.stderr, "nothing was imported")
		if secretsRead != 0 || strings.Contains(r.stderr, "It needs") {
			t.Errorf("answer %q: a secret was asked for after a no", answer)
		}
		before.check("answering " + answer)
	}

	for i, answer := range []string{"y\n", " YES \n"} {
		name := []string{"Reports", "Reports 2"}[i]
		file := writeFile(t, s2sExport(name, w.fakeZoomEndpointsJSON()))
		r, secretsRead := w.runOnTerminal(answer, []string{s2sSecret}, "import", file)
		if r.code != ExitOK || secretsRead != 1 {
			t.Fatalf("answer %q: exit %d, %d secrets read\n%s", answer, r.code, secretsRead, r.stderr)
		}
		if asked, needs := strings.Index(r.stderr, question), strings.Index(r.stderr, "It needs 1 secrets"); asked < 0 || needs < asked {
			t.Errorf("answer %q: the question does not come before the secrets:\n%s", answer, r.stderr)
		}
		if tok := w.run("", "token", name); tok.code != ExitOK {
			t.Fatalf("the imported connection does not work: %s", tok.stderr)
		}
	}
	// --yes on a terminal answers beforehand.
	file = writeFile(t, s2sExport("Reports 3", w.fakeZoomEndpointsJSON()))
	if r, _ := w.runOnTerminal("", []string{s2sSecret}, "import", file, "--yes"); r.code != ExitOK || strings.Contains(r.stderr, question) {
		t.Fatalf("import --yes on a terminal: exit %d\n%s", r.code, r.stderr)
	}
	w.assertHygiene()
}

// An import on Zoom's own endpoints asks nothing and needs no flag, on a
// terminal or not.
func TestZoomOnlyImportAsksNothing(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	for _, preset := range []string{"zoom", "zoomgov"} {
		file := writeFile(t, s2sExport("On "+preset, `{"preset":"`+preset+`"}`))
		r := w.run("some-secret\n", "import", file)
		if r.code != ExitOK {
			t.Fatalf("%s import off a terminal: exit %d\n%s", preset, r.code, r.stderr)
		}
		file = writeFile(t, s2sExport("On "+preset+" again", `{"preset":"`+preset+`"}`))
		// Nothing typed: a question would read end of input, a no.
		r, secretsRead := w.runOnTerminal("", []string{"some-secret"}, "import", file)
		if r.code != ExitOK || secretsRead != 1 {
			t.Fatalf("%s import on a terminal: exit %d, %d secrets read\n%s", preset, r.code, secretsRead, r.stderr)
		}
		for _, s := range []string{"[y/N]", "--yes", "Warning", "outside Zoom"} {
			if strings.Contains(r.stderr, s) {
				t.Errorf("a %s-only import says %q:\n%s", preset, s, r.stderr)
			}
		}
	}
	if got := w.must("", "list").stdout; !strings.Contains(got, "On zoomgov again") {
		t.Fatalf("not imported:\n%s", got)
	}
}

// Finding 4: a file cannot give a new connection of an OAuth client that is
// already here an API URL of its own, even with --yes: the token the
// client's authorization grants would go there.
func TestImportCannotGiveAnExistingClientsConnectionAnotherAPIHost(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addOAuth("Mine", "genID", false) // the client "Mine-client", on the fake Zoom's custom endpoints
	h := newHostileZoom(t)
	before := w.snapshot()
	for name, file := range map[string]string{
		"the connection alone": `{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[
			{"name":"Steal","type":"oauth","oauth_client":"Mine-client","endpoints":{"preset":"custom","api_url":"` + h.URL + `/v2"}}]}`,
		"with the same client, reused": `{"format":"zoomconn-export","version":2,
			"oauth_clients":[{"name":"Mine-client","client_id":"genID","endpoints":` + w.fakeZoomEndpointsJSON() + `}],
			"connections":[{"name":"Steal","type":"oauth","oauth_client":"Mine-client","endpoints":{"preset":"custom","api_url":"` + h.URL + `/v2"}}]}`,
	} {
		r := w.run("", "import", writeFile(t, file), "--yes")
		if r.code != ExitUsage {
			t.Fatalf("%s: exit %d, want %d\n%s", name, r.code, ExitUsage, r.stderr)
		}
		mustContain(t, name, r.stderr, `"Mine-client" is already here`, h.URL+"/v2", `Remove "api_url"`, "nothing was changed")
		before.check(name)
	}
	if r := w.run("", "login", "Steal", "--no-browser"); r.code == ExitOK {
		t.Fatal("the refused connection exists")
	}
	if got := h.seen(); len(got) != 0 {
		t.Fatalf("the foreign API host got requests: %q", got)
	}
	// The client's own API URL is fine.
	file := `{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[
		{"name":"Mine too","type":"oauth","oauth_client":"Mine-client","endpoints":{"preset":"custom","api_url":"` + w.zoom.Endpoints().APIBaseURL + `"}}]}`
	w.must("", "import", writeFile(t, file), "--yes")
}

// Finding 4: login says so when the connection's calls go to another host
// than its OAuth client's own API host, before the browser is opened.
func TestLoginNamesAnAPIHostThatIsNotTheClients(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addOAuth("Mine", "genID", false)
	target, _ := url.Parse(w.zoom.URL())
	other := httptest.NewServer(httputil.NewSingleHostReverseProxy(target)) // the same Zoom, another host
	t.Cleanup(other.Close)
	w.must("", "add-oauth", "Theirs", "--client", "Mine-client", "--api-url", other.URL+"/v2")

	r := w.login("Theirs")
	// Hosts are origins: scheme://host:port.
	note := strings.Index(r.stderr, "Note: calls with this connection go to "+other.URL+", not to its OAuth client's API host "+w.zoom.URL()+";")
	open := strings.Index(r.stderr, "Open this URL")
	if note < 0 || open < note {
		t.Fatalf("login does not name the API host before the authorize URL:\n%s", r.stderr)
	}
	if r := w.login("Mine"); strings.Contains(r.stderr, "Note: calls") {
		t.Errorf("login names the client's own API host:\n%s", r.stderr)
	}
	w.assertHygiene()
}

// Finding 6: an import refusal quotes the file's URLs made safe: no
// terminal escape, C1 control or bidi override reaches stderr raw.
func TestImportRefusalShowsHostileURLsMadeSafe(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addOAuth("Mine", "genID", false)
	hostile := "https://evil\x1b]0;pwned\x07\u202e\u009b.example/oauth/token"
	ep := auth.CustomEndpoints(hostile, hostile, hostile, hostile)
	files := map[string]store.ExportFile{
		"a client here given other endpoints": {Clients: []store.ExportClient{{Name: "Mine-client", ClientID: "genID", Endpoints: &ep}}},
		"a preset listing a foreign URL": {Connections: []store.ExportConnection{{Name: "X", Type: auth.AuthS2S, AccountID: "a", ClientID: "c",
			Endpoints: auth.Endpoints{Preset: auth.PresetZoom, TokenURL: hostile}}}},
	}
	for name, f := range files {
		f.Format, f.Version = store.ExportFormat, store.ExportVersion
		raw, _ := json.Marshal(f)
		r := w.run("", "import", writeFile(t, string(raw)), "--yes")
		if r.code != ExitUsage || !strings.Contains(r.stderr, "refused") {
			t.Fatalf("%s: exit %d\n%s", name, r.code, r.stderr)
		}
		for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
			safetexttest.AssertSafe(t, name, line, 20000)
		}
		mustContain(t, name, r.stderr, `evil\`, `.example/oauth/token`) // quoted, made visible
	}
}

// mustContain fails t unless got holds every one of wants.
func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, got)
		}
	}
}
