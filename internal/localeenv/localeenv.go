// Package localeenv keeps Fyne from printing "Fyne error: Error parsing
// user locale C" when the app starts in the C or POSIX locale with a
// codeset (LANG=C.UTF-8, the default of many containers and minimal
// systems). Fyne's lang package reads the locale in its package
// initialiser, through go-locale, which passes "C" on to a language-tag
// parser that rejects it; without a codeset go-locale skips it.
//
// It must run before that initialiser, so it is a module of its own whose
// path sorts before "fyne.io": Go initialises packages in import-path
// order among those whose imports are ready, and this one needs only os
// and strings. The app's main imports it (cmd/zoomconn-gui).
package localeenv

import (
	"os"
	"strings"
)

func init() { Fix(os.Getenv, os.Setenv) }

// Fix sets LANGUAGE=en, which go-locale then reads instead, when the
// locale that names the messages' language (LC_ALL, else LC_MESSAGES,
// else LANG) is C or POSIX with a codeset or modifier and LANGUAGE is
// empty. C means untranslated English, so nothing the user reads changes.
func Fix(getenv func(string) string, setenv func(string, string) error) {
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	base := loc
	if i := strings.IndexAny(loc, ".@"); i >= 0 {
		base = loc[:i]
	}
	if (base == "C" || base == "POSIX") && base != loc && getenv("LANGUAGE") == "" {
		_ = setenv("LANGUAGE", "en")
	}
}
