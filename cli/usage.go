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
)

// exactArgs is cobra.ExactArgs(n) in zoomconn's words: "missing argument",
// or "too many arguments: …".
func exactArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return usagef("missing argument")
		case len(args) > n:
			return usagef("too many arguments: %s", strings.Join(args[n:], " "))
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
