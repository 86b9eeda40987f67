package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spf13/cobra"
)

// parse runs one command built by its constructor, with a runF that only
// keeps the options: what was parsed, with nothing opened or run.
func parse[O any](t *testing.T, newCmd func(*Env, func(*O) error) *cobra.Command, args ...string) *O {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "config")
	var got *O
	c := newCmd(&Env{ConfigDir: dir}, func(o *O) error { got = o; return nil })
	c.SetArgs(args)
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	if err := c.Execute(); err != nil {
		t.Fatalf("%s %q: %v", c.Name(), args, err)
	}
	if got == nil {
		t.Fatalf("%s %q: runF was not called", c.Name(), args)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("%s %q with a runF opened the config dir: %v", c.Name(), args, err)
	}
	return got
}

func TestNewCmdTokenParses(t *testing.T) {
	for _, tt := range []struct {
		args         []string
		name, format string
	}{
		{[]string{"Reports"}, "Reports", "raw"},
		{[]string{"My Reports", "--format", "json"}, "My Reports", "json"},
		{[]string{"--format=env", "Reports"}, "Reports", "env"},
	} {
		o := parse(t, NewCmdToken, tt.args...)
		if o.Name != tt.name || o.Format != tt.format {
			t.Errorf("token %q parsed %+v; want name %q, format %q", tt.args, o, tt.name, tt.format)
		}
	}
}

func TestNewCmdAPIParses(t *testing.T) {
	o := parse(t, NewCmdAPI, "Reports", "/users", "-XPOST", "-f", "a=b", "-F", "n=1", "--raw-field", "c=d",
		"-H", "Accept-Language: de", "-i", "--paginate", "--jq", ".users[]", "--input", "body.json")
	want := []apiField{{"a", "b", false}, {"n", "1", true}, {"c", "d", false}}
	if o.Name != "Reports" || o.Path != "/users" || o.Method != "POST" || !slices.Equal(o.Fields, want) ||
		o.Header.Get("Accept-Language") != "de" || !o.Include || !o.Paginate || o.JQ != ".users[]" || o.Input != "body.json" {
		t.Errorf("api parsed %+v", o)
	}
	if o := parse(t, NewCmdAPI, "Reports", "/users/me"); o.Method != "" || len(o.Fields) != 0 || len(o.Header) != 0 || o.Include {
		t.Errorf("api without flags parsed %+v", o)
	}
}

// exec's flags end at NAME: the program's arguments, its flags included,
// are left as they were given.
func TestNewCmdExecParses(t *testing.T) {
	args := []string{"Reports", "--", "sh", "-c", "echo x", "--help"}
	if o := parse(t, NewCmdExec, args...); !slices.Equal(o.Args, args) {
		t.Errorf("exec parsed %q; want %q", o.Args, args)
	}
}

func TestNewCmdEditS2SParses(t *testing.T) {
	o := parse(t, NewCmdEditS2S, "Reports", "--name", "Reports EU", "--secret")
	set := flagsSet(o.Flags)
	if o.Name != "Reports" || o.Rename != "Reports EU" || !o.Secret || !set["name"] || !set["secret"] || set["account-id"] {
		t.Errorf("edit-s2s parsed %+v, flags given %v", o, set)
	}
}
