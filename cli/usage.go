package cli

// Bad usage, in zoomconn's words: the positional-argument checks, the
// messages for flag and command typos, and the spellings Go's flag package
// accepted before (-name for --name) that scripts still use
// (TestFlagSpellings).
//
// Cobra finds the command, parses the flags and suggests the nearest
// command names (SuggestionsFor). What stays here is phrasing cobra has no
// hook for: its positional checks (cobra.ExactArgs: "accepts 1 arg(s),
// received 2") and unknown-command error return plain strings, and pflag
// neither suggests a flag nor reads -name as --name.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/internal/shell"
)

// nameKind is what a command's first argument names, for the check that
// an unquoted name with a space was meant as one argument.
type nameKind int

const (
	noLookup       nameKind = iota // a name to create, or a file: nothing to look up
	connectionName                 // an existing connection
	clientName                     // an existing OAuth client
	sdkName                        // an existing SDK credential
	signerName                     // an existing SDK credential or OAuth client
)

// exactArgs is cobra.ExactArgs(n) in zoomconn's words: "missing argument",
// or "too many arguments: …". When the first arguments joined with spaces
// make an existing name of kind, it says to quote that name instead.
func (e *Env) exactArgs(n int, kind nameKind) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return usagef("missing argument")
		case len(args) > n:
			return e.tooManyArgs(c, args, n, kind)
		}
		return nil
	}
}

// noArgs refuses any positional argument, as "too many arguments"
// (cobra.NoArgs calls it an unknown command).
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("too many arguments: %s", strings.Join(args, " "))
	}
	return nil
}

// editDistance is the Levenshtein distance of a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// tooManyArgs refuses args, of which the command takes n, the first a
// name of kind; the extra ones are said, unless they are an unquoted name.
func (e *Env) tooManyArgs(c *cobra.Command, args []string, n int, kind nameKind) error {
	if err := e.unquotedName(c, args, len(args)-n, kind); err != nil {
		return err
	}
	return usagef("too many arguments: %s", strings.Join(args[n:], " "))
}

// unquotedName says to quote a name with spaces when the first extra+1 of
// args, joined with spaces, are an existing name of kind: the user most
// likely left it unquoted. The example is the command as it should be.
// nil when they are no such name.
func (e *Env) unquotedName(c *cobra.Command, args []string, extra int, kind nameKind) error {
	name, ok := e.existingName(kind, strings.Join(args[:extra+1], " "))
	if !ok {
		return nil
	}
	line := []string{c.CommandPath(), shell.Quote(name)}
	for _, a := range args[extra+1:] {
		line = append(line, shell.Quote(a))
	}
	return usagef("%q looks like one name with a space: quote it, as in `%s`.", name, strings.Join(line, " "))
}

// existingName is the stored name of kind that joined names, read from the
// metadata file alone (as completion does: no keyring, nothing created).
func (e *Env) existingName(kind nameKind, joined string) (string, bool) {
	if kind == noLookup {
		return "", false
	}
	d := e.metadata()
	if d == nil {
		return "", false
	}
	if kind == sdkName {
		if c, ok := d.SDKCredential(joined); ok {
			return c.Name, true
		}
		return "", false
	}
	if kind == signerName {
		if s, err := d.Signer(joined); err == nil {
			return s.Name(), true
		}
		return "", false
	}
	if kind == clientName {
		if cl, ok := d.Client(joined); ok {
			return cl.Name, true
		}
		return "", false
	}
	if c, ok := d.Connection(joined); ok {
		return c.Name, true
	}
	return "", false
}

// nearestNames are the names closest to a mistyped one, nearest first, at
// most three: those it starts (or that start it), or a few edits away,
// ignoring case. Cobra suggests command names only, not arguments.
func nearestNames(typed string, names []string) []string {
	typed = strings.ToLower(strings.TrimSpace(typed))
	if typed == "" {
		return nil
	}
	type near struct {
		name     string
		distance int
	}
	var found []near
	for _, name := range names {
		low := strings.ToLower(name)
		d := editDistance(typed, low)
		switch {
		case strings.HasPrefix(low, typed) || strings.HasPrefix(typed, low):
			d = min(d, 1)
		case d > 2 || d*2 >= len([]rune(typed)):
			continue
		}
		found = append(found, near{name, d})
	}
	slices.SortStableFunc(found, func(a, b near) int { return a.distance - b.distance })
	var out []string
	for _, f := range found[:min(len(found), 3)] {
		out = append(out, f.name)
	}
	return out
}

