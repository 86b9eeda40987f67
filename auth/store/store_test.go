package store_test

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
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// TestMain runs the tests, or in a child process started by
// storetest.HelperCmd a "writer" or "saver" helper.
func TestMain(m *testing.M) {
	storetest.Main(m, map[string]func() int{"writer": helperWriter, "saver": helperSaver})
}

func helperStore() (*store.Store, error) {
	var secrets secret.Store = &secrettest.Memory{}
	if os.Getenv("ZOOMCONN_TEST_KEYRING") == "1" {
		secrets = &keyring.Store{}
	}
	return store.Open(os.Getenv("ZOOMCONN_CONFIG_DIR"), secrets)
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
		if _, err := s.SaveConnection(auth.ConnectionInput{Name: name, Type: auth.AuthOAuth, OAuthClientID: cl.ID}); err != nil {
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
		if _, err := s.SaveConnection(storetest.S2SInput(fmt.Sprintf("%s-%d", os.Getenv("ZOOMCONN_TEST_PREFIX"), i))); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
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
	key := "test/" + storetest.RandomID()
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
	s := storetest.New(t, k)
	conn := storetest.MustSaveConn(t, s, storetest.S2SInput("Reporting"))
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Team app", ClientID: "team-client", ClientSecret: "team-secret-xyz"})
	oc := storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.ID})

	for _, key := range []string{store.S2SSecretKey(conn.ID), store.ClientSecretKey(cl.ID)} {
		if !strings.Contains(secretToolSearch(t, key), "attribute.username = "+key) {
			t.Errorf("secret-tool does not list %s", key)
		}
	}
	if got, err := k.Get(store.S2SSecretKey(conn.ID)); err != nil || got != "s3cret-Reporting-value" {
		t.Fatalf("stored S2S secret = %v", err)
	}

	d := storetest.MustLoad(t, s)
	if len(d.Connections) != 2 || len(d.Clients) != 1 || d.Connections[1].ID != oc.ID || !d.Connections[1].NeedsAuth {
		t.Fatalf("reloaded %+v", d)
	}
	if fi, _ := os.Stat(s.Path()); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(s.Dir()); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", fi.Mode().Perm())
	}
	secrettest.AssertNoSecretInDir(t, s.Dir(), "s3cret-Reporting-value", "team-secret-xyz")

	if err := s.DeleteConnection("reporting"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(secretToolSearch(t, store.S2SSecretKey(conn.ID)), store.S2SSecretKey(conn.ID)) {
		t.Fatal("deleting the connection left its secret in the keyring")
	}
}

func TestEditSecretRules(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	c := storetest.MustSaveConn(t, s, storetest.S2SInput("Ops"))
	key := store.S2SSecretKey(c.ID)
	_ = mem.Set(store.AccessTokenKey(c.ID), `{"access_token":"cached"}`)

	// Rename only: empty secret keeps the stored one and the cached token.
	edit := auth.ConnectionInput{ID: c.ID, Name: "Ops 2", Type: auth.AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID}
	storetest.MustSaveConn(t, s, edit)
	if v, _ := mem.Get(key); v != "s3cret-Ops-value" {
		t.Fatalf("secret after rename = %q", v)
	}
	if _, err := mem.Get(store.AccessTokenKey(c.ID)); err != nil {
		t.Fatal("rename dropped the cached token")
	}

	// Changing the client ID without a secret is refused.
	edit.ClientID = "other-client"
	_, err := s.SaveConnection(edit)
	var ve *auth.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For(auth.FieldClientSecret), "Client ID changed") {
		t.Fatalf("err = %v", err)
	}
	// With a secret it saves, and the token cached for the old app is dropped.
	edit.ClientSecret = "new-secret"
	storetest.MustSaveConn(t, s, edit)
	if v, _ := mem.Get(key); v != "new-secret" {
		t.Fatalf("secret = %q", v)
	}
	if _, err := mem.Get(store.AccessTokenKey(c.ID)); !errors.Is(err, secret.ErrNotFound) {
		t.Fatal("old cached token kept after identity change")
	}
}

