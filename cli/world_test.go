package cli

// The test world: one configuration directory and a fake Zoom, driven
// through the command line in one of two ways. In-process (the default) runs
// Main in this process on memory secrets and the shared test clock: no
// keyring, no D-Bus. Processes runs this test binary as real zoomconn
// processes on the real keyring, for the end-to-end tests (process
// hygiene, processes racing each other, keyring isolation); they need a
// Secret Service and run under `make test`.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
)

// TestMain runs this test binary as the zoomconn command line when asked,
// so end-to-end tests run real processes without building the GUI.
func TestMain(m *testing.M) {
	// Keyring items of this run and of the commands it runs (they inherit
	// the variable) live under their own service name, never the user's.
	keyringtest.Isolate()
	if os.Getenv("ZOOMCONN_CLI_CHILD") == "1" {
		os.Exit(Run(os.Args[1:], "test"))
	}
	os.Exit(m.Run())
}

// testKeyringService is the keyring service name of this test run.
func testKeyringService() string { return os.Getenv(keyring.ServiceEnv) }

// world is one config dir plus a fake Zoom, driven through the command line.
type world struct {
	t      *testing.T
	dir    string
	zoom   *zoomtest.Server
	home   string
	output bytes.Buffer // every byte any command printed, for hygiene checks
	mu     sync.Mutex

	// processes: commands are child processes on the real keyring, with
	// this environment.
	processes bool
	env       []string
	stopScan  chan struct{}
	scanDone  chan struct{}
	cmdlines  map[string]bool // every process command line seen meanwhile

	// In-process: the keyring of this machine, and the clock of the
	// commands and the fake Zoom.
	secrets *secrettest.Memory
	clock   *zoomtest.Clock
	// sleep, if set, is the in-process commands' wait (Env.Sleep).
	sleep func(ctx context.Context, d time.Duration) error
}

const (
	s2sSecret = "cli-s2s-secret-987"
	genSecret = "cli-general-secret-654"
)

// newFakeZoom starts a fake Zoom with one user, an S2S app and two General
// apps (confidential genID, public pubID).
func newFakeZoom(t *testing.T, opts zoomtest.Options) *zoomtest.Server {
	z := zoomtest.NewServer(opts)
	t.Cleanup(z.Close)
	z.AddUser(zoomtest.User{ID: "u1", Email: "grace@example.com", FirstName: "Grace", LastName: "Hopper", AccountID: "acct"})
	z.AddS2SApp(zoomtest.S2SApp{AccountID: "acct", ClientID: "s2sID", ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}, Activated: true})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: "genID", ClientSecret: genSecret, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: "pubID", RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	return z
}

// newWorld runs commands in this process on memory secrets; it needs no
// keyring.
func newWorld(t *testing.T, opts zoomtest.Options) *world {
	clock := zoomtest.NewClock(time.Now())
	opts.Now = clock.Now
	w := &world{t: t, dir: filepath.Join(t.TempDir(), "config"), home: t.TempDir(), zoom: newFakeZoom(t, opts),
		secrets: &secrettest.Memory{}, clock: clock}
	// Whatever a command would write to the home directory lands here, where
	// assertHygiene looks.
	t.Setenv("HOME", w.home)
	return w
}

// newProcessWorld runs commands as real processes on the real keyring,
// scanning every process's command line meanwhile.
func newProcessWorld(t *testing.T, opts zoomtest.Options) *world {
	keyringtest.Require(t)
	w := &world{t: t, dir: filepath.Join(t.TempDir(), "config"), home: t.TempDir(), zoom: newFakeZoom(t, opts), processes: true}
	w.env = append(os.Environ(), "ZOOMCONN_CLI_CHILD=1", "ZOOMCONN_CONFIG_DIR="+w.dir, "BROWSER=", "HOME="+w.home)
	t.Cleanup(w.cleanupKeyring)
	w.scanProcesses()
	return w
}

// bothWays runs an end-to-end test in-process (always) and as real
// processes on the real keyring (under `make test`).
func bothWays(t *testing.T, opts zoomtest.Options, test func(t *testing.T, w *world)) {
	t.Run("in-process", func(t *testing.T) { test(t, newWorld(t, opts)) })
	t.Run("processes", func(t *testing.T) { test(t, newProcessWorld(t, opts)) })
}

// secondMachine is another in-process machine (its own config dir and
// keyring) with the same user, home and fake Zoom.
func (w *world) secondMachine() *world {
	return &world{t: w.t, dir: filepath.Join(w.t.TempDir(), "other"), home: w.home, zoom: w.zoom,
		secrets: &secrettest.Memory{}, clock: w.clock}
}