// flagError says what is wrong with a flag in a sentence, and what to do.
func flagError(c *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var needsValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist):
		given := notExist.GetSpecifiedName()
		if shorts := notExist.GetSpecifiedShortnames(); shorts != "" {
			in := ""
			if len(shorts) > 1 {
				in = " (in -" + shorts + ")"
			}
			return usagef("flag provided but not defined: -%s%s. Run `%s` for its flags.", given, in, helpFor(c))
		}
		msg := fmt.Sprintf("flag provided but not defined: --%s.", given)
		if strings.Contains(given, "secret") || strings.Contains(given, "token") || strings.Contains(given, "password") {
			return usagef("%s Secrets are read only from stdin (a hidden prompt on a terminal), never from flags.", msg)
		}
		if near := nearestFlag(c.Flags(), given); near != "" {
			return usagef("%s Did you mean --%s?", msg, near)
		}
		return usagef("%s Run `%s` for its flags.", msg, helpFor(c))
	case errors.As(err, &needsValue):
		return usagef("%s needs a value.", flagNames(needsValue.GetFlag()))
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		switch f.Value.Type() {
		case "int":
			return usagef("%s must be a whole number, not %q.", flagNames(f), invalid.GetValue())
		case "bool":
			return usagef("%s must be true or false, not %q.", flagNames(f), invalid.GetValue())
		}
		// A value of ours that refused itself says why, naming the value
		// where that is safe (a refused header may hold a token).
		return usagef("%s: %v", flagNames(f), errors.Unwrap(invalid))
	}
	return usagef("%v", err)
}

// helpFor is the command that shows c's help.
func helpFor(c *cobra.Command) string {
	if c.HasParent() {
		return "zoomconn help " + c.Name()
	}
	return "zoomconn help"
}

func flagNames(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand + "/--" + f.Name
	}
	return "--" + f.Name
}

// nearestFlag is the flag of fs whose name is closest to a mistyped one,
// or "" when none is close (pflag suggests none).
func nearestFlag(fs *pflag.FlagSet, typed string) string {
	best, bestDistance := "", 3
	fs.VisitAll(func(f *pflag.Flag) {
		if d := editDistance(typed, f.Name); d < bestDistance {
			best, bestDistance = f.Name, d
		}
	})
	return best
}

// unknownCommand refuses a first argument that names no command, with
// the nearest names cobra suggests. Main asks before cobra runs: the root
// command has no run of its own, so cobra would show its help instead.
func unknownCommand(root *cobra.Command, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") || args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd {
		return nil
	}
	for _, c := range root.Commands() {
		if c.Name() == args[0] || c.HasAlias(args[0]) {
			return nil
		}
	}
	return usagef("unknown command %q.%s Run `zoomconn help` for the list.", args[0], didYouMean(root, args[0]))
}

func didYouMean(root *cobra.Command, typed string) string {
	suggestions := root.SuggestionsFor(typed)
	if len(suggestions) == 0 {
		return ""
	}
	return " Did you mean " + strings.Join(suggestions, " or ") + "?"
}

// flagsEndAtArgs annotates a command whose flags end at its first
// argument (pflag's SetInterspersed(false) keeps no record one can read).
const flagsEndAtArgs = "zoomconn/flags-end-at-args"

// goFlagSpellings rewrites the spellings Go's flag package accepted, which
// zoomconn's flags used before: -name for --name, and --X for -X. Values
// of flags are left alone, and so is everything after "--" (or, where flags
// end at the first argument, after that).
func goFlagSpellings(root *cobra.Command, args []string) []string {
	c := root
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		found, _, err := root.Find(args[:1])
		if err != nil || found == root {
			return args
		}
		c = found
	}
	c.InitDefaultHelpFlag()
	c.InitDefaultVersionFlag()
	fs := c.Flags()
	out := slices.Clone(args)
	start := 0
	if c != root {
		start = 1
	}
	for i := start; i < len(out); i++ {
		a := out[i]
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' {
			if c.Annotations[flagsEndAtArgs] != "" {
				break
			}
			continue
		}
		dashes := 1
		if a[1] == '-' {
			dashes = 2
		}
		name, _, hasValue := strings.Cut(a[dashes:], "=")
		var f *pflag.Flag
		switch {
		case dashes == 1 && len(name) > 1 && fs.Lookup(name) != nil:
			f = fs.Lookup(name)
			out[i] = "-" + a
		case dashes == 2 && len(name) == 1 && fs.ShorthandLookup(name) != nil:
			f = fs.ShorthandLookup(name)
			out[i] = a[1:]
		case dashes == 2:
			f = fs.Lookup(name)
		default:
			// A group of one-letter flags: only its last may take the
			// next argument as its value.
			for j := 1; j < len(a); j++ {
				short := fs.ShorthandLookup(a[j : j+1])
				if short == nil || short.NoOptDefVal == "" {
					f, hasValue = short, j+1 < len(a)
					break
				}
			}
		}
		if f != nil && f.NoOptDefVal == "" && !hasValue {
			i++ // its value
		}
	}
	return out
}
