package auth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
)

// TestMain lets tests re-run this binary as a child process (a writer to
// kill, or a concurrent saver).
func TestMain(m *testing.M) {
	// Keyring items of this run (and of its child processes, which inherit
	// the variable) live under their own service name, never the user's.
	if os.Getenv(keyring.ServiceEnv) == "" {
		os.Setenv(keyring.ServiceEnv, "zoomconn-test-"+newID())
	}
	switch os.Getenv("ZOOMCONN_TEST_HELPER") {
	case "":
		os.Exit(m.Run())
	case "writer":
		os.Exit(helperWriter())
	case "saver":
		os.Exit(helperSaver())
	default:
		if fn := extraHelpers[os.Getenv("ZOOMCONN_TEST_HELPER")]; fn != nil {
			os.Exit(fn())
		}
		os.Exit(3)
	}
}

// extraHelpers lets other test files add child-process modes.
var extraHelpers = map[string]func() int{}

func helperStore() (*Store, error) {
	var secrets secret.Store = &secret.Memory{}
	if os.Getenv("ZOOMCONN_TEST_KEYRING") == "1" {
		secrets = &keyring.Store{}
	}
	return NewStore(os.Getenv("ZOOMCONN_CONFIG_DIR"), secrets)
}

// helperWriter saves OAuth connections forever, printing each one saved.
func helperWriter() int {
	s, err := helperStore()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	d, _ := s.Load()
	cl, _ := d.Client("Public")
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s-%d", os.Getenv("ZOOMCONN_TEST_PREFIX"), i)
		if _, err := s.SaveConnection(ConnectionInput{Name: name, Type: AuthOAuth, OAuthClientID: cl.ID}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintln(out, "saved", name)
		out.Flush()
	}
}