// now is the time the commands see.
func (w *world) now() time.Time {
	if w.clock != nil {
		return w.clock.Now()
	}
	return time.Now()
}

// scanProcesses records the command line of every process on the machine
// until assertHygiene, to prove no secret is ever passed as an argument.
func (w *world) scanProcesses() {
	w.stopScan, w.scanDone, w.cmdlines = make(chan struct{}), make(chan struct{}), map[string]bool{}
	go func() {
		defer close(w.scanDone)
		for {
			select {
			case <-w.stopScan:
				return
			default:
			}
			// A short pause keeps this from taking a whole core from the
			// processes it watches; each lives for several scans anyway.
			time.Sleep(time.Millisecond)
			paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
			for _, p := range paths {
				if raw, err := os.ReadFile(p); err == nil && len(raw) > 0 {
					w.mu.Lock()
					w.cmdlines[string(raw)] = true
					w.mu.Unlock()
				}
			}
		}
	}()
	w.t.Cleanup(func() {
		select {
		case <-w.scanDone:
		default:
			close(w.stopScan)
			<-w.scanDone
		}
	})
}

// cleanupKeyring removes what the test stored in the real keyring.
func (w *world) cleanupKeyring() {
	s, err := store.Open(w.dir, &keyring.Store{})
	if err != nil {
		return
	}
	d, err := s.Load()
	if err != nil {
		return
	}
	for _, c := range d.Connections {
		_ = s.DeleteConnection(c.Name)
	}
	for _, c := range d.Clients {
		_ = s.DeleteClient(c.Name)
	}
	for _, c := range d.SDKCredentials {
		_ = s.DeleteSDK(c.Name)
	}
}

