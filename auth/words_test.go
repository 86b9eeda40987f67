package auth

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// notNames are the string literals under auth/ that hold "zoomconn" as a
// name that is no sentence: the keyring service, the configuration
// directory, the export format's marker and the secrets file's key
// derivation labels. Changing any of them loses the user's data.
var notNames = map[string]bool{
	"zoomconn":                          true,
	"zoomconn-export":                   true,
	"zoomconn filestore v1 aes-256-gcm": true,
	"zoomconn filestore v1 key-check":   true,
}

// frontEndWords are what only a front-end may say: the program's name in a
// sentence, a command line in a code span, running a command, and the
// app's controls. (ZOOMCONN_CONFIG_DIR, an environment variable both
// programs read, is a fact.)
var frontEndWords = regexp.MustCompile("zoomconn|`|(?i:\\brun `|\\bbuttons?\\b|\\bcheck ?box|\\btick(ed|s)?\\b)")

// The core states facts in neutral words; each front-end phrases them and
// says what to do in its own terms (the command line's commands, the app's
// buttons and fields). So no string in the core's code names the program,
// a command or a control: a message that needs one is a typed error the
// front-ends phrase.
func TestCoreSentencesNameNoFrontEnd(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// Test helpers (zoomtest, storetest, secrettest, keyringtest)
			// speak to developers, not users.
			if path != "." && strings.HasSuffix(d.Name(), "test") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		imports := map[*ast.BasicLit]bool{}
		for _, imp := range f.Imports {
			imports[imp.Path] = true
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if field, ok := n.(*ast.Field); ok && field.Tag != nil {
				imports[field.Tag] = true // a struct tag names no one either
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || imports[lit] {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || notNames[s] {
				return true
			}
			if w := frontEndWords.FindString(s); w != "" {
				t.Errorf("%s: %q says %q: front-end words belong in cli/ or gui/, the core says the facts", fset.Position(lit.Pos()), s, w)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("checked %d files; the walk missed the core", checked)
	}
}
