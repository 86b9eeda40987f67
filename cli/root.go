package cli

// The command tree on cobra: the root command with its groups, help,
// version and completion commands. Each command is built by its own
// constructor, in its own file (NewCmdToken in token.go, …); what the
// commands share before they run (opening the store and the secrets) is
// prepare, here. How bad usage is phrased is in usage.go.

import (
	"fmt"

	"github.com/spf13/cobra"
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
		ValidArgsFunction: cobra.NoFileCompletions,
		// The nearest command names for a typo (unknownCommand).
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
		{ID: "sdk", Title: "SDK credentials and signatures (Meeting SDK, Video SDK):"},
		{ID: "store", Title: "Move and keep:"},
	} {
		root.AddGroup(&g)
	}
	root.AddCommand(
		NewCmdList(e, nil),
		NewCmdToken(e, nil),
		NewCmdScopes(e, nil),
		NewCmdExec(e, nil),
		NewCmdAPI(e, nil),
		NewCmdTest(e, nil),
		NewCmdLogin(e, nil),
		NewCmdRevoke(e, nil),
		NewCmdRemove(e, nil),
		NewCmdAddS2S(e, nil),
		NewCmdAddOAuth(e, nil),
		NewCmdEditS2S(e, nil),
		NewCmdAddClient(e, nil),
		NewCmdEditClient(e, nil),
		NewCmdRemoveClient(e, nil),
		NewCmdAddSDK(e, nil),
		NewCmdEditSDK(e, nil),
		NewCmdRemoveSDK(e, nil),
		NewCmdSDK(e),
		NewCmdExport(e, nil),
		NewCmdImport(e, nil),
		NewCmdUseFileStore(e, nil),
		NewCmdMoveToKeyring(e, nil),
		NewCmdEvents(e),
		NewCmdMCP(e),
		NewCmdVersion(e, nil),
	)
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

// What a command's run needs opened first (see prepare).
const (
	withSecrets = true  // the secret store its data names
	noSecrets   = false // the metadata store alone: never asks for a passphrase
)

// runOrTest ends every command's RunE: runF when a test gave one (then
// nothing is opened), else the store (and its secrets when the command
// needs them) opened, then the command's run.
func runOrTest[O any](e *Env, c *cobra.Command, secrets bool, opts *O, runF, run func(*O) error) error {
	if runF != nil {
		return runF(opts)
	}
	if err := e.prepare(c, secrets); err != nil {
		return err
	}
	return run(opts)
}

// prepare opens the metadata store of the configuration directory and,
// with withSecrets, the secret store its data names (asking for the
// encrypted file's passphrase first when secrets live there). From here
// on, a command's error is its own, no longer bad usage.
func (e *Env) prepare(c *cobra.Command, secrets bool) error {
	e.ran = true
	if err := e.openStore(); err != nil {
		return err
	}
	if e.Store.OnWait == nil {
		e.Store.OnWait = func(name string) {
			fmt.Fprintf(e.Stderr, "zoomconn %s: waiting for another zoomconn process refreshing %q…\n", c.Name(), name)
		}
	}
	if !secrets {
		return nil
	}
	return e.openSecrets()
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

// version is the program's version; "dev" when the build did not set one.
func (e *Env) version() string {
	if e.Version == "" {
		return "dev"
	}
	return e.Version
}