func TestPublicClientDropsSecretAndClientIDChangeNeedsAuth(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "App", ClientID: "one", ClientSecret: "sec"})
	conn := storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	if err := s.UpdateConnection(conn.ID, func(c *auth.Connection) { c.NeedsAuth = false }); err != nil {
		t.Fatal(err)
	}
	storetest.MustSaveClient(t, s, auth.ClientInput{ID: cl.ID, Name: "App", ClientID: "two", Public: true})
	if _, err := mem.Get(store.ClientSecretKey(cl.ID)); !errors.Is(err, secret.ErrNotFound) {
		t.Fatal("public client kept its secret")
	}
	d := storetest.MustLoad(t, s)
	if c, _ := d.ConnectionByID(conn.ID); !c.NeedsAuth {
		t.Fatal("connection of a client whose Client ID changed does not need authorization")
	}
}

func TestDeleteClientInUseIsRefused(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Shared", ClientID: "x", Public: true})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Alice", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Bob", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	err := s.DeleteClient("shared")
	var inUse *store.InUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), `"Alice", "Bob"`) {
		t.Fatalf("err = %v, want InUseError naming Alice and Bob", err)
	}
	if d := storetest.MustLoad(t, s); len(d.Clients) != 1 {
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
			s := storetest.New(t, &secrettest.Memory{})
			if err := os.WriteFile(s.Path(), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.Load()
			var ce *store.CorruptFileError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), s.Path()) {
				t.Fatalf("Load err = %v, want CorruptFileError naming the file", err)
			}
			if _, err := s.SaveConnection(storetest.S2SInput("New")); !errors.As(err, &ce) {
				t.Fatalf("Save on corrupt file err = %v", err)
			}
			if got, _ := os.ReadFile(s.Path()); string(got) != content {
				t.Fatal("corrupt file was modified")
			}
		})
	}
}