// helperSaver saves N Server-to-Server connections with their secrets.
func helperSaver() int {
	s, err := helperStore()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	n, _ := strconv.Atoi(os.Getenv("ZOOMCONN_TEST_N"))
	for i := 0; i < n; i++ {
		if _, err := s.SaveConnection(s2sInput(fmt.Sprintf("%s-%d", os.Getenv("ZOOMCONN_TEST_PREFIX"), i))); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

func helperCmd(t *testing.T, mode, dir, prefix string, extraEnv ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ZOOMCONN_TEST_HELPER="+mode, "ZOOMCONN_CONFIG_DIR="+dir, "ZOOMCONN_TEST_PREFIX="+prefix)
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stderr = os.Stderr
	return cmd
}

// secretToolSearch lists, with the Secret Service's own command-line tool,
// the zoomconn items stored under key. Searching by key, not the whole
// service, keeps other test processes' items (created and deleted
// meanwhile) out of the answer.
func secretToolSearch(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "service", (&keyring.Store{}).ServiceName(), "username", key).CombinedOutput()
	if err != nil && len(out) == 0 {
		return "" // secret-tool exits 1 when nothing matches
	}
	return string(out)
}

func TestKeyringStoreRealSecretService(t *testing.T) {
	k := keyringtest.Require(t)
	key := "test/" + newID()
	t.Cleanup(func() { _ = k.Delete(key) })

	if _, err := k.Get(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("Get missing = %v, want secret.ErrNotFound", err)
	}
	if err := k.Set(key, "value-1"); err != nil {
		t.Fatal(err)
	}
	if err := k.Set(key, "value-2"); err != nil { // overwrite, not a second item
		t.Fatal(err)
	}
	if got, err := k.Get(key); err != nil || got != "value-2" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if out := secretToolSearch(t, key); strings.Count(out, "attribute.username = "+key) != 1 {
		t.Fatalf("secret-tool does not show exactly one item %s:\n%s", key, redact(out))
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("second Delete = %v, want secret.ErrNotFound", err)
	}
	if strings.Contains(secretToolSearch(t, key), key) {
		t.Fatal("item still listed after delete")
	}
}

// redact keeps secret-tool's secret lines out of test logs.
func redact(out string) string {
	var b strings.Builder
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "secret = ") {
			l = "secret = <redacted>"
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

func TestStoreSavesOnRealKeyring(t *testing.T) {
	k := secrettest.Track(t, keyringtest.Require(t))
	s := newTestStore(t, k)
	conn := mustSaveConn(t, s, s2sInput("Reporting"))
	cl := mustSaveClient(t, s, ClientInput{Name: "Team app", ClientID: "team-client", ClientSecret: "team-secret-xyz"})
	oc := mustSaveConn(t, s, ConnectionInput{Name: "Me", Type: AuthOAuth, OAuthClientID: cl.ID})

	for _, key := range []string{s2sSecretKey(conn.ID), clientSecretKey(cl.ID)} {
		if !strings.Contains(secretToolSearch(t, key), "attribute.username = "+key) {
			t.Errorf("secret-tool does not list %s", key)
		}
	}
	if got, err := k.Get(s2sSecretKey(conn.ID)); err != nil || got != "s3cret-Reporting-value" {
		t.Fatalf("stored S2S secret = %v", err)
	}

	d := mustLoad(t, s)
	if len(d.Connections) != 2 || len(d.Clients) != 1 || d.Connections[1].ID != oc.ID || !d.Connections[1].NeedsAuth {
		t.Fatalf("reloaded %+v", d)
	}
	if fi, _ := os.Stat(s.Path()); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(s.Dir()); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", fi.Mode().Perm())
	}
	assertNoSecretInDir(t, s.Dir(), "s3cret-Reporting-value", "team-secret-xyz")

	if err := s.DeleteConnection("reporting"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(secretToolSearch(t, s2sSecretKey(conn.ID)), s2sSecretKey(conn.ID)) {
		t.Fatal("deleting the connection left its secret in the keyring")
	}
}

func TestEditSecretRules(t *testing.T) {
	mem := &secret.Memory{}
	s := newTestStore(t, mem)
	c := mustSaveConn(t, s, s2sInput("Ops"))
	key := s2sSecretKey(c.ID)
	_ = mem.Set(accessTokenKey(c.ID), `{"access_token":"cached"}`)

	// Rename only: empty secret keeps the stored one and the cached token.
	edit := ConnectionInput{ID: c.ID, Name: "Ops 2", Type: AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID}
	mustSaveConn(t, s, edit)
	if v, _ := mem.Get(key); v != "s3cret-Ops-value" {
		t.Fatalf("secret after rename = %q", v)
	}
	if _, err := mem.Get(accessTokenKey(c.ID)); err != nil {
		t.Fatal("rename dropped the cached token")
	}

	// Changing the client ID without a secret is refused.
	edit.ClientID = "other-client"
	_, err := s.SaveConnection(edit)
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For(FieldClientSecret), "Client ID changed") {
		t.Fatalf("err = %v", err)
	}
	// With a secret it saves, and the token cached for the old app is dropped.
	edit.ClientSecret = "new-secret"
	mustSaveConn(t, s, edit)
	if v, _ := mem.Get(key); v != "new-secret" {
		t.Fatalf("secret = %q", v)
	}
	if _, err := mem.Get(accessTokenKey(c.ID)); !errors.Is(err, secret.ErrNotFound) {
		t.Fatal("old cached token kept after identity change")
	}
}

func TestPublicClientDropsSecretAndClientIDChangeNeedsAuth(t *testing.T) {
	mem := &secret.Memory{}
	s := newTestStore(t, mem)
	cl := mustSaveClient(t, s, ClientInput{Name: "App", ClientID: "one", ClientSecret: "sec"})
	conn := mustSaveConn(t, s, ConnectionInput{Name: "Me", Type: AuthOAuth, OAuthClientID: cl.ID})
	if err := s.UpdateConnection(conn.ID, func(c *Connection) { c.NeedsAuth = false }); err != nil {
		t.Fatal(err)
	}
	mustSaveClient(t, s, ClientInput{ID: cl.ID, Name: "App", ClientID: "two", Public: true})
	if _, err := mem.Get(clientSecretKey(cl.ID)); !errors.Is(err, secret.ErrNotFound) {
		t.Fatal("public client kept its secret")
	}
	d := mustLoad(t, s)
	if c, _ := d.ConnectionByID(conn.ID); !c.NeedsAuth {
		t.Fatal("connection of a client whose Client ID changed does not need authorization")
	}
}

func TestDeleteClientInUseIsRefused(t *testing.T) {
	s := newTestStore(t, &secret.Memory{})
	cl := mustSaveClient(t, s, ClientInput{Name: "Shared", ClientID: "x", Public: true})
	mustSaveConn(t, s, ConnectionInput{Name: "Alice", Type: AuthOAuth, OAuthClientID: cl.ID})
	mustSaveConn(t, s, ConnectionInput{Name: "Bob", Type: AuthOAuth, OAuthClientID: cl.ID})
	err := s.DeleteClient("shared")
	var inUse *InUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), `"Alice", "Bob"`) {
		t.Fatalf("err = %v, want InUseError naming Alice and Bob", err)
	}
	if d := mustLoad(t, s); len(d.Clients) != 1 {
		t.Fatal("client deleted anyway")
	}
	if err := s.DeleteConnection("Alice"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteConnection("Bob"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteClient("Shared"); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptFileIsReportedAndKept(t *testing.T) {
	for _, content := range []string{
		"{not json",
		`{"schema": 99, "oauth_clients": [], "connections": []}`,
		`{"schema": 1, "connections": [{"id": "", "name": "x", "type": "s2s"}]}`,
		`{"schema": 1, "connections": [{"id": "a", "name": "x", "type": "jwt"}]}`,
		`{"schema": 1} trailing`,
		"",
	} {
		t.Run(content, func(t *testing.T) {
			s := newTestStore(t, &secret.Memory{})
			if err := os.WriteFile(s.Path(), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.Load()
			var ce *CorruptFileError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), s.Path()) {
				t.Fatalf("Load err = %v, want CorruptFileError naming the file", err)
			}
			if _, err := s.SaveConnection(s2sInput("New")); !errors.As(err, &ce) {
				t.Fatalf("Save on corrupt file err = %v", err)
			}
			if got, _ := os.ReadFile(s.Path()); string(got) != content {
				t.Fatal("corrupt file was modified")
			}
		})
	}
}

// storeState captures everything a transaction may change.
func storeState(t *testing.T, s *Store, mem *secret.Memory) (string, map[string]string) {
	raw, err := os.ReadFile(s.Path())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return string(raw), mem.Snapshot()
}

// TestKeyringFailureAtEachStep fails the Nth secret operation of each
// change and checks that file and keyring stay exactly as before.
func TestKeyringFailureAtEachStep(t *testing.T) {
	type step struct {
		name string
		run  func(s *Store, d *Data) error
	}
	steps := []step{
		{"new s2s", func(s *Store, d *Data) error { _, err := s.SaveConnection(s2sInput("New")); return err }},
		{"edit s2s new secret", func(s *Store, d *Data) error {
			c, _ := d.Connection("S2S")
			_, err := s.SaveConnection(ConnectionInput{ID: c.ID, Name: "S2S", Type: AuthS2S, AccountID: c.AccountID, ClientID: "changed", ClientSecret: "x"})
			return err
		}},
		{"s2s to oauth", func(s *Store, d *Data) error {
			c, _ := d.Connection("S2S")
			cl, _ := d.Client("Conf")
			_, err := s.SaveConnection(ConnectionInput{ID: c.ID, Name: "S2S", Type: AuthOAuth, OAuthClientID: cl.ID})
			return err
		}},
		{"new client", func(s *Store, d *Data) error {
			_, err := s.SaveClient(ClientInput{Name: "Another", ClientID: "a", ClientSecret: "b"})
			return err
		}},
		{"client to public", func(s *Store, d *Data) error {
			cl, _ := d.Client("Conf")
			_, err := s.SaveClient(ClientInput{ID: cl.ID, Name: "Conf", ClientID: cl.ClientID, Public: true})
			return err
		}},
		{"delete oauth conn", func(s *Store, d *Data) error { return s.DeleteConnection("OAuth") }},
		{"delete s2s conn", func(s *Store, d *Data) error { return s.DeleteConnection("S2S") }},
	}
	failures := []error{
		&secret.Error{Kind: secret.ErrUnavailable, Err: errors.New("dbus gone")},
		&secret.Error{Kind: secret.ErrTimeout},
	}
	for _, st := range steps {
		for failAt := 1; ; failAt++ {
			mem := &secret.Memory{}
			s := newTestStore(t, mem)
			mustSaveConn(t, s, s2sInput("S2S"))
			cl := mustSaveClient(t, s, ClientInput{Name: "Conf", ClientID: "c", ClientSecret: "cs"})
			oc := mustSaveConn(t, s, ConnectionInput{Name: "OAuth", Type: AuthOAuth, OAuthClientID: cl.ID})
			_ = mem.Set(refreshTokenKey(oc.ID), "rt")
			_ = mem.Set(accessTokenKey(oc.ID), "at")
			d := mustLoad(t, s)
			fileBefore, keysBefore := storeState(t, s, mem)

			ops := 0
			mem.Fail = func(op, key string) error {
				ops++
				if ops == failAt {
					return failures[failAt%len(failures)]
				}
				return nil
			}
			err := st.run(s, d)
			mem.Fail = nil
			if ops < failAt { // the change finished before reaching failAt: all steps covered
				if err != nil {
					t.Fatalf("%s: unexpected error %v", st.name, err)
				}
				if failAt == 1 {
					t.Fatalf("%s made no keyring call", st.name)
				}
				break
			}
			if err == nil {
				t.Fatalf("%s, failing op %d: no error", st.name, failAt)
			}
			fileAfter, keysAfter := storeState(t, s, mem)
			if fileAfter != fileBefore || !reflect.DeepEqual(keysAfter, keysBefore) {
				t.Fatalf("%s, failing op %d: partial state left (err %v)\nkeys before %v\nkeys after  %v", st.name, failAt, err, keysBefore, keysAfter)
			}
		}
	}
}

func TestFileWriteFailureRollsBackKeyring(t *testing.T) {
	mem := &secret.Memory{}
	s := newTestStore(t, mem)
	c := mustSaveConn(t, s, s2sInput("Keep"))
	fileBefore, keysBefore := storeState(t, s, mem)
	s.writeFile = func(string, []byte) error { return errors.New("disk full") }

	edit := ConnectionInput{ID: c.ID, Name: "Keep", Type: AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID, ClientSecret: "replacement"}
	for name, run := range map[string]func() error{
		"save new":    func() error { _, err := s.SaveConnection(s2sInput("New")); return err },
		"edit secret": func() error { _, err := s.SaveConnection(edit); return err },
		"delete":      func() error { return s.DeleteConnection("Keep") },
		"save a client": func() error {
			_, err := s.SaveClient(ClientInput{Name: "C", ClientID: "c", ClientSecret: "s"})
			return err
		},
	} {
		err := run()
		if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "nothing was saved") {
			t.Fatalf("%s: err = %v", name, err)
		}
		fileAfter, keysAfter := storeState(t, s, mem)
		if fileAfter != fileBefore || !reflect.DeepEqual(keysAfter, keysBefore) {
			t.Fatalf("%s: keyring not rolled back: %v vs %v", name, keysAfter, keysBefore)
		}
	}
}

