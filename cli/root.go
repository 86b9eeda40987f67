package cli

// The command tree on cobra: the root command with its help, version and
// completion commands, the positional-argument checks, the messages for
// flag and command typos, and the spellings Go's flag package accepted
// before (-name for --name) that scripts may still use.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// rootLong is the root command's description: `zoomconn help` and
// zoomconn(1).
const rootLong = `zoomconn sets up, keeps and checks Zoom API credentials (Server-to-Server OAuth connections, and OAuth 2.0 connections through reusable OAuth clients) and hands fresh access tokens to scripts. With no arguments it opens the desktop app.

Secrets are read only from stdin (without echo on a terminal, one line each when piped), never from flags or the environment, and live in the system keyring or, if you choose it, a passphrase-encrypted file.

Exit codes: 0 success, 1 the operation failed (a sentence on stderr), 2 bad usage or invalid input (nothing changed). stdout carries only the requested data.

Configuration (metadata only, never secrets): $ZOOMCONN_CONFIG_DIR, else the user config dir + /zoomconn. Keyring items are stored under the service name zoomconn, or $ZOOMCONN_KEYRING_SERVICE if set.

Completions: source <(zoomconn completion bash), or see zoomconn completion --help for zsh, fish and powershell.`

// Command is the command tree of e: what Main runs, and what the man pages
// are generated from. Building it reads nothing and opens nothing.
func Command(e *Env) *cobra.Command {
	root := &cobra.Command{
		Use:     "zoomconn [COMMAND]",
		Short:   "Set up, keep and check Zoom API credentials",
		Long:    rootLong,
		Example: "  zoomconn list\n  TOKEN=$(zoomconn token Reports)\n  zoomconn api Reports /users/me\n  zoomconn help token",
		Version: e.version(),
		// Main reports errors and usage itself, in the command's terms.
		SilenceErrors: true,
		SilenceUsage:  true,
		// Nothing to complete past a command's own arguments.
		ValidArgsFunction:          cobra.NoFileCompletions,
		SuggestionsMinimumDistance: 2,
	}
	// Before the completion command is added: it keeps the writer it sees.
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	root.SetVersionTemplate("zoomconn {{.Version}}\n")
	// Now rather than as it runs, so help and man pages show them.
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	root.SetFlagErrorFunc(flagError)
	for _, g := range []cobra.Group{
		{ID: "use", Title: "Use a connection:"},
		{ID: "connections", Title: "Set up connections:"},
		{ID: "clients", Title: "OAuth clients (Zoom General apps):"},
		{ID: "store", Title: "Move and keep:"},
	} {
		root.AddGroup(&g)
	}
	for _, s := range e.specs() {
		root.AddCommand(e.command(s))
	}
	root.SetHelpCommand(helpCommand())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			adjustCompletionCommand(c)
		}
	}
	return root
}

// command turns a spec into a cobra command whose run opens the store and,
// unless the command needs none, the secrets, then does the work.
func (e *Env) command(s spec) *cobra.Command {
	c := &cobra.Command{
		Use: s.use, Short: s.short, Long: s.long, Example: s.example, GroupID: s.group,
		Args:              positional(s.minArgs, s.maxArgs, s.stopAtArgs),
		ValidArgsFunction: s.args,
	}
	if s.args == nil {
		c.ValidArgsFunction = cobra.NoFileCompletions
	}
	if s.stopAtArgs {
		c.Annotations = map[string]string{flagsEndAtArgs: "true"}
		c.DisableFlagsInUseLine = true // its only flag is --help
	}
	if s.flags != nil {
		s.flags(c.Flags())
	}
	c.Flags().SetInterspersed(!s.stopAtArgs)
	c.RunE = func(c *cobra.Command, args []string) error {
		e.ran = true
		if !s.noStore {
			if err := e.openStore(); err != nil {
				return err
			}
			if e.Store.OnWait == nil {
				e.Store.OnWait = func(name string) {
					fmt.Fprintf(e.Stderr, "zoomconn %s: waiting for another zoomconn process refreshing %q…\n", c.Name(), name)
				}
			}
			if err := e.openSecrets(s.noSecrets); err != nil {
				return err
			}
		}
		err := s.run(c.Context(), e, args)
		if errors.Is(err, errHelp) {
			return c.Help()
		}
		return err
	}
	return c
}

