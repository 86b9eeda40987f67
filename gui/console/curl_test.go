package console

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth/access"
)

// copiedRun is what running a copied curl command did: the arguments
// zoomconn and curl got, what curl read on stdin and printed.
type copiedRun struct {
	zoomconnArgs, curlArgs []string
	curlStdin, out         string
}

// runCopied runs cmd with sh, with a zoomconn that prints token as
// `token --format header` does and a curl that records its arguments and
// stdin, then runs realCurl ("" for none) on them.
func runCopied(t *testing.T, cmd, token, realCurl string) copiedRun {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("runs the command with a POSIX shell")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	bin, rec := t.TempDir(), t.TempDir()
	script := func(name, body string) {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!"+sh+"\n"+body), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// The token comes from the environment, as zoomconn would get it from
	// the keyring: never from an argument.
	script("zoomconn", `printf '%s\n' "$@" > "$REC/zoomconn.args"
printf 'Authorization: Bearer %s\n' "$FAKE_TOKEN"
`)
	run := ""
	if realCurl != "" {
		run = "exec " + realCurl + ` -sS --noproxy '*' "$@" < "$REC/curl.stdin"` + "\n"
	}
	script("curl", `printf '%s\n' "$@" > "$REC/curl.args"
cat > "$REC/curl.stdin"
`+run)
	c := exec.Command(sh, "-c", cmd)
	c.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "REC=" + rec, "FAKE_TOKEN=" + token}
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("sh -c %q: %v\n%s", cmd, err, out)
	}
	read := func(name string) string {
		raw, err := os.ReadFile(filepath.Join(rec, name))
		if err != nil {
			t.Fatalf("%s: %v (the command ran no %s)", cmd, err, name)
		}
		return string(raw)
	}
	lines := func(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }
	return copiedRun{zoomconnArgs: lines(read("zoomconn.args")), curlArgs: lines(read("curl.args")), curlStdin: read("curl.stdin"), out: string(out)}
}

// bearer is "Bearer" followed by something that could be a token.
var bearer = regexp.MustCompile(`Bearer\s*\S`)

// Copy as curl keeps the token off every command line: zoomconn pipes the
// header to curl, which reads it with -H @-. A name that looks like a
// flag, or holds spaces and quotes, reaches zoomconn as one argument.
func TestCurlCommandPipesTheToken(t *testing.T) {
	const token = "tok-Zq9.secret_value"
	const base = "https://api.zoom.us/v2"
	for _, tt := range []struct {
		name string
		r    Request
		curl []string // curl's arguments
	}{
		{"Sales", Request{Request: access.Request{Method: "GET", Path: "users/me", Query: url.Values{"page_size": {"30"}}}},
			[]string{"-H", "@-", base + "/users/me?page_size=30"}},
		{"-weird", Request{Request: access.Request{Method: "GET", Path: "users"}},
			[]string{"-H", "@-", base + "/users"}},
		{`--format=raw it's "odd"; echo $HOME `, Request{Request: access.Request{Method: "POST", Path: "users", Body: json.RawMessage(`{"email":"x@example.com","n":"it's"}`)}},
			[]string{"-X", "POST", "-H", "@-", "-H", "Content-Type: application/json", "--data", `{"email":"x@example.com","n":"it's"}`, base + "/users"}},
		{"Ops", Request{Request: access.Request{Method: "DELETE", Path: "meetings/42"}},
			[]string{"-X", "DELETE", "-H", "@-", base + "/meetings/42"}},
	} {
		cmd, err := curlCommand(tt.name, base, tt.r)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(cmd, "$(") || strings.Contains(cmd, "`") || bearer.MatchString(cmd) {
			t.Errorf("%q: the command substitutes a token into curl's arguments: %s", tt.name, cmd)
		}
		if !strings.HasPrefix(cmd, "zoomconn token --format header -- ") || !strings.Contains(cmd, " | curl ") {
			t.Errorf("%q: not piped from zoomconn token --format header: %s", tt.name, cmd)
		}
		got := runCopied(t, cmd, token, "")
		if want := []string{"token", "--format", "header", "--", tt.name}; !slices.Equal(got.zoomconnArgs, want) {
			t.Errorf("%q: zoomconn got %q; want %q", tt.name, got.zoomconnArgs, want)
		}
		if !slices.Equal(got.curlArgs, tt.curl) {
			t.Errorf("%q: curl got %q; want %q", tt.name, got.curlArgs, tt.curl)
		}
		if strings.Contains(strings.Join(got.curlArgs, " "), token) {
			t.Errorf("%q: the token is in curl's arguments", tt.name)
		}
		if got.curlStdin != "Authorization: Bearer "+token+"\n" {
			t.Errorf("%q: curl read %q on stdin; want the header", tt.name, got.curlStdin)
		}
	}
}

// The command the console copies, run by a shell with the real curl,
// calls the fake Zoom with the connection's token and gets its answer.
func TestConsoleCopiedCurlCallsZoom(t *testing.T) {
	realCurl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("no curl")
	}
	const name = `-odd it's "quoted"`
	e := newEnv(t, func(e *env) { e.saveS2S(name, s2sSecret) })
	tok, err := e.u.sess.Service().Token(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	c := e.u.OpenConsole(name)
	typeIn(c, c.path, "users/me")
	test.Tap(c.copyCurlButton)
	cmd := e.app.Clipboard().Content()
	if strings.Contains(cmd, tok.AccessToken) || strings.Contains(cmd, "$(") || bearer.MatchString(cmd) {
		t.Fatalf("copied %q: the token would be on curl's command line", cmd)
	}
	contains(t, "note", c.noteLine.Text, "pipe", "command line")
	if !c.noteLine.Visible() {
		t.Error("the note is hidden")
	}
	got := runCopied(t, cmd, tok.AccessToken, realCurl)
	if want := []string{"token", "--format", "header", "--", name}; !slices.Equal(got.zoomconnArgs, want) {
		t.Errorf("zoomconn got %q; want %q", got.zoomconnArgs, want)
	}
	if strings.Contains(strings.Join(got.curlArgs, " "), tok.AccessToken) {
		t.Errorf("the token is in curl's arguments %q", got.curlArgs)
	}
	contains(t, "curl's output", got.out, `"email":"`+userEmail+`"`)
}