func TestUnavailableKeyringNeverDeletes(t *testing.T) {
	mem := &secret.Memory{}
	s := newTestStore(t, mem)
	mustSaveConn(t, s, s2sInput("Precious"))
	fileBefore, _ := storeState(t, s, mem)
	mem.Fail = func(op, key string) error {
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable}
	}
	err := s.DeleteConnection("Precious")
	if !errors.Is(err, secret.ErrUnavailable) || !strings.Contains(err.Error(), "was not deleted") {
		t.Fatalf("err = %v", err)
	}
	if fileAfter, _ := storeState(t, s, mem); fileAfter != fileBefore {
		t.Fatal("metadata changed while the keyring was unavailable")
	}
}

// TestKilledWriterLeavesLoadableFile kills a saving child process with
// SIGKILL at random points and checks the file loads and keeps every
// connection the child reported as saved.
func TestKilledWriterLeavesLoadableFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config")
	s, err := NewStore(dir, &secret.Memory{})
	if err != nil {
		t.Fatal(err)
	}
	mustSaveClient(t, s, ClientInput{Name: "Public", ClientID: "p", Public: true})
	confirmed := 0
	for round := 0; round < 15; round++ {
		cmd := helperCmd(t, "writer", dir, fmt.Sprintf("r%d", round))
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		want := 1 + rand.IntN(25)
		for i := 0; i < want && lines.Scan(); i++ {
			confirmed++
		}
		_ = cmd.Process.Kill() // SIGKILL, mid-way through a later save
		_ = cmd.Wait()
		d, err := s.Load()
		if err != nil {
			t.Fatalf("round %d: file not loadable after kill: %v", round, err)
		}
		if len(d.Connections) < confirmed {
			t.Fatalf("round %d: %d connections, %d were confirmed saved", round, len(d.Connections), confirmed)
		}
		confirmed = len(d.Connections)
	}
}

