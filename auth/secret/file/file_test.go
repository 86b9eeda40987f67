package file

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
)

const testPassphrase = "correct horse battery staple"

func TestMain(m *testing.M) {
	if os.Getenv("ZOOMCONN_TEST_HELPER") == "filestore-writer" {
		os.Exit(writerProcess())
	}
	os.Exit(m.Run())
}

// filestore-writer: open the file store in $ZOOMCONN_CONFIG_DIR with
// the passphrase from the environment (tests only), set N keys, then
// delete every fifth.
func writerProcess() int {
	s, err := Open(filepath.Join(os.Getenv("ZOOMCONN_CONFIG_DIR"), "secrets.enc"), []byte(os.Getenv("ZOOMCONN_TEST_PASSPHRASE")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	n, _ := strconv.Atoi(os.Getenv("ZOOMCONN_TEST_N"))
	prefix := os.Getenv("ZOOMCONN_TEST_PREFIX")
	for i := 0; i < n; i++ {
		if err := s.Set(fmt.Sprintf("%s/%d", prefix, i), fmt.Sprintf("value-%s-%d", prefix, i)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	for i := 0; i < n; i += 5 {
		if err := s.Delete(fmt.Sprintf("%s/%d", prefix, i)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// helperCmd runs this test binary as a child process in mode.
func helperCmd(t *testing.T, mode, dir, prefix string, extraEnv ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ZOOMCONN_TEST_HELPER="+mode, "ZOOMCONN_CONFIG_DIR="+dir, "ZOOMCONN_TEST_PREFIX="+prefix)
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stderr = os.Stderr
	return cmd
}

func TestFileContract(t *testing.T) {
	secrettest.Run(t, func(t *testing.T) secret.Store {
		f, err := Open(filepath.Join(t.TempDir(), "secrets", "secrets.enc"), []byte(testPassphrase))
		if err != nil {
			t.Fatal(err)
		}
		return f
	})
}

func newFileStore(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path, []byte(testPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustReadFile(t testing.TB, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestFileStoreModesAndNoPlaintext(t *testing.T) {
	base := t.TempDir()
	path := filepath.Join(base, "cfg", "zoomconn", "secrets.enc")
	s := newFileStore(t, path)
	if s.Path() != path {
		t.Fatalf("Path = %q", s.Path())
	}
	secrets := map[string]string{
		"connection/abc/client-secret": "s3cret-value-ABCDEF",
		"connection/abc/refresh-token": "refresh-token-0123456789",
		"oauth-client/x/client-secret": "密码-unicode-secret",
	}
	for k, v := range secrets {
		if err := s.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{filepath.Join(base, "cfg"), filepath.Join(base, "cfg", "zoomconn")} {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("dir %s: mode %v, %v; want 0700", d, fi.Mode().Perm(), err)
		}
	}
	for _, f := range []string{path, path + ".lock"} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", f, fi.Mode().Perm(), err)
		}
	}
	var all []string
	for k, v := range secrets {
		all = append(all, v, k)
	}
	all = append(all, testPassphrase, "correct horse", "refresh-token", "client-secret")
	secrettest.AssertNoSecretInDir(t, base, all...)
	raw := mustReadFile(t, path)
	for _, v := range secrets { // nor in UTF-16 or any other obvious form
		if bytes.Contains(raw, []byte(v[:8])) {
			t.Errorf("file contains the start of a secret")
		}
	}

	// A file someone loosened goes back to 0600 on the next write.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("x", "y"); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after rewrite %v, want 0600", fi.Mode().Perm())
	}
	// Each write uses a fresh nonce: the same content encrypts differently.
	before := mustReadFile(t, path)
	if err := s.Set("x", "y"); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(before, mustReadFile(t, path)) {
		t.Error("rewriting the same items produced the same bytes")
	}
}

func TestFileStoreReopenAndSharing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.enc")
	a := newFileStore(t, path)
	if err := a.Set("connection/1/refresh-token", "rt-1"); err != nil {
		t.Fatal(err)
	}
	b := newFileStore(t, path)
	if v, err := b.Get("connection/1/refresh-token"); err != nil || v != "rt-1" {
		t.Fatalf("reopened Get = %v", err)
	}
	// Each instance sees the other's changes: every call re-reads the file.
	if err := b.Set("connection/2/refresh-token", "rt-2"); err != nil {
		t.Fatal(err)
	}
	if v, err := a.Get("connection/2/refresh-token"); err != nil || v != "rt-2" {
		t.Fatalf("a does not see b's item: %v", err)
	}
	if err := a.Delete("connection/1/refresh-token"); err != nil {
		t.Fatal(err)
	}
	_, err := b.Get("connection/1/refresh-token")
	secrettest.AssertOnlyKind(t, err, secret.ErrNotFound)
}

func TestFileStoreWrongPassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.enc")
	s := newFileStore(t, path)
	if err := s.Set("connection/1/client-secret", "the-secret"); err != nil {
		t.Fatal(err)
	}
	before := mustReadFile(t, path)
	for _, wrong := range []string{"correct horse battery stapler", "Correct horse battery staple", "x"} {
		start := time.Now()
		_, err := Open(path, []byte(wrong))
		if !errors.Is(err, ErrWrongPassphrase) || errors.Is(err, ErrStoreTampered) {
			t.Fatalf("err = %v, want ErrWrongPassphrase only", err)
		}
		msg := err.Error()
		if !strings.Contains(msg, path) || !strings.Contains(msg, "passphrase does not unlock") || !strings.Contains(msg, "Nothing was changed") {
			t.Errorf("unclear message: %s", msg)
		}
		if strings.Contains(msg, wrong) || strings.Contains(msg, testPassphrase) {
			t.Error("message contains a passphrase")
		}
		t.Logf("wrong passphrase rejected in %v: %s", time.Since(start).Round(time.Millisecond), msg)
	}
	if !bytes.Equal(before, mustReadFile(t, path)) {
		t.Fatal("file changed")
	}
	if v, err := newFileStore(t, path).Get("connection/1/client-secret"); err != nil || v != "the-secret" {
		t.Fatalf("right passphrase afterwards: %v", err)
	}
}

func TestFileStorePassphraseRules(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "secrets.enc")
	for _, p := range []string{"", "short", "1234567"} {
		_, err := Open(path, []byte(p))
		if !errors.Is(err, ErrPassphraseTooShort) || !strings.Contains(err.Error(), path) {
			t.Fatalf("passphrase %q: err = %v", p, err)
		}
		t.Log(err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused passphrase still created something")
	}
	newFileStore(t, path)
	before := mustReadFile(t, path)
	if _, err := Open(path, nil); !errors.Is(err, ErrPassphraseTooShort) || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("empty passphrase on an existing file: %v", err)
	}
	if !bytes.Equal(before, mustReadFile(t, path)) {
		t.Fatal("file changed")
	}
}

// fileParts returns the offsets of a version 1 file's parts.
func fileParts(raw []byte) (hdrEnd, checkEnd, nonceEnd, tagStart, digestStart int) {
	hdrEnd = fixedHeaderLen + int(raw[19])
	checkEnd = hdrEnd + checkLen
	nonceEnd = checkEnd + nonceLen
	digestStart = len(raw) - digestLen
	tagStart = digestStart - tagLen
	return
}

// reseal recomputes the checksum, as a deliberate tamperer would.
func reseal(raw []byte) []byte {
	sum := sha256.Sum256(raw[:len(raw)-digestLen])
	copy(raw[len(raw)-digestLen:], sum[:])
	return raw
}

func TestFileStoreTampering(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secrets.enc")
	s := newFileStore(t, path)
	for i := 0; i < 5; i++ {
		if err := s.Set(fmt.Sprintf("connection/%d/client-secret", i), fmt.Sprintf("secret-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	good := mustReadFile(t, path)
	hdrEnd, checkEnd, nonceEnd, tagStart, digestStart := fileParts(good)
	flip := func(off int) func([]byte) []byte {
		return func(b []byte) []byte { b[off] ^= 0x01; return b }
	}
	flipResealed := func(off int) func([]byte) []byte {
		return func(b []byte) []byte { b[off] ^= 0x80; return reseal(b) }
	}
	setU32 := func(off int, v uint32) func([]byte) []byte {
		return func(b []byte) []byte { binary.BigEndian.PutUint32(b[off:], v); return reseal(b) }
	}
	setByte := func(off int, v byte) func([]byte) []byte {
		return func(b []byte) []byte { b[off] = v; return reseal(b) }
	}
	truncate := func(n int) func([]byte) []byte { return func(b []byte) []byte { return b[:n] } }
	replace := func(content string) func([]byte) []byte { return func([]byte) []byte { return []byte(content) } }
	garbage := make([]byte, 600)
	for i := range garbage {
		garbage[i] = byte(i*7 + 3)
	}

	tests := []struct {
		name   string
		mangle func([]byte) []byte
		kind   error  // what Open returns
		reason string // in the message
	}{
		// Accidental damage: the checksum catches it before any key work.
		{"magic", flip(0), ErrStoreTampered, "not a secrets file"},
		{"header kdf time", flip(12), ErrStoreTampered, "checksum"},
		{"header kdf memory", flip(16), ErrStoreTampered, "checksum"},
		{"salt", flip(fixedHeaderLen + 3), ErrStoreTampered, "checksum"},
		{"check", flip(hdrEnd + 1), ErrStoreTampered, "checksum"},
		{"nonce", flip(checkEnd + 2), ErrStoreTampered, "checksum"},
		{"ciphertext", flip(nonceEnd + 5), ErrStoreTampered, "checksum"},
		{"tag", flip(tagStart + 3), ErrStoreTampered, "checksum"},
		{"digest", flip(digestStart + 31), ErrStoreTampered, "checksum"},
		{"appended byte", func(b []byte) []byte { return append(b, 0) }, ErrStoreTampered, "checksum"},
		{"empty", truncate(0), ErrStoreTampered, "empty"},
		{"truncated 5", truncate(5), ErrStoreTampered, "not a secrets file"},
		{"truncated 12", truncate(12), ErrStoreTampered, "cut short"},
		{"truncated in salt", truncate(fixedHeaderLen + 4), ErrStoreTampered, "cut short"},
		{"truncated after header", truncate(hdrEnd), ErrStoreTampered, "cut short"},
		{"truncated in ciphertext", truncate(nonceEnd + 100), ErrStoreTampered, "checksum"},
		{"truncated by one", truncate(len(good) - 1), ErrStoreTampered, "checksum"},
		{"garbage", replace(string(garbage)), ErrStoreTampered, "not a secrets file"},
		{"json", replace(`{"connection/1/client-secret": "x"}`), ErrStoreTampered, "not a secrets file"},
		{"older format", setByte(8, 0), ErrStoreTampered, "unknown format"},
		{"newer format", setByte(8, 2), ErrStoreTooNew, "newer"},
		// Deliberate tampering (checksum recomputed): GCM catches it.
		{"resealed nonce", flipResealed(checkEnd), ErrStoreTampered, "fail authentication"},
		{"resealed ciphertext", flipResealed(nonceEnd), ErrStoreTampered, "fail authentication"},
		{"resealed tag", flipResealed(digestStart - 1), ErrStoreTampered, "fail authentication"},
		{"resealed cut ciphertext", func(b []byte) []byte {
			b = append(b[:nonceEnd+3], b[nonceEnd+4:]...)
			return reseal(b)
		}, ErrStoreTampered, "fail authentication"},
		// Hostile KDF settings are refused before any work.
		{"huge memory", setU32(14, 0xFFFFFFFF), ErrStoreTampered, "out of range"},
		{"512 MiB memory", setU32(14, 512<<10), ErrStoreTampered, "out of range"},
		{"zero memory", setU32(14, 0), ErrStoreTampered, "out of range"},
		{"huge time", setU32(10, 0xFFFFFFFF), ErrStoreTampered, "out of range"},
		{"zero time", setU32(10, 0), ErrStoreTampered, "out of range"},
		{"many threads", setByte(18, 255), ErrStoreTampered, "out of range"},
		{"zero threads", setByte(18, 0), ErrStoreTampered, "out of range"},
		{"unknown kdf", setByte(9, 7), ErrStoreTampered, "unknown key derivation"},
		{"short salt", func(b []byte) []byte { // header claims 4 bytes of salt
			b = append(append(b[:19:19], 4), b[fixedHeaderLen+12:]...)
			return reseal(b)
		}, ErrStoreTampered, "salt"},
		// A resealed change of the salt or the check value yields another
		// key: indistinguishable from a wrong passphrase, and reported so.
		{"resealed salt", flipResealed(fixedHeaderLen), ErrWrongPassphrase, "passphrase does not unlock"},
		{"resealed check", flipResealed(hdrEnd), ErrWrongPassphrase, "passphrase does not unlock"},
	}
	open := s // a store opened before the damage; good bytes keep it valid
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := tt.mangle(bytes.Clone(good))
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}

			// Hostile KDF settings are refused by the header check ("out of
			// range") before any key derivation, which the reason proves.
			_, err := Open(path, []byte(testPassphrase))
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.reason) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open err = %v, want %v mentioning %q and the path", err, tt.kind, tt.reason)
			}
			if tt.kind != ErrWrongPassphrase && errors.Is(err, ErrWrongPassphrase) || tt.kind != ErrStoreTampered && errors.Is(err, ErrStoreTampered) {
				t.Fatalf("err %v matches the wrong kind", err)
			}
			if tt.kind == ErrStoreTampered && !strings.Contains(err.Error(), "left it untouched") {
				t.Errorf("message does not say the file is kept: %v", err)
			}

			// A store opened before the damage refuses too, as one
			// secret.Store kind, and writes nothing.
			_, err = open.Get("connection/1/client-secret")
			if !errors.Is(err, ErrStoreTampered) && !errors.Is(err, ErrStoreTooNew) && !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("Get err = %v", err)
			}
			secrettest.AssertOnlyKind(t, err, secret.ErrUnavailable)
			setErr := open.Set("connection/1/client-secret", "new-secret")
			if setErr == nil {
				t.Fatal("Set on a damaged file succeeded")
			}
			secrettest.AssertOnlyKind(t, setErr, secret.ErrUnavailable)
			if err := open.Delete("connection/1/client-secret"); err == nil {
				t.Fatal("Delete on a damaged file succeeded")
			}
			for _, v := range []string{"secret-1", "new-secret", testPassphrase} {
				if strings.Contains(err.Error()+setErr.Error(), v) {
					t.Fatal("message contains a secret")
				}
			}
			if !bytes.Equal(bad, mustReadFile(t, path)) {
				t.Fatal("damaged file was modified")
			}
			if err := os.WriteFile(path, good, 0o600); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestFileStoreChangePassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.enc")
	a := newFileStore(t, path)
	other := newFileStore(t, path) // another process, still on the old key
	if err := a.Set("k", "v"); err != nil {
		t.Fatal(err)
	}
	if err := a.ChangePassphrase([]byte("short")); !errors.Is(err, ErrPassphraseTooShort) {
		t.Fatalf("short new passphrase: %v", err)
	}
	saltBefore := bytes.Clone(mustReadFile(t, path)[fixedHeaderLen : fixedHeaderLen+newSaltLen])
	if err := a.ChangePassphrase([]byte("a brand new passphrase")); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(saltBefore, mustReadFile(t, path)[fixedHeaderLen:fixedHeaderLen+newSaltLen]) {
		t.Error("salt not renewed")
	}
	if v, err := a.Get("k"); err != nil || v != "v" {
		t.Fatalf("after change: %v", err)
	}
	if _, err := Open(path, []byte(testPassphrase)); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase: %v", err)
	}
	if s, err := Open(path, []byte("a brand new passphrase")); err != nil {
		t.Fatal(err)
	} else if v, err := s.Get("k"); err != nil || v != "v" {
		t.Fatalf("new passphrase Get: %v", err)
	}
	_, err := other.Get("k")
	secrettest.AssertOnlyKind(t, err, secret.ErrUnavailable)
	if !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "re-encrypted with another passphrase") {
		t.Fatalf("stale instance: %v", err)
	}
	t.Log(err)
}

func TestFileStoreErrorKinds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secrets.enc")
	s := newFileStore(t, path)
	if err := s.Set("connection/1/client-secret", "keep-me"); err != nil {
		t.Fatal(err)
	}
	// Too large.
	err := s.Set("connection/1/refresh-token", strings.Repeat("x", MaxSecretBytes+1))
	secrettest.AssertOnlyKind(t, err, secret.ErrTooLarge)
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "refresh token") {
		t.Errorf("message: %v", err)
	}
	if err := s.Set("connection/1/refresh-token", strings.Repeat("x", MaxSecretBytes)); err != nil {
		t.Fatalf("a secret at the limit: %v", err)
	}
	if err := s.Delete("connection/1/refresh-token"); err != nil {
		t.Fatal(err)
	}
	before := mustReadFile(t, path)

	// A failed write changes nothing.
	s.writeFile = func(string, []byte) error { return errors.New("disk full") }
	err = s.Set("connection/1/client-secret", "replacement")
	secrettest.AssertOnlyKind(t, err, secret.ErrUnavailable)
	if !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "nothing was saved") || strings.Contains(err.Error(), "replacement") {
		t.Errorf("message: %v", err)
	}
	s.writeFile = nil
	if v, err := s.Get("connection/1/client-secret"); err != nil || v != "keep-me" {
		t.Fatalf("after failed write: %q, %v", v, err)
	}

	// The file disappears after opening: an error, never a silent new file.
	if err := os.Rename(path, path+".moved"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Get("connection/1/client-secret")
	secrettest.AssertOnlyKind(t, err, secret.ErrUnavailable)
	if !strings.Contains(err.Error(), "is missing") || !strings.Contains(err.Error(), path) {
		t.Errorf("message: %v", err)
	}
	err = s.Set("connection/1/client-secret", "x")
	secrettest.AssertOnlyKind(t, err, secret.ErrUnavailable)
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("Set recreated a missing file")
	}
	if err := os.Rename(path+".moved", path); err != nil {
		t.Fatal(err)
	}

	// An unreadable file (as a non-root user).
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		_, err = s.Get("connection/1/client-secret")
		secrettest.AssertOnlyKind(t, err, secret.ErrUnavailable)
		if !strings.Contains(err.Error(), "could not be read") {
			t.Errorf("message: %v", err)
		}
		_, err = Open(path, []byte(testPassphrase))
		if !errors.Is(err, secret.ErrUnavailable) || !strings.Contains(err.Error(), path) {
			t.Errorf("Open unreadable: %v", err)
		}
		_ = os.Chmod(path, 0o600)
	}
	if !bytes.Equal(before, mustReadFile(t, path)) {
		t.Fatal("file changed")
	}
}

