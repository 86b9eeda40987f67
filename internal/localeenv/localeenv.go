// Package localeenv keeps Fyne from printing "Fyne error: Error parsing
// user locale C" when the app starts in the C or POSIX locale with a
// codeset (LANG=C.UTF-8, the default of many containers and minimal
// systems). Fyne's lang package reads the locale in its package
// initialiser, through go-locale, which passes "C" on to a language-tag
// parser that rejects it; without a codeset go-locale skips it.
//
// That initialiser runs before the app's main, so the fix is made by the
// program that starts the app: the launcher (`zoomconn` with no arguments)
// passes [Environ] of its own environment to zoomconn-gui. It has no
// init side effect and links nothing of Fyne.
package localeenv

import "strings"

// Environ returns env (KEY=VALUE entries, as os.Environ gives them) with
// LANGUAGE=en added when the locale that names the messages' language
// (LC_ALL, else LC_MESSAGES, else LANG) is C or POSIX with a codeset or
// modifier and LANGUAGE is empty; go-locale then reads LANGUAGE instead.
// C means untranslated English, so nothing the user reads changes.
// Otherwise env is returned as it is.
func Environ(env []string) []string {
	get := func(key string) string {
		v := ""
		for _, kv := range env { // the last entry wins, as in getenv
			if k, val, ok := strings.Cut(kv, "="); ok && k == key {
				v = val
			}
		}
		return v
	}
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = get(k); loc != "" {
			break
		}
	}
	base := loc
	if i := strings.IndexAny(loc, ".@"); i >= 0 {
		base = loc[:i]
	}
	if (base != "C" && base != "POSIX") || base == loc || get("LANGUAGE") != "" {
		return env
	}
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LANGUAGE=") { // an empty LANGUAGE= entry
			out = append(out, kv)
		}
	}
	return append(out, "LANGUAGE=en")
}
