package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"zoomconn/auth/zoomtest"
)

// commandNamed is root's subcommand name.
func commandNamed(t *testing.T, root *cobra.Command, name string) *cobra.Command {
	t.Helper()
	for _, c := range root.Commands() {
		if c.Name() == name {
			return c
		}
	}
	t.Fatalf("no command %q", name)
	return nil
}

// refusingKeyring is a keyring that fails the test on any use: completion
// must read the metadata file alone.
type refusingKeyring struct{ t *testing.T }

func (k refusingKeyring) Get(key string) (string, error) {
	k.t.Errorf("completion read %s from the keyring", key)
	return "", os.ErrPermission
}

func (k refusingKeyring) Set(key, _ string) error {
	k.t.Errorf("completion wrote %s to the keyring", key)
	return os.ErrPermission
}

func (k refusingKeyring) Delete(key string) error {
	k.t.Errorf("completion deleted %s from the keyring", key)
	return os.ErrPermission
}

func (k refusingKeyring) Warm() { k.t.Error("completion connected to the keyring") }

// complete asks the completion entry point, in-process, what the last of
// args completes to, on a keyring that fails the test if touched.
func (w *world) complete(args ...string) (names []string, directive string) {
	w.t.Helper()
	var stdout, stderr bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, ConfigDir: w.dir, Keyring: refusingKeyring{w.t}}
	if code := Main(append([]string{"__complete"}, args...), e); code != ExitOK {
		w.t.Fatalf("__complete %q: exit %d: %s", args, code, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		name, _, _ := strings.Cut(l, "\t")
		names = append(names, name)
	}
	return names, lines[len(lines)-1]
}

// addCompletionFixtures saves a Server-to-Server connection whose name has
// a space, an OAuth client and an OAuth 2.0 connection using it.
func addCompletionFixtures(w *world) {
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "My Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.addOAuth("Me", "genID", false) // the client is "Me-client"
}

func TestCompletionNamesComeFromTheMetadataFileAlone(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	addCompletionFixtures(w)
	const noFiles = ":4" // cobra.ShellCompDirectiveNoFileComp
	for _, tt := range []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"token", ""}, []string{"Me", "My Reports"}, noFiles},
		{[]string{"test", "My"}, []string{"Me", "My Reports"}, noFiles}, // the shell filters by prefix
		{[]string{"revoke", ""}, []string{"Me", "My Reports"}, noFiles},
		{[]string{"remove", ""}, []string{"Me", "My Reports"}, noFiles},
		{[]string{"scopes", ""}, []string{"Me", "My Reports"}, noFiles},
		{[]string{"api", ""}, []string{"Me", "My Reports"}, noFiles},
		{[]string{"api", "Me", ""}, nil, noFiles},
		{[]string{"exec", ""}, []string{"Me", "My Reports"}, noFiles},
		{[]string{"exec", "Me", ""}, []string{"--"}, noFiles},
		{[]string{"exec", "Me", "--", ""}, nil, ":0"},               // the program: the shell's own completion
		{[]string{"login", ""}, []string{"Me"}, noFiles},            // OAuth 2.0 only
		{[]string{"edit-s2s", ""}, []string{"My Reports"}, noFiles}, // Server-to-Server only
		{[]string{"token", "Me", ""}, nil, noFiles},
		{[]string{"export", ""}, []string{"Me", "My Reports", "Me-client"}, noFiles},
		{[]string{"export", "Me", ""}, []string{"My Reports", "Me-client"}, noFiles},
		{[]string{"add-oauth", "New", "--client", ""}, []string{"Me-client"}, noFiles},
		{[]string{"add-oauth", "New", "--client="}, []string{"Me-client"}, noFiles},
		{[]string{"remove-client", ""}, []string{"Me-client"}, noFiles},
		{[]string{"edit-client", ""}, []string{"Me-client"}, noFiles},
		{[]string{"add-s2s", ""}, nil, noFiles},
		{[]string{"token", "Me", "--format", ""}, []string{"raw", "json", "header", "env"}, noFiles},
		{[]string{"add-client", "X", "--endpoints", ""}, []string{"zoom", "zoomgov", "custom"}, noFiles},
		{[]string{"help", "tok"}, nil, noFiles},
	} {
		names, directive := w.complete(tt.args...)
		if tt.args[0] == "help" {
			if !slices.Contains(names, "token") {
				t.Errorf("help completes %q", names)
			}
			continue
		}
		if !slices.Equal(names, tt.want) || directive != tt.directive {
			t.Errorf("__complete %q = %q %s; want %q %s", tt.args, names, directive, tt.want, tt.directive)
		}
	}
	// Without descriptions, as `completion bash --no-descriptions` asks.
	var stdout bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &bytes.Buffer{}, ConfigDir: w.dir, Keyring: refusingKeyring{t}}
	if Main([]string{"__completeNoDesc", "token", ""}, e); stdout.String() != "Me\nMy Reports\n:4\n" {
		t.Errorf("__completeNoDesc printed %q", stdout.String())
	}
	w.assertHygiene()
}