// TestFileStoreConcurrentProcesses runs two processes that create the
// file (racing) and write and delete their own keys at the same time, while
// this process writes too; nothing may be lost.
func TestFileStoreConcurrentProcesses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config")
	const n = 60
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for _, prefix := range []string{"a", "b"} {
		cmd := helperCmd(t, "filestore-writer", dir, prefix, "ZOOMCONN_TEST_N="+strconv.Itoa(n), "ZOOMCONN_TEST_PASSPHRASE="+testPassphrase)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := cmd.Run(); err != nil {
				errs <- fmt.Errorf("writer %s: %w", prefix, err)
			}
		}()
	}
	// Two goroutines on two instances in this process as well.
	path := filepath.Join(dir, "secrets.enc")
	for _, prefix := range []string{"c", "d"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(path, []byte(testPassphrase)) // may race the children to create it
			if err != nil {
				errs <- err
				return
			}
			for i := 0; i < n/2; i++ {
				if err := s.Set(fmt.Sprintf("%s/%d", prefix, i), fmt.Sprintf("value-%s-%d", prefix, i)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s := newFileStore(t, path)
	for _, prefix := range []string{"a", "b", "c", "d"} {
		for i := 0; i < n; i++ {
			k := fmt.Sprintf("%s/%d", prefix, i)
			v, err := s.Get(k)
			deleted := prefix <= "b" && i%5 == 0
			missing := prefix > "b" && i >= n/2
			switch {
			case deleted || missing:
				if !errors.Is(err, secret.ErrNotFound) {
					t.Errorf("%s: %v, want not found", k, err)
				}
			case err != nil || v != fmt.Sprintf("value-%s-%d", prefix, i):
				t.Errorf("%s lost: %v", k, err)
			}
		}
	}
}

func BenchmarkFileStoreOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "secrets.enc")
	newFileStore(b, path)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Open(path, []byte(testPassphrase)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFileStoreGet(b *testing.B) {
	path := filepath.Join(b.TempDir(), "secrets.enc")
	s := newFileStore(b, path)
	for i := 0; i < 30; i++ { // ten connections' worth of items
		if err := s.Set(fmt.Sprintf("connection/%d/refresh-token", i), strings.Repeat("t", 400)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Get("connection/7/refresh-token"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFileStoreSet(b *testing.B) {
	path := filepath.Join(b.TempDir(), "secrets.enc")
	s := newFileStore(b, path)
	b.ResetTimer()
	for b.Loop() {
		if err := s.Set("connection/7/refresh-token", strings.Repeat("t", 400)); err != nil {
			b.Fatal(err)
		}
	}
}
