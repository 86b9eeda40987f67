package localeenv

import (
	"slices"
	"strings"
	"testing"
)

func TestEnviron(t *testing.T) {
	for _, tc := range []struct {
		env  string // space-separated KEY=VALUE entries
		want bool   // LANGUAGE=en added
	}{
		{"LANG=C.UTF-8", true},
		{"LANG=C.utf8", true},
		{"LANG=C@euro", true},
		{"LANG=POSIX.UTF-8", true},
		{"LC_ALL=C.UTF-8 LANG=en_US.UTF-8", true},
		{"LC_MESSAGES=C.UTF-8 LANG=de_DE.UTF-8", true},
		{"LANG=C.UTF-8 LANGUAGE=", true},
		{"LANG=de_DE.UTF-8 LANG=C.UTF-8", true}, // the last entry wins
		{"LANG=C", false},                       // go-locale skips a bare C itself
		{"LANG=POSIX", false},
		{"LANG=en_US.UTF-8", false},
		{"LC_ALL=de_DE.UTF-8 LANG=C.UTF-8", false},
		{"LANG=C.UTF-8 LANGUAGE=fr", false},
		{"", false},
	} {
		env := strings.Fields(tc.env)
		got := Environ(slices.Clone(env))
		added := slices.Contains(got, "LANGUAGE=en")
		if added != tc.want {
			t.Errorf("Environ(%q) = %q; LANGUAGE=en added: %v, want %v", env, got, added, tc.want)
		}
		if !tc.want && !slices.Equal(got, env) {
			t.Errorf("Environ(%q) = %q; want it unchanged", env, got)
		}
		if tc.want && (len(got) != len(slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return kv == "LANGUAGE=" }))+1) {
			t.Errorf("Environ(%q) = %q; want the entries kept, one LANGUAGE", env, got)
		}
	}
}
