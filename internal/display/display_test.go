package display

import (
	"runtime"
	"strings"
	"testing"
)

func TestAvailable(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	xdg := runtime.GOOS != "windows" && runtime.GOOS != "darwin"
	for _, tc := range []struct {
		name string
		env  func(string) string
		want bool
	}{
		{"nothing", env(), !xdg},
		{"empty DISPLAY", env("DISPLAY", ""), !xdg},
		{"X11", env("DISPLAY", ":0"), true},
		{"Wayland", env("WAYLAND_DISPLAY", "wayland-0"), true},
	} {
		if got := Available(tc.env); got != tc.want {
			t.Errorf("%s: Available = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The sentences are one line each and name the way on.
func TestSentences(t *testing.T) {
	for _, s := range []string{Missing, Unreachable(""), Unreachable(":9")} {
		if strings.Contains(s, "\n") || !strings.Contains(s, "`zoomconn --help`") {
			t.Errorf("%q: want one line naming `zoomconn --help`", s)
		}
	}
}
