package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
)

// tokenJSON answers a token request.
func tokenJSON(w http.ResponseWriter, access, refresh string) {
	body := map[string]any{"access_token": access, "token_type": "bearer", "expires_in": 3600, "scope": "user:read:admin"}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

// customFlags are the endpoint flags of a server at base.
func customFlags(base string) []string {
	return []string{"--endpoints", "custom", "--authorize-url", base + "/oauth/authorize", "--token-url", base + "/oauth/token", "--revoke-url", base + "/oauth/revoke", "--api-url", base + "/v2"}
}

// memEnv is the command line in this process, on in-memory secrets (no
// keyring needed), with stdout and stderr captured.
type memEnv struct {
	env    *Env
	store  *store.Store
	mem    *secrettest.Memory
	stdout bytes.Buffer
	stderr *watchedWriter
}

func newMemEnv(t *testing.T) *memEnv {
	t.Helper()
	m := &memEnv{mem: &secrettest.Memory{}, stderr: &watchedWriter{}}
	var err error
	m.store, err = store.Open(filepath.Join(t.TempDir(), "config"), m.mem)
	if err != nil {
		t.Fatal(err)
	}
	m.env = &Env{Stdin: strings.NewReader(""), Stdout: &m.stdout, Stderr: m.stderr, Store: m.store}
	return m
}

// holdLock takes a connection's lock as another zoomconn process would.
func holdLock(t *testing.T, s *store.Store, name string) *flock.Flock {
	t.Helper()
	d, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, ok := d.Connection(name)
	if !ok {
		t.Fatalf("no connection %q", name)
	}
	l := flock.New(filepath.Join(s.Dir(), "locks", c.ID+".lock"))
	if err := os.MkdirAll(filepath.Dir(l.Path()), 0o700); err != nil {
		t.Fatal(err)
	}
	if ok, err := l.TryLock(); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	t.Cleanup(func() { _ = l.Unlock() })
	return l
}

// Finding 8: `zoomconn token` waiting for another process's refresh says
// so after a moment, and gives up with a sentence after a bound.
func TestCommandLineTokenSaysWhatItWaitsFor(t *testing.T) {
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tokenJSON(w, "access-token-wait-1", "")
	}))
	t.Cleanup(tokens.Close)
	const waiting = `zoomconn token: waiting for another zoomconn process refreshing "Reports"…`

	t.Run("gives up", func(t *testing.T) {
		m := newMemEnv(t)
		if _, err := m.store.SaveConnection(auth.ConnectionInput{Name: "Reports", Type: auth.AuthS2S, AccountID: "acct", ClientID: "cid", ClientSecret: "s2s-secret-wait-1", Endpoints: auth.CustomEndpoints(tokens.URL+"/a", tokens.URL+"/oauth/token", tokens.URL+"/r", tokens.URL+"/v2")}); err != nil {
			t.Fatal(err)
		}
		holdLock(t, m.store, "Reports")
		m.store.LockNotice, m.store.LockWait = time.Millisecond, 40*time.Millisecond
		done := make(chan int, 1)
		go func() { done <- Main([]string{"token", "Reports"}, m.env) }()
		var code int
		select {
		case code = <-done:
		case <-time.After(time.Minute):
			t.Fatal("`zoomconn token` still waits for the lock after a minute")
		}
		stderr := m.stderr.String()
		if code != ExitFailed || m.stdout.Len() != 0 || !strings.Contains(stderr, waiting) ||
			!strings.Contains(stderr, `Another zoomconn process has been refreshing "Reports" for more than 40ms, so zoomconn stopped waiting and changed nothing.`) {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, m.stdout.String(), stderr)
		}
	})
	t.Run("goes on once the lock is free", func(t *testing.T) {
		m := newMemEnv(t)
		if _, err := m.store.SaveConnection(auth.ConnectionInput{Name: "Reports", Type: auth.AuthS2S, AccountID: "acct", ClientID: "cid", ClientSecret: "s2s-secret-wait-1", Endpoints: auth.CustomEndpoints(tokens.URL+"/a", tokens.URL+"/oauth/token", tokens.URL+"/r", tokens.URL+"/v2")}); err != nil {
			t.Fatal(err)
		}
		l := holdLock(t, m.store, "Reports")
		m.store.LockNotice = time.Millisecond // the wait itself keeps its default bound
		seen := m.stderr.watch(waiting)
		done := make(chan int, 1)
		go func() { done <- Main([]string{"token", "Reports"}, m.env) }()
		select {
		case <-seen:
		case code := <-done:
			t.Fatalf("finished (exit %d) without saying it waited: %q", code, m.stderr.String())
		case <-time.After(time.Minute):
			t.Fatalf("no waiting notice after a minute: %q", m.stderr.String())
		}
		if err := l.Unlock(); err != nil {
			t.Fatal(err)
		}
		if code := <-done; code != ExitOK || m.stdout.String() != "access-token-wait-1\n" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, m.stdout.String(), m.stderr.String())
		}
	})
}