// connectionID reads a connection's id from the metadata file, to name its
// keyring items.
func (w *world) connectionID(name string) string {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	var d struct {
		Connections []struct{ ID, Name string } `json:"connections"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		w.t.Fatal(err)
	}
	for _, c := range d.Connections {
		if c.Name == name {
			return c.ID
		}
	}
	w.t.Fatalf("no connection %q in the metadata file", name)
	return ""
}

// keyringHas reports whether the machine's keyring holds an item for key:
// secret-tool asks the real one, under the test's own service.
func (w *world) keyringHas(key string) bool {
	w.t.Helper()
	if !w.processes {
		_, ok := w.secrets.Snapshot()[key]
		return ok
	}
	out, _ := exec.Command("secret-tool", "search", "--all", "service", testKeyringService(), "username", key).CombinedOutput()
	return strings.Contains(string(out), key)
}

func (w *world) endpointFlags() []string {
	e := w.zoom.Endpoints()
	return []string{"--endpoints", "custom", "--authorize-url", e.AuthorizeURL, "--token-url", e.TokenURL, "--revoke-url", e.RevokeURL, "--api-url", e.APIBaseURL}
}

type result struct {
	stdout, stderr string
	code           int
}

// running is a command started in the background.
type running struct {
	w      *world
	args   []string
	stdout *watchedWriter // read while the command runs only through its mutex
	stderr *watchedWriter
	exited chan struct{} // closed once code and err are set
	proc   *os.Process   // the child, when the world runs processes
	code   int
	err    error // the process could not be waited for
}

// childTimeout bounds one command run by a test; the slowest (a login
// through headless Chromium) takes seconds.
const childTimeout = 2 * time.Minute

// start runs a command with stdin in the background.
func (w *world) start(stdin string, args ...string) *running {
	w.t.Helper()
	r := &running{w: w, args: args, stdout: &watchedWriter{}, stderr: &watchedWriter{}, exited: make(chan struct{})}
	if !w.processes {
		e := &Env{Stdin: strings.NewReader(stdin), Stdout: r.stdout, Stderr: r.stderr, ConfigDir: w.dir, Keyring: w.secrets,
			OpenURL: zoomtest.NewBrowser().Open, Now: w.clock.Now, Sleep: w.sleep, Version: "test"}
		go func() {
			defer close(r.exited)
			r.code = Main(args, e)
		}()
		return r
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = w.env
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = r.stdout, r.stderr
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	r.proc = cmd.Process
	// A child that hangs gets SIGQUIT, so its goroutine dump in stderr shows
	// where, instead of the whole package timing out without a clue.
	watchdog := time.AfterFunc(childTimeout, func() { _ = cmd.Process.Signal(syscall.SIGQUIT) })
	go func() {
		defer close(r.exited)
		err := cmd.Wait()
		watchdog.Stop()
		r.code = cmd.ProcessState.ExitCode()
		if _, ok := err.(*exec.ExitError); !ok {
			r.err = err
		}
	}()
	return r
}

// wait waits for the command to end and records what it printed.
func (r *running) wait() result {
	r.w.t.Helper()
	<-r.exited
	if r.err != nil {
		r.w.t.Fatal(r.err)
	}
	res := result{r.stdout.String(), r.stderr.String(), r.code}
	r.w.record(r.args, res.stdout, res.stderr)
	return res
}

func (w *world) run(stdin string, args ...string) result {
	w.t.Helper()
	return w.start(stdin, args...).wait()
}

func (w *world) record(args []string, stdout, stderr string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(args) == 0 || args[0] != "token" { // only `token` may print a token
		w.output.WriteString(stdout)
	}
	w.output.WriteString(stderr)
}

func (w *world) must(stdin string, args ...string) result {
	w.t.Helper()
	r := w.run(stdin, args...)
	if r.code != 0 {
		w.t.Fatalf("zoomconn %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// login runs `zoomconn login NAME --no-browser` and plays the browser with
// the URL it prints on stderr.
func (w *world) login(name string) result {
	w.t.Helper()
	r := w.start("", "login", name, "--no-browser")
	select {
	case <-r.stderr.watch("If Zoom says"): // printed after the URL
		for _, f := range strings.Fields(r.stderr.String()) {
			if strings.HasPrefix(f, "http://127.0.0.1:") && strings.Contains(f, "/oauth/authorize") {
				// A failed visit would leave login waiting its full five
				// minutes: say why at once instead.
				if err := zoomtest.NewBrowser().Visit(f); err != nil {
					w.t.Fatalf("the browser could not complete the authorization: %v\nlogin said: %s", err, r.stderr.String())
				}
			}
		}
	case <-r.exited:
	}
	res := r.wait()
	if res.code != 0 {
		w.t.Fatalf("login failed: %s", res.stderr)
	}
	return res
}

func (w *world) addOAuth(name, client string, public bool) {
	w.t.Helper()
	if public {
		w.must("", append([]string{"add-client", name + "-client", "--client-id", client, "--public"}, w.endpointFlags()...)...)
	} else {
		w.must(genSecret+"\n", append([]string{"add-client", name + "-client", "--client-id", client}, w.endpointFlags()...)...)
	}
	w.must("", "add-oauth", name, "--client", name+"-client")
}

// assertHygiene checks no secret reached the config dir, the HOME of the
// commands, any output other than `token`'s stdout, or (for processes) any
// process's command line.
func (w *world) assertHygiene() {
	w.t.Helper()
	secrets := append(w.zoom.IssuedSecrets(), s2sSecret, genSecret)
	w.mu.Lock()
	output := w.output.String()
	w.mu.Unlock()
	for _, s := range secrets {
		if strings.Contains(output, s) {
			w.t.Errorf("a secret appeared in command output")
		}
	}
	if w.processes {
		close(w.stopScan)
		<-w.scanDone
		for _, s := range secrets {
			for line := range w.cmdlines {
				if strings.Contains(line, s) {
					w.t.Errorf("a secret appeared in a process's arguments: %q", strings.ReplaceAll(line, s, "<secret>"))
				}
			}
		}
		if len(w.cmdlines) < 2 {
			w.t.Errorf("the process scan saw only %d command lines", len(w.cmdlines))
		}
	}
	for _, dir := range []string{w.dir, w.home} {
		w.walkForSecrets(dir, secrets)
	}
}

func (w *world) walkForSecrets(dir string, secrets []string) {
	_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		raw, _ := os.ReadFile(path)
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				w.t.Errorf("a secret appeared in %s", path)
			}
		}
		return nil
	})
}

// watchedWriter is a stderr that tells a channel when a phrase appears.
type watchedWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	phrase string
	seen   chan struct{}
}

// watch returns a channel closed once phrase has been written, already or
// later.
func (w *watchedWriter) watch(phrase string) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := make(chan struct{})
	w.phrase, w.seen = phrase, seen
	w.check() // may close seen and clear w.seen: return our own copy
	return seen
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	w.check()
	return n, err
}

func (w *watchedWriter) check() {
	if w.seen != nil && strings.Contains(w.buf.String(), w.phrase) {
		close(w.seen)
		w.seen = nil
	}
}

func (w *watchedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