// storeState captures everything a transaction may change.
func storeState(t *testing.T, s *store.Store, mem *secrettest.Memory) (string, map[string]string) {
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
		run  func(s *store.Store, d *auth.Data) error
	}
	steps := []step{
		{"new s2s", func(s *store.Store, d *auth.Data) error {
			_, err := s.SaveConnection(storetest.S2SInput("New"))
			return err
		}},
		{"edit s2s new secret", func(s *store.Store, d *auth.Data) error {
			c, _ := d.Connection("S2S")
			_, err := s.SaveConnection(auth.ConnectionInput{ID: c.ID, Name: "S2S", Type: auth.AuthS2S, AccountID: c.AccountID, ClientID: "changed", ClientSecret: "x"})
			return err
		}},
		{"s2s to oauth", func(s *store.Store, d *auth.Data) error {
			c, _ := d.Connection("S2S")
			cl, _ := d.Client("Conf")
			_, err := s.SaveConnection(auth.ConnectionInput{ID: c.ID, Name: "S2S", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
			return err
		}},
		{"new client", func(s *store.Store, d *auth.Data) error {
			_, err := s.SaveClient(auth.ClientInput{Name: "Another", ClientID: "a", ClientSecret: "b"})
			return err
		}},
		{"client to public", func(s *store.Store, d *auth.Data) error {
			cl, _ := d.Client("Conf")
			_, err := s.SaveClient(auth.ClientInput{ID: cl.ID, Name: "Conf", ClientID: cl.ClientID, Public: true})
			return err
		}},
		{"delete oauth conn", func(s *store.Store, d *auth.Data) error { return s.DeleteConnection("OAuth") }},
		{"delete s2s conn", func(s *store.Store, d *auth.Data) error { return s.DeleteConnection("S2S") }},
	}
	failures := []error{
		&secret.Error{Kind: secret.ErrUnavailable, Err: errors.New("dbus gone")},
		&secret.Error{Kind: secret.ErrTimeout},
	}
	for _, st := range steps {
		for failAt := 1; ; failAt++ {
			mem := &secrettest.Memory{}
			s := storetest.New(t, mem)
			storetest.MustSaveConn(t, s, storetest.S2SInput("S2S"))
			cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Conf", ClientID: "c", ClientSecret: "cs"})
			oc := storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "OAuth", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
			_ = mem.Set(store.RefreshTokenKey(oc.ID), "rt")
			_ = mem.Set(store.AccessTokenKey(oc.ID), "at")
			d := storetest.MustLoad(t, s)
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
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	c := storetest.MustSaveConn(t, s, storetest.S2SInput("Keep"))
	fileBefore, keysBefore := storeState(t, s, mem)
	s.SetWriteFile(func(string, []byte) error { return errors.New("disk full") })

	edit := auth.ConnectionInput{ID: c.ID, Name: "Keep", Type: auth.AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID, ClientSecret: "replacement"}
	for name, run := range map[string]func() error{
		"save new":    func() error { _, err := s.SaveConnection(storetest.S2SInput("New")); return err },
		"edit secret": func() error { _, err := s.SaveConnection(edit); return err },
		"delete":      func() error { return s.DeleteConnection("Keep") },
		"save a client": func() error {
			_, err := s.SaveClient(auth.ClientInput{Name: "C", ClientID: "c", ClientSecret: "s"})
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

func TestReadOnlyConfigDir(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	storetest.MustSaveConn(t, s, storetest.S2SInput("Before"))
	keys := mem.Keys()
	s.SetWriteFile(func(path string, _ []byte) error {
		return &os.PathError{Op: "open", Path: path + ".tmp", Err: errors.New("read-only file system")}
	})
	_, err := s.SaveConnection(storetest.S2SInput("After"))
	if err == nil || !strings.Contains(err.Error(), "read-only file system") || !strings.Contains(err.Error(), "nothing was saved") {
		t.Fatalf("err = %v", err)
	}
	if !slices.Equal(mem.Keys(), keys) {
		t.Fatal("keyring not rolled back")
	}
	if os.Geteuid() != 0 { // root ignores permission bits
		s.SetWriteFile(nil)
		if err := os.Chmod(s.Dir(), 0o500); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(s.Dir(), 0o700)
		if _, err := s.SaveConnection(storetest.S2SInput("After")); err == nil {
			t.Fatal("save into a read-only dir succeeded")
		}
		if !slices.Equal(mem.Keys(), keys) {
			t.Fatal("keyring not rolled back")
		}
	}
}

func TestUnavailableKeyringNeverDeletes(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	storetest.MustSaveConn(t, s, storetest.S2SInput("Precious"))
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
	s, err := store.Open(dir, &secrettest.Memory{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Public", ClientID: "p", Public: true})
	confirmed := 0
	for round := 0; round < 15; round++ {
		cmd := storetest.HelperCmd(t, "writer", dir, fmt.Sprintf("r%d", round))
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
		cmd := storetest.HelperCmd(t, "saver", dir, prefix, "ZOOMCONN_TEST_N="+strconv.Itoa(perProcess), "ZOOMCONN_TEST_KEYRING=1")
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
	s, _ := store.Open(dir, k)
	d := storetest.MustLoad(t, s)
	t.Cleanup(func() {
		for _, c := range d.Connections {
			_ = k.Delete(store.S2SSecretKey(c.ID))
		}
	})
	if len(d.Connections) != 2*perProcess {
		t.Fatalf("%d connections saved, want %d", len(d.Connections), 2*perProcess)
	}
	for _, c := range d.Connections {
		if v, err := k.Get(store.S2SSecretKey(c.ID)); err != nil || v != "s3cret-"+c.Name+"-value" {
			t.Fatalf("secret of %s: %v", c.Name, err)
		}
	}
}

// Load hands out data its caller owns, also when it comes from the parse
// remembered for unchanged bytes; and a file changed by another process
// is parsed again.
func TestLoadReturnsOwnedCopiesAndSeesChanges(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	if _, err := s.SaveConnection(auth.ConnectionInput{Name: "A", Type: auth.AuthS2S, AccountID: "acct", ClientID: "cid", ClientSecret: "secret", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}); err != nil {
		t.Fatal(err)
	}
	exp := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	if err := s.UpdateConnection(storetest.MustConn(t, s, "A").ID, func(c *auth.Connection) {
		c.TokenExpiry = &exp
		c.LastTest = &auth.TestResult{OK: true, Message: "fine"}
	}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the first Load parses, the second reuses that parse
		d := storetest.MustLoad(t, s)
		d.Connections[0].Name = "changed"
		*d.Connections[0].TokenExpiry = exp.Add(time.Hour)
		d.Connections[0].LastTest.Message = "changed"
		d.Connections = append(d.Connections, auth.Connection{Name: "extra"})
	}
	again := storetest.MustLoad(t, s)
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
	if got := storetest.MustLoad(t, s).Connections[0].Name; got != "B" {
		t.Fatalf("after the file changed Load returned %q, want B", got)
	}
}

// Finding 10: a config dir another user owns or controls is refused.
func TestNewStoreRefusesAConfigDirItCannotTrust(t *testing.T) {
	base := t.TempDir()
	foreign := filepath.Join(base, "foreign")
	if err := os.Mkdir(foreign, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(foreign, 65534, 65534); err != nil {
		if os.Geteuid() != 0 {
			t.Skipf("cannot give a directory to another user without root: %v", err)
		}
		t.Fatal(err)
	}
	link := filepath.Join(base, "link-to-foreign")
	own := filepath.Join(base, "own")
	ownLink := filepath.Join(base, "link-to-own")
	loose := filepath.Join(base, "loose")
	for _, err := range []error{os.Symlink(foreign, link), os.Mkdir(own, 0o700), os.Symlink(own, ownLink), os.Mkdir(loose, 0o755), os.Chmod(loose, 0o755)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ dir, want string }{
		{foreign, "is owned by another user, so it is not used"},
		{link, "is a link to a directory owned by another user, so it is not used"},
		{"/proc/self/fdinfo", "could not be made private (mode 0700"}, // ours, but chmod fails
		{own, ""},
		{ownLink, ""},
		{loose, ""},
	} {
		s, err := store.Open(tt.dir, &secrettest.Memory{})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.dir, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "ZOOMCONN_CONFIG_DIR")):
			t.Errorf("%s: err = %v; want %q and what to do", tt.dir, err, tt.want)
		case tt.want == "" && s == nil:
			t.Errorf("%s: no store", tt.dir)
		}
	}
	if fi, err := os.Stat(loose); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("a loose directory of ours was not made 0700: %v %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(foreign); len(entries) != 0 {
		t.Errorf("zoomconn wrote into a refused directory: %v", entries)
	}
}

func TestTrimmedSecretIsReported(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	in := storetest.S2SInput("Trim")
	in.ClientSecret = "  padded-secret\n"
	res, err := s.SaveConnection(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "removed") {
		t.Fatalf("notices = %q, want one about trimming", res.Notices)
	}
	got, err := s.Secrets().Get(store.S2SSecretKey(res.Connection.ID))
	if err != nil || got != "padded-secret" {
		t.Fatalf("stored secret = %q, %v; want trimmed", got, err)
	}
}

func TestInvalidInputChangesNothing(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	storetest.MustSaveConn(t, s, storetest.S2SInput("One"))
	before, _ := os.ReadFile(s.Path())
	bad := storetest.S2SInput("one") // duplicate name
	if _, err := s.SaveConnection(bad); err == nil {
		t.Fatal("duplicate accepted")
	}
	after, _ := os.ReadFile(s.Path())
	if string(before) != string(after) || len(mem.Keys()) != 1 {
		t.Fatalf("invalid input changed state: keys %v", mem.Keys())
	}
}