// Finding 11: Zoom rotated the refresh token and it cannot be saved: the
// command says so, exits 1, still prints this call's valid access token,
// and the connection needs authorization.
func TestCommandLineTokenWhenTheNewRefreshTokenCannotBeSaved(t *testing.T) {
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tokenJSON(w, "access-token-unsaved-2", "refresh-token-unsaved-2")
	}))
	t.Cleanup(tokens.Close)
	m := newMemEnv(t)
	cl, err := m.store.SaveClient(auth.ClientInput{Name: "Gen", ClientID: "gen-cid", Public: true, Endpoints: auth.CustomEndpoints(tokens.URL+"/a", tokens.URL+"/oauth/token", tokens.URL+"/r", tokens.URL+"/v2")})
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.store.SaveConnection(auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.Client.ID})
	if err != nil {
		t.Fatal(err)
	}
	key := "connection/" + res.Connection.ID + "/refresh-token"
	if err := m.mem.Set(key, "refresh-token-unsaved-1"); err != nil {
		t.Fatal(err)
	}
	saves := 0
	m.mem.Fail = func(op, k string) error {
		if op == "save" && k == key {
			saves++
			return &secret.Error{Op: op, Key: k, Kind: secret.ErrUnavailable, Err: errors.New("dbus: no reply")}
		}
		return nil
	}
	code := Main([]string{"token", "Me"}, m.env)
	m.mem.Fail = nil
	stderr := m.stderr.String()
	if code != ExitFailed || m.stdout.String() != "access-token-unsaved-2\n" || saves != 3 ||
		!strings.Contains(stderr, `Zoom issued a new refresh token but it could not be saved after 3 tries; authorize "Me" again`) ||
		!strings.Contains(stderr, "Then run `zoomconn login Me`.") {
		t.Fatalf("exit %d, %d saves, stdout %q, stderr %q", code, saves, m.stdout.String(), stderr)
	}
	d, _ := m.store.Load()
	if c, _ := d.Connection("Me"); !c.NeedsAuth {
		t.Fatal("the connection is not marked as needing authorization")
	}
}