// TestConcurrentProcessesLoseNothing runs two processes that each save 100
// connections (with secrets on the real keyring) at the same time.
func TestConcurrentProcessesLoseNothing(t *testing.T) {
	k := keyringtest.Require(t)
	dir := filepath.Join(t.TempDir(), "config")
	const perProcess = 100
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, prefix := range []string{"a", "b"} {
		cmd := helperCmd(t, "saver", dir, prefix, "ZOOMCONN_TEST_N="+strconv.Itoa(perProcess), "ZOOMCONN_TEST_KEYRING=1")
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := cmd.Run(); err != nil {
				errs <- fmt.Errorf("saver %s: %w", prefix, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s, _ := NewStore(dir, k)
	d := mustLoad(t, s)
	t.Cleanup(func() {
		for _, c := range d.Connections {
			_ = k.Delete(s2sSecretKey(c.ID))
		}
	})
	if len(d.Connections) != 2*perProcess {
		t.Fatalf("%d connections saved, want %d", len(d.Connections), 2*perProcess)
	}
	for _, c := range d.Connections {
		if v, err := k.Get(s2sSecretKey(c.ID)); err != nil || v != "s3cret-"+c.Name+"-value" {
			t.Fatalf("secret of %s: %v", c.Name, err)
		}
	}
}

// Load hands out data its caller owns, also when it comes from the parse
// remembered for unchanged bytes; and a file changed by another process
// is parsed again.
func TestLoadReturnsOwnedCopiesAndSeesChanges(t *testing.T) {
	s := newTestStore(t, &secret.Memory{})
	if _, err := s.SaveConnection(ConnectionInput{Name: "A", Type: AuthS2S, AccountID: "acct", ClientID: "cid", ClientSecret: "secret", Endpoints: Endpoints{Preset: PresetZoom}}); err != nil {
		t.Fatal(err)
	}
	exp := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	if err := s.UpdateConnection(mustConn(t, s, "A").ID, func(c *Connection) {
		c.TokenExpiry = &exp
		c.LastTest = &TestResult{OK: true, Message: "fine"}
	}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the first Load parses, the second reuses that parse
		d := mustLoad(t, s)
		d.Connections[0].Name = "changed"
		*d.Connections[0].TokenExpiry = exp.Add(time.Hour)
		d.Connections[0].LastTest.Message = "changed"
		d.Connections = append(d.Connections, Connection{Name: "extra"})
	}
	again := mustLoad(t, s)
	c := again.Connections[0]
	if len(again.Connections) != 1 || c.Name != "A" || !c.TokenExpiry.Equal(exp) || c.LastTest.Message != "fine" {
		t.Fatalf("a caller's changes leaked into the next Load: %+v (expiry %v, test %+v)", c, c.TokenExpiry, c.LastTest)
	}

	raw, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(raw, []byte(`"name": "A"`), []byte(`"name": "B"`), 1)
	if err := os.WriteFile(s.Path(), edited, 0o600); err != nil { // another process's save
		t.Fatal(err)
	}
	if got := mustLoad(t, s).Connections[0].Name; got != "B" {
		t.Fatalf("after the file changed Load returned %q, want B", got)
	}
}

// Every pointer, slice or map reachable from Data must be copied by
// Data.clone; this lists them, so a new one fails here until clone
// handles it (and this list is updated).
func TestDataCloneCoversEveryReference(t *testing.T) {
	var refs []string
	var walk func(reflect.Type, string)
	walk = func(typ reflect.Type, path string) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			name := path + "." + f.Name
			ft := f.Type
			switch ft.Kind() {
			case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
				refs = append(refs, name)
				if ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
			}
			if ft.Kind() == reflect.Struct && ft.PkgPath() == typ.PkgPath() {
				walk(ft, name)
			}
		}
	}
	walk(reflect.TypeOf(Data{}), "Data")
	want := "Data.Clients Data.Connections Data.Connections.LastTest Data.Connections.TokenExpiry Data.Connections.TokenScopes"
	if got := strings.Join(refs, " "); got != want {
		t.Fatalf("references in Data: %s\nclone copies:        %s\nupdate Data.clone and this test", got, want)
	}
}
