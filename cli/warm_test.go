package cli

import (
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/zoomtest"
)

// warmCountingKeyring is the world's keyring, counting how often a
// command asked it to connect ahead of its first call.
type warmCountingKeyring struct {
	*secrettest.Memory
	warmed atomic.Int32
}

func (k *warmCountingKeyring) Warm() { k.warmed.Add(1) }

// A command that reads secrets connects to the keyring as it starts, from
// the metadata file's first bytes when they cannot name the encrypted file
// (openSecrets, auth.MayKeepSecretsInFile); where the secrets live in that
// file it never looks for a keyring, as before.
func TestKeyringWarmedOnlyWhereSecretsLive(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	// A connection named "file" makes the first look inconclusive: the
	// command warms the keyring once it has parsed the file.
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "file", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	token := func(stdin, name string) (code int, warmed int32) {
		t.Helper()
		k := &warmCountingKeyring{Memory: w.secrets}
		e := &Env{Stdin: strings.NewReader(stdin), Stdout: io.Discard, Stderr: io.Discard, ConfigDir: w.dir, Keyring: k,
			OpenURL: zoomtest.NewBrowser().Open, Now: w.clock.Now, Version: "test"}
		return Main([]string{"token", name}, e), k.warmed.Load()
	}
	if code, warmed := token("", "Reports"); code != 0 || warmed == 0 {
		t.Fatalf("token in the keyring (a connection named file): exit %d, keyring warmed %d times; want 0, at least once", code, warmed)
	}
	w.must("", "remove", "file")
	if code, warmed := token("", "Reports"); code != 0 || warmed == 0 {
		t.Fatalf("token in the keyring: exit %d, keyring warmed %d times; want 0, at least once", code, warmed)
	}
	const pass = "long enough passphrase"
	w.must(pass+"\n", "use-file-store")
	if code, warmed := token(pass+"\n", "Reports"); code != 0 || warmed != 0 {
		t.Fatalf("token in the encrypted file: exit %d, keyring warmed %d times; want 0, never", code, warmed)
	}
}