// flagsEndAtArgs annotates a command whose flags end at its first
// argument (cobra keeps no such record for the flag set).
const flagsEndAtArgs = "zoomconn/flags-end-at-args"

// positional checks the count of positional arguments. With stopAtArgs
// the arguments after "--" are not counted: they are another program's.
func positional(minArgs, maxArgs int, stopAtArgs bool) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if stopAtArgs {
			if at := c.ArgsLenAtDash(); at >= 0 {
				args = args[:at]
			} else if i := slices.Index(args, "--"); i >= 0 {
				args = args[:i]
			}
		}
		switch {
		case len(args) < minArgs:
			return usagef("missing argument")
		case maxArgs >= 0 && len(args) > maxArgs && !stopAtArgs:
			return usagef("too many arguments: %s", strings.Join(args[maxArgs:], " "))
		}
		return nil
	}
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
// or "" when none is close.
func nearestFlag(fs *pflag.FlagSet, typed string) string {
	best, bestDistance := "", 3
	fs.VisitAll(func(f *pflag.Flag) {
		if d := editDistance(typed, f.Name); d < bestDistance {
			best, bestDistance = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// unknownCommand refuses a first argument that names no command, with
// the nearest names cobra suggests.
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

// helpCommand is `zoomconn help [COMMAND]`; an unknown COMMAND is bad
// usage, with suggestions.
func helpCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "help [COMMAND]",
		Short:   "Help about any command",
		Long:    "Help about any command: what it does, its flags and examples.",
		Example: "  zoomconn help token",
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []cobra.Completion
			for _, sub := range c.Root().Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			if err := unknownCommand(root, args); err != nil {
				return err
			}
			target, _, err := root.Find(args)
			if err != nil {
				return usagef("%v", err)
			}
			// Their flags are added as a command runs; show them here too.
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

// adjustCompletionCommand makes `zoomconn completion SHELL` refuse an
// unknown shell with a sentence and exit code 2, instead of showing help.
func adjustCompletionCommand(c *cobra.Command) {
	c.Long = "Print the completion script for bash, zsh, fish or powershell. Connection and OAuth client names complete from the metadata file; completing never opens the keyring.\n\n" +
		"In bash, for this shell only: source <(zoomconn completion bash). A package may install them for every user; see each shell's subcommand for how to install them yourself."
	c.Example = "  source <(zoomconn completion bash)\n  zoomconn completion zsh > \"${fpath[1]}/_zoomconn\"\n  zoomconn completion fish > ~/.config/fish/completions/zoomconn.fish"
	examples := map[string]string{
		"bash":       "  source <(zoomconn completion bash)   # this shell only\n  zoomconn completion bash > ~/.local/share/bash-completion/completions/zoomconn",
		"zsh":        "  zoomconn completion zsh > \"${fpath[1]}/_zoomconn\"",
		"fish":       "  zoomconn completion fish > ~/.config/fish/completions/zoomconn.fish",
		"powershell": "  zoomconn completion powershell | Out-String | Invoke-Expression",
	}
	for _, shell := range c.Commands() {
		shell.Example = examples[shell.Name()]
	}
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return c.Help()
		}
		return usagef("zoomconn completes in bash, zsh, fish and powershell, not %q.", args[0])
	}
}

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

// runVersion prints the version, as --version does.
func runVersion(_ context.Context, e *Env, _ []string) error {
	fmt.Fprintln(e.Stdout, "zoomconn", e.version())
	return nil
}

// version is the program's version; "dev" when the build did not set one.
func (e *Env) version() string {
	if e.Version == "" {
		return "dev"
	}
	return e.Version
}