func TestCompletionCreatesNoConfigDir(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	if names, _ := w.complete("token", ""); len(names) != 0 {
		t.Fatalf("names without a config dir: %q", names)
	}
	if _, err := os.Stat(w.dir); !os.IsNotExist(err) {
		t.Fatalf("completion created the config dir: %v", err)
	}
}

// TestCompletionInBash runs the bash completion script zoomconn prints,
// with this test binary as zoomconn: a name with a space comes back quoted,
// ready to be used as one argument.
func TestCompletionInBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to test the bash completion script")
	}
	w := newWorld(t, zoomtest.Options{})
	addCompletionFixtures(w)
	script := w.must("", "completion", "bash").stdout
	bin := t.TempDir()
	shim := "#!/bin/sh\nZOOMCONN_CLI_CHILD=1 ZOOMCONN_CONFIG_DIR='" + w.dir + "' exec '" + os.Args[0] + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "zoomconn"), []byte(shim), 0o755); err != nil {
		t.Fatal(err)
	}
	// As the user presses Tab after the last word; without the
	// bash-completion package, a minimal _get_comp_words_by_ref splits the
	// line as it would. The result is the line with the completion in
	// place, then its last argument as the command would receive it.
	const driver = `
_get_comp_words_by_ref() { words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; }
source "$1"
shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
__start_zoomconn 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"
eval "set -- ${COMP_WORDS[*]:0:COMP_CWORD} ${COMPREPLY[0]}"
printf 'argument: %s\n' "${!#}"
`
	scriptFile := filepath.Join(t.TempDir(), "zoomconn.bash")
	if err := os.WriteFile(scriptFile, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, typed := range [][]string{{"zoomconn", "token", "My"}, {"zoomconn", "token", `My\ R`}, {"zoomconn", "exec", "My"}} {
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", driver, "bash", scriptFile)
		cmd.Args = append(cmd.Args, typed...)
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		if want := "My\\ Reports\nargument: My Reports\n"; string(out) != want {
			t.Errorf("completing %q: bash printed %q, want %q", typed, out, want)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := w.must("", "completion", shell)
		if len(r.stdout) < 1000 || !strings.Contains(r.stdout, "zoomconn") || !strings.Contains(r.stdout, "__complete") {
			t.Errorf("completion %s printed %.200q", shell, r.stdout)
		}
	}
	if r := w.run("", "completion", "tcsh"); r.code != ExitUsage || !strings.Contains(r.stderr, "bash, zsh, fish and powershell") || r.stdout != "" {
		t.Errorf("completion tcsh: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := w.run("", "completion", "bash", "extra"); r.code != ExitUsage || r.stdout != "" {
		t.Errorf("completion bash extra: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestVersion(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}, {"-version"}} {
		if r := w.must("", args...); r.stdout != "zoomconn test\n" || r.stderr != "" {
			t.Errorf("%q printed %q / %q", args, r.stdout, r.stderr)
		}
	}
	if _, err := os.Stat(w.dir); !os.IsNotExist(err) {
		t.Errorf("printing the version created the config dir: %v", err)
	}
}

func TestHelp(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	for _, args := range [][]string{{"help", "token"}, {"token", "--help"}, {"token", "-h"}, {"token", "-help"}} {
		r := w.must("", args...)
		if !strings.Contains(r.stdout, "Examples:\n  TOKEN=$(zoomconn token Reports)") || !strings.Contains(r.stdout, "--format") || r.stderr != "" {
			t.Errorf("%q printed %q / %q", args, r.stdout, r.stderr)
		}
	}
	for _, args := range [][]string{nil, {"help"}, {"--help"}, {"-h"}} {
		r := w.must("", args...)
		if !strings.Contains(r.stdout, "Use a connection:") || !strings.Contains(r.stdout, "  token ") || !strings.Contains(r.stdout, "Exit codes: 0 success") {
			t.Errorf("%q printed %q", args, r.stdout)
		}
	}
	r := w.run("", "help", "tokn")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `unknown command "tokn". Did you mean token?`) || r.stdout != "" {
		t.Errorf("help tokn: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	// Every command says what it does and shows how to call it.
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Short == "" || c.Example == "" || !strings.Contains(c.Example, "zoomconn") {
			t.Errorf("%s has no description or no example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	walk(Command(&Env{}))
}

func TestUsageErrors(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports")
	before, _ := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	calls := w.zoom.Stats()
	for _, tt := range []struct {
		args   []string
		phrase string
	}{
		{[]string{"tokn", "Reports"}, `unknown command "tokn". Did you mean token? Run ` + "`zoomconn help`"},
		{[]string{"token", "Reports", "--fromat", "json"}, "flag provided but not defined: --fromat. Did you mean --format?\nUsage: zoomconn token NAME [flags]"},
		{[]string{"token", "Reports", "-z"}, "flag provided but not defined: -z. Run `zoomconn help token` for its flags."},
		{[]string{"token", "Reports", "--format"}, "--format needs a value."},
		{[]string{"add-client", "X", "--client-id", "c", "--port", "80a"}, `--port must be a whole number, not "80a".`},
		{[]string{"edit-client", "X", "--public=maybe"}, `--public must be true or false, not "maybe".`},
		{[]string{"api", "Reports", "/users/me", "-f", "novalue"}, `-f/--raw-field: "novalue" is not key=value`},
		{[]string{"add-s2s", "X", "--client-token", "t"}, "Secrets are read only from stdin"},
		{[]string{"--bogus"}, "flag provided but not defined: --bogus."},
	} {
		r := w.run("", tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.phrase) || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, r.code, r.stdout, r.stderr, tt.phrase)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(w.dir, "connections.json")); !bytes.Equal(before, after) {
		t.Error("bad usage changed the metadata file")
	}
	if now := w.zoom.Stats(); now.APICalls != calls.APICalls || now.TokenRequests["account_credentials"] != calls.TokenRequests["account_credentials"] {
		t.Error("bad usage reached Zoom")
	}
}

// TestFlagSpellings: GNU spellings, and those Go's flag package accepted
// before, which scripts may still use.
func TestFlagSpellings(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports")
	for _, args := range [][]string{{"list", "--json"}, {"list", "-json"}, {"list", "--json=true"}, {"list", "-json=true"}} {
		if r := w.must("", args...); !json.Valid([]byte(r.stdout)) {
			t.Errorf("%q printed %q", args, r.stdout)
		}
	}
	for _, args := range [][]string{{"--format", "json"}, {"-format", "json"}, {"--format=json"}, {"-format=json"}} {
		if r := w.must("", append([]string{"token", "Reports"}, args...)...); !strings.Contains(r.stdout, `"token_type": "Bearer"`) {
			t.Errorf("%q printed %q", args, r.stdout)
		}
	}
	for _, args := range [][]string{
		{"-i", "-X", "GET"}, {"--include", "--method", "GET"}, {"-include", "-method", "GET"}, {"--i", "--X", "GET"},
		{"-iX", "GET"}, {"-iXGET"}, {"-i", "-X=GET"}, {"-i", "--method=GET"}, {"-i", "-X", "GET", "-f", "a=b", "--f", "c=d", "-raw-field", "e=f", "-F", "n=1", "--field", "m=2"},
	} {
		r := w.api("", false, append([]string{"Reports", "/users/me"}, args...)...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "HTTP/1.1 200 OK\n") || w.zoom.LastAPIRequest().Method != "GET" {
			t.Errorf("api %q: exit %d %.100q %s", args, r.code, r.stdout, r.stderr)
		}
	}
	if q := w.zoom.LastAPIRequest().Query; q.Get("a") != "b" || q.Get("c") != "d" || q.Get("e") != "f" || q.Get("n") != "1" || q.Get("m") != "2" {
		t.Errorf("repeated fields sent %v", q)
	}
	// Values and another program's arguments are never rewritten.
	root := Command(&Env{})
	for _, args := range [][]string{
		{"api", "S", "/x", "--jq", "-include", "-f", "-paginate=1", "-H", "--X: y"},
		{"exec", "Reports", "--", "sh", "-help", "--X"},
		{"exec", "Reports", "sh", "-help"},
		{"import", "--", "-json"},
	} {
		if got := goFlagSpellings(root, args); !slices.Equal(got, args) {
			t.Errorf("goFlagSpellings(%q) = %q", args, got)
		}
	}
}