// Finding 10: a config dir another user owns is refused, in-process and by
// a real process.
func TestCommandLineRefusesAConfigDirOfAnotherUser(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		if os.Geteuid() != 0 {
			t.Skipf("cannot give a directory to another user without root: %v", err)
		}
		t.Fatal(err)
	}
	const refused = "is owned by another user, so zoomconn will not use it"
	var stdout, stderr bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, ConfigDir: dir, Keyring: &secrettest.Memory{}}
	if code := Main([]string{"list"}, e); code != ExitFailed || stdout.Len() != 0 || !strings.Contains(stderr.String(), refused) {
		t.Fatalf("in-process: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	cmd := exec.Command(os.Args[0], "list")
	cmd.Env = append(os.Environ(), "ZOOMCONN_CLI_CHILD=1", "ZOOMCONN_CONFIG_DIR="+dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != ExitFailed || stdout.Len() != 0 ||
		!strings.Contains(stderr.String(), refused) {
		t.Fatalf("err %v, stdout %q, stderr %q", err, stdout.String(), stderr.String())
	}
}

// Finding 2, end to end: a token endpoint that redirects (307) to another
// server gets an error naming that server, and the other server never sees
// the secret, the Basic header or the body.
func TestCommandLineNeverFollowsATokenRedirect(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testNeverFollowsATokenRedirect)
}

func testNeverFollowsATokenRedirect(t *testing.T, w *world) {
	var mu sync.Mutex
	var stolen []string
	evil := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		stolen = append(stolen, r.Header.Get("Authorization")+" "+string(body))
		mu.Unlock()
		tokenJSON(rw, "stolen-access-token", "")
	}))
	t.Cleanup(evil.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, evil.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(origin.Close)
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, customFlags(origin.URL)...)...)
	for _, cmd := range []string{"token", "test"} {
		r := w.run("", cmd, "Reports")
		want := "The token endpoint " + strings.TrimPrefix(origin.URL, "http://") + " answered with a redirect to " + strings.TrimPrefix(evil.URL, "http://") + "; zoomconn does not follow redirects for requests that carry secrets."
		if r.code != ExitFailed || r.stdout != "" || !strings.Contains(r.stderr, want) {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", cmd, r.code, r.stdout, r.stderr)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(stolen) != 0 {
		t.Fatalf("the redirect target received %d requests", len(stolen))
	}
	w.assertHygiene()
}

// Finding 3, end to end: `remove` while `token` is in the middle of
// fetching waits for it, so no token is left in the keyring for a
// connection that no longer exists.
func TestCommandLineRemoveWaitsForATokenInFlight(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testRemoveWaitsForATokenInFlight)
}

func testRemoveWaitsForATokenInFlight(t *testing.T, w *world) {
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	tokens := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		tokenJSON(rw, "access-token-inflight-1", "")
	}))
	t.Cleanup(tokens.Close)
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, customFlags(tokens.URL)...)...)
	id := w.connectionID("Reports")

	token := w.start("", "token", "Reports")
	<-arrived // the token request is in flight, under the connection's lock

	remove := w.start("", "remove", "Reports")
	select {
	case <-remove.stderr.watch(`waiting for another zoomconn process refreshing "Reports"`):
	case <-remove.exited: // ended without waiting: what remove did before it took the lock
	}
	once.Do(func() { close(release) })
	removed, tok := remove.wait(), token.wait()
	if removed.code != ExitOK || tok.code != ExitOK {
		t.Fatalf("remove exit %d (%q), token exit %d (%q)", removed.code, removed.stderr, tok.code, tok.stderr)
	}
	for _, kind := range []string{"client-secret", "refresh-token", "access-token"} {
		if w.keyringHas("connection/" + id + "/" + kind) {
			t.Errorf("the keyring still holds %s of the removed connection", kind)
		}
	}
	w.assertHygiene()
}

// Finding 12: the commands a test runs keep their items under the test's
// own keyring service; none lands among the user's own zoomconn items.
func TestCommandLineKeepsOffTheUsersKeyring(t *testing.T) {
	w := newProcessWorld(t, zoomtest.Options{})
	if svc := testKeyringService(); svc == keyring.DefaultService || !strings.HasPrefix(svc, "zoomconn-test-") {
		t.Fatalf("the test keyring service is %q", svc)
	}
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.must("", "token", "Reports")
	id := w.connectionID("Reports")
	for _, kind := range []string{"client-secret", "access-token"} {
		key := "connection/" + id + "/" + kind
		users, _ := exec.Command("secret-tool", "search", "--all", "service", keyring.DefaultService, "username", key).CombinedOutput()
		ours, _ := exec.Command("secret-tool", "search", "--all", "service", testKeyringService(), "username", key).CombinedOutput()
		if strings.Contains(string(users), key) {
			t.Errorf("%s landed under the user's own service %q", kind, keyring.DefaultService)
		}
		if !strings.Contains(string(ours), key) {
			t.Errorf("%s is not under the test's service %q", kind, testKeyringService())
		}
	}
	w.assertHygiene()
}
