//go:build linux || freebsd || openbsd || netbsd || dragonfly

package display

func available(getenv func(string) string) bool {
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}
