//go:build linux

package cli

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
	"zoomconn/internal/ptytest"
)

// rawZoom answers the token endpoint with a good token and each API path
// with the status, content type and exact bytes the test gives.
func rawZoom(t *testing.T, pages map[string]rawPage) *httptest.Server {
	z := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			tokenJSON(w, "good-access-token", "")
			return
		}
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", p.contentType)
		w.WriteHeader(p.status)
		_, _ = w.Write([]byte(p.body))
	}))
	t.Cleanup(z.Close)
	return z
}

type rawPage struct {
	status            int
	contentType, body string
}

// onTerminal runs one command in-process as the real program would on a
// terminal: stdout and stderr are a pseudo-terminal, and the command finds
// that out itself.
func (w *world) onTerminal(args ...string) (out string, code int) {
	w.t.Helper()
	tty := ptytest.Open(w.t)
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		w.t.Fatal(err)
	}
	defer devNull.Close()
	e := fileEnv(devNull, tty.TTY, tty.TTY)
	if !e.StdoutIsTerminal {
		w.t.Fatal("the pseudo-terminal is not seen as a terminal")
	}
	e.ConfigDir, e.Keyring, e.Now, e.Version = w.dir, w.secrets, w.clock.Now, "test"
	code = Main(args, e)
	out = tty.Output()
	w.record(args, out, "")
	return out, code
}

// Issue 17, finding 2: what a server says reaches a terminal with every
// escape made visible (bodies that are not JSON, error bodies, --jq
// strings and errors, strings in pretty JSON); a pipe gets the exact bytes.
func TestCommandLineServerTextOnATerminal(t *testing.T) {
	const attack = "\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eevil"
	const shown = `\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eevil`
	z := rawZoom(t, map[string]rawPage{
		"/v2/text":   {200, "text/plain", "hello " + attack + "\nline two\n"},
		"/v2/error":  {500, "text/html", "<h1>" + attack + "</h1>"},
		"/v2/topic":  {200, "application/json", `{"topic":"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil","message":"\u001b[2Jbad"}`},
		"/v2/pretty": {200, "application/json", "{\"topic\":\"" + "\u009b31m\u202eevil" + "\"}"},
	})
	w := newWorld(t, zoomtest.Options{})
	w.must("secret\n", append([]string{"add-s2s", "Evil", "--account-id", "a", "--client-id", "c"}, customFlags(z.URL)...)...)

	tests := []struct {
		name     string
		args     []string
		code     int
		want     []string // on the terminal
		pipeWant string   // the exact bytes on a pipe
	}{
		{"a body that is not JSON", []string{"api", "Evil", "/text"}, 0,
			[]string{"hello " + shown + "\nline two\n"}, "hello " + attack + "\nline two\n"},
		{"an error body", []string{"api", "Evil", "/error"}, 1,
			[]string{"<h1>" + shown + "</h1>", "HTTP 500"}, "<h1>" + attack + "</h1>"},
		{"a --jq string", []string{"api", "Evil", "/topic", "--jq", ".topic"}, 0,
			[]string{shown + "\n"}, attack + "\n"},
		{"a --jq error", []string{"api", "Evil", "/topic", "--jq", "error(.message)"}, 1,
			[]string{`--jq: error: \x1b[2Jbad`}, ""},
		{"pretty JSON", []string{"api", "Evil", "/pretty"}, 0,
			[]string{`"topic": "\u009b31m\u202eevil"`}, "{\"topic\":\"\u009b31m\u202eevil\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, code := w.onTerminal(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; printed %q", code, tt.code, out)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("the terminal shows %q; want it to hold %q", out, want)
				}
			}
			assertTerminalSafe(t, "the terminal", out, 4000)

			r := w.run("", tt.args...)
			if r.stdout != tt.pipeWant {
				t.Errorf("on a pipe stdout = %q, want the exact bytes %q", r.stdout, tt.pipeWant)
			}
			assertTerminalSafe(t, "stderr", r.stderr, 4000)
		})
	}

	// `api NAME /path --jq .field > out.txt` writes the exact value.
	file := filepath.Join(t.TempDir(), "out.txt")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	e := fileEnv(os.Stdin, f, f)
	e.ConfigDir, e.Keyring, e.Now = w.dir, w.secrets, w.clock.Now
	if code := Main([]string{"api", "Evil", "/topic", "--jq", ".topic"}, e); code != 0 {
		t.Fatalf("api > out.txt: exit %d", code)
	}
	f.Close()
	if got, _ := os.ReadFile(file); !bytes.Equal(got, []byte(attack+"\n")) {
		t.Errorf("out.txt = %q, want the exact value %q", got, attack+"\n")
	}
}
