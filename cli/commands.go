package cli

// The command table: every command's name, arguments, help, examples,
// flags and what its arguments complete to. The commands' work is in the
// run functions beside their flags, in the file of their topic.

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth"
)

// spec is one command as the table declares it.
type spec struct {
	use, short, long, example string
	group                     string
	// minArgs and maxArgs bound the positional arguments; maxArgs < 0
	// means any number.
	minArgs, maxArgs int
	// noSecrets commands never touch a secret, so they never ask for the
	// encrypted file's passphrase.
	noSecrets bool
	// noStore commands need no configuration directory at all.
	noStore bool
	// stopAtArgs ends flag parsing at the first argument: what follows
	// belongs to another program (exec).
	stopAtArgs bool
	// args completes the positional arguments; nil completes nothing.
	args  cobra.CompletionFunc
	flags func(fs *pflag.FlagSet)
	run   func(ctx context.Context, e *Env, args []string) error
}

// specs lists the commands. Flag values land in variables the run
// functions close over, one set per command tree.
func (e *Env) specs() []spec {
	var (
		list                           listFlags
		token                          tokenFlags
		scopes                         scopesFlags
		api                            apiFlags
		login                          loginFlags
		addS2S                         addS2SFlags
		editS2S                        editS2SFlags
		addClient                      addClientFlags
		editClient                     editClientFlags
		addOAuth                       oauthFlags
		export                         exportFlags
		imp                            importFlags
		conns, s2sConns, oauthConns    = e.completeConnections(""), e.completeConnections(auth.AuthS2S), e.completeConnections(auth.AuthOAuth)
		clients, connsAndClients, none = e.completeClients, e.completeExportNames, cobra.NoFileCompletions
	)
	return []spec{
		{use: "list", short: "List connections and OAuth clients", group: "connections", noSecrets: true,
			long: "List connections and OAuth clients: type, endpoints, where the secrets live, token expiry and status. " +
				"It reads the metadata file only and never asks the keyring.",
			example: "  zoomconn list\n  zoomconn list --json | jq -r '.connections[].name'",
			flags:   list.define, run: func(ctx context.Context, e *Env, args []string) error { return runList(ctx, e, args, &list) }},
		{use: "token NAME", short: "Print a valid access token for NAME", group: "use", minArgs: 1, maxArgs: 1, args: conns,
			long: "Print a valid access token for NAME (cached until a minute before expiry; refreshed when needed). " +
				"stdout carries only the token, so TOKEN=$(zoomconn token NAME) is safe; --format shapes it for another tool.",
			example: "  TOKEN=$(zoomconn token Reports)\n  zoomconn token Reports --format header\n  eval \"$(zoomconn token Reports --format env)\"",
			flags:   token.define, run: func(ctx context.Context, e *Env, args []string) error { return runToken(ctx, e, args, &token) }},
		{use: "scopes NAME", short: "Print the scopes NAME's token grants", group: "use", minArgs: 1, maxArgs: 1, args: conns,
			long: "Print the scopes NAME's token grants, one a line. With --need, print only the missing ones and exit 1 if there are any: " +
				"a one-line CI check. A Server-to-Server token lacking one is fetched afresh first, as scopes are fixed when a token is issued.",
			example: "  zoomconn scopes Reports\n  zoomconn scopes Reports --need meeting:read:admin,user:read:admin",
			flags:   scopes.define, run: func(ctx context.Context, e *Env, args []string) error { return runScopes(ctx, e, args, &scopes) }},
		{use: "exec NAME -- CMD [ARGS...]", short: "Run a program with NAME's token in its environment", group: "use", minArgs: 1, maxArgs: -1,
			args: e.completeExec, stopAtArgs: true, run: runExec,
			long: "Run CMD with ZOOM_ACCESS_TOKEN (valid for 10+ minutes), ZOOM_API_URL, ZOOM_CONNECTION and, for Server-to-Server, " +
				"ZOOM_ACCOUNT_ID in its environment, never on its command line. stdin, stdout and stderr are its own; " +
				"zoomconn exits with its status (128 + N when signal N ended it; 127 when it is not found).",
			example: "  zoomconn exec Reports -- python3 report.py\n" +
				"  zoomconn exec Reports -- sh -c 'printf \"Authorization: Bearer %s\" \"$ZOOM_ACCESS_TOKEN\" | curl -sH @- \"$ZOOM_API_URL/users/me\"'"},
		{use: "api NAME PATH", short: "Call the Zoom API with NAME's token", group: "use", minArgs: 2, maxArgs: 2, args: e.completeAPI,
			long: "Call the Zoom API with NAME's token, like `gh api`. PATH is relative to the connection's API base (/users/me or users/me, " +
				"with or without a query); a full URL only on the connection's own API server. The body goes to stdout, pretty on a terminal. " +
				"Exit 0 on 2xx; otherwise 1 with a sentence on stderr and Zoom's body still on stdout.",
			example: "  zoomconn api Reports /users/me\n" +
				"  zoomconn api Reports /users -X GET -f status=active -F page_size=50\n" +
				"  zoomconn api Reports /users/me/meetings -f topic=Standup -F duration=15 -F 'settings[join_before_host]=true'\n" +
				"  zoomconn api Reports /users/me -i -H 'Accept-Language: de'\n" +
				"  zoomconn api Reports /users --paginate --jq '.users[].email'",
			flags: api.define, run: func(ctx context.Context, e *Env, args []string) error { return runAPI(ctx, e, args, &api) }},
		{use: "test NAME", short: "Test a connection: get a token and call the Zoom API", group: "use", minArgs: 1, maxArgs: 1, args: conns, run: runTest,
			long:    "Test a connection: get a token and call the Zoom API. It prints who the token belongs to, its scopes, its expiry and the API base in use.",
			example: "  zoomconn test Reports"},
		{use: "login NAME", short: "Authorize an OAuth 2.0 connection in the browser", group: "connections", minArgs: 1, maxArgs: 1, args: oauthConns,
			long: "Authorize an OAuth 2.0 connection in the browser. zoomconn listens on 127.0.0.1 for Zoom's redirect " +
				"(register http://127.0.0.1/oauth/callback as the app's Redirect URL and Allow List entry) and waits up to 5 minutes.",
			example: "  zoomconn login Me\n  zoomconn login Me --no-browser   # open the printed URL yourself",
			flags:   login.define, run: func(ctx context.Context, e *Env, args []string) error { return runLogin(ctx, e, args, &login) }},
		{use: "revoke NAME", short: "Disconnect: revoke NAME's authorization at Zoom (the connection is kept)", group: "connections",
			minArgs: 1, maxArgs: 1, args: conns, run: runRevoke,
			long:    "Disconnect: revoke the connection's authorization at Zoom. The connection is kept; an OAuth 2.0 connection needs `zoomconn login` again.",
			example: "  zoomconn revoke Me"},
		{use: "remove NAME", short: "Delete a connection and its stored secrets locally", group: "connections", minArgs: 1, maxArgs: 1, args: conns, run: runRemove,
			long:    "Delete a connection, its stored secrets and the app's API console history of it from this computer. It does not revoke at Zoom: run `zoomconn revoke` first for that.",
			example: "  zoomconn revoke Me && zoomconn remove Me"},
		{use: "add-s2s NAME --account-id ID --client-id ID", short: "Add a Server-to-Server (Custom) connection", group: "connections",
			minArgs: 1, maxArgs: 1, args: none,
			long: "Add a Server-to-Server (Custom) connection. The client secret is read from stdin: a hidden prompt on a terminal, " +
				"or the first line when piped. " + endpointHelp,
			example: "  zoomconn add-s2s Reports --account-id AbC123 --client-id XyZ789\n" +
				"  pass show zoom/s2s | zoomconn add-s2s Reports --account-id AbC123 --client-id XyZ789 --endpoints zoomgov",
			flags: addS2S.define, run: func(ctx context.Context, e *Env, args []string) error { return runAddS2S(ctx, e, args, &addS2S) }},
		{use: "add-oauth NAME --client CLIENT_NAME", short: "Add an OAuth 2.0 connection that uses an OAuth client", group: "connections",
			minArgs: 1, maxArgs: 1, args: none,
			long: "Add an OAuth 2.0 connection that uses an OAuth client (see `zoomconn add-client`). Its endpoints are the client's; " +
				"only --api-url may differ, on a client with custom endpoints. Authorize it afterwards with `zoomconn login NAME`.",
			example: "  zoomconn add-oauth Me --client Team\n  zoomconn login Me",
			flags:   addOAuth.define, run: func(ctx context.Context, e *Env, args []string) error { return runAddOAuth(ctx, e, args, &addOAuth) }},
		{use: "edit-s2s NAME", short: "Change a Server-to-Server (Custom) connection", group: "connections", minArgs: 1, maxArgs: 1, args: s2sConns,
			long: "Change a Server-to-Server (Custom) connection. A new client secret is read from stdin when the change needs one " +
				"(a new Account ID, Client ID or endpoint), or with --secret. " + endpointHelp,
			example: "  zoomconn edit-s2s Reports --name 'Reports (prod)'\n  zoomconn edit-s2s Reports --secret < new-secret.txt",
			flags:   editS2S.define, run: func(ctx context.Context, e *Env, args []string) error { return runEditS2S(ctx, e, args, &editS2S) }},
		{use: "add-client NAME --client-id ID", short: "Add an OAuth client (Zoom General app)", group: "clients", minArgs: 1, maxArgs: 1, args: none,
			long: "Add an OAuth client: a Zoom General app that OAuth 2.0 connections use. The client secret is read from stdin unless --public " +
				"(PKCE, no secret). Register the Redirect URL and Allow List entry it prints in the Zoom app. " + endpointHelp,
			example: "  zoomconn add-client Team --client-id AbC123\n  zoomconn add-client Mobile --client-id XyZ789 --public",
			flags:   addClient.define, run: func(ctx context.Context, e *Env, args []string) error { return runAddClient(ctx, e, args, &addClient) }},
		{use: "edit-client NAME", short: "Change an OAuth client", group: "clients", minArgs: 1, maxArgs: 1, args: clients,
			long: "Change an OAuth client. A new client secret is read from stdin when the change needs one " +
				"(a new Client ID or endpoint), or with --secret. " + endpointHelp,
			example: "  zoomconn edit-client Team --port 8765\n  zoomconn edit-client Team --secret < new-secret.txt",
			flags:   editClient.define, run: func(ctx context.Context, e *Env, args []string) error {
				return runEditClient(ctx, e, args, &editClient)
			}},
		{use: "remove-client NAME", short: "Delete an OAuth client no connection uses", group: "clients", minArgs: 1, maxArgs: 1, args: clients,
			run: runRemoveClient, long: "Delete an OAuth client and its stored secret. A client that connections still use is refused.",
			example: "  zoomconn remove-client Team"},
		{use: "export [NAME...]", short: "Export connections and OAuth clients as JSON (never secrets)", group: "store", maxArgs: -1,
			noSecrets: true, args: connsAndClients,
			long: "Export connections and OAuth clients as JSON, to stdout or --file. A NAME may be a connection's (its OAuth client comes along) " +
				"or an OAuth client's; no names means everything. Secrets and tokens are never included.",
			example: "  zoomconn export > zoomconn.json\n  zoomconn export Reports Me --file some.json",
			flags:   export.define, run: func(ctx context.Context, e *Env, args []string) error { return runExport(ctx, e, args, &export) }},
		{use: "import FILE", short: "Import connections and OAuth clients; secrets come on stdin", group: "store", minArgs: 1, maxArgs: 1,
			args: e.completeFiles,
			long: "Import connections and OAuth clients from an export file. It prints what it adds, every host outside Zoom its secrets and tokens would go to, " +
				"and the secrets it needs in order. A file naming hosts outside Zoom needs a yes first: asked on a terminal, --yes when stdin is not one. " +
				"Then it reads the secrets from stdin, one per line. A malformed or hostile file, a duplicate name or a no changes nothing.",
			example: "  zoomconn import zoomconn.json\n  printf '%s\\n' \"$SECRET1\" \"$SECRET2\" | zoomconn import zoomconn.json --yes",
			flags:   imp.define, run: func(ctx context.Context, e *Env, args []string) error { return runImport(ctx, e, args, &imp) }},
		{use: "use-file-store", short: "Keep secrets in a passphrase-encrypted file instead of the keyring", group: "store", noSecrets: true, args: none,
			run: runUseFileStore,
			long: "Keep secrets in a passphrase-encrypted file (AES-256-GCM, Argon2id) instead of the system keyring, for machines without one; " +
				"existing secrets are moved. Every command that needs a secret then asks for the passphrase first (the first line of stdin for scripts).",
			example: "  zoomconn use-file-store\n  zoomconn move-to-keyring   # back, once a keyring is available"},
		{use: "move-to-keyring", short: "Move secrets from the encrypted file back into the system keyring", group: "store", noSecrets: true, args: none,
			run: runMoveToKeyring, long: "Move secrets from the encrypted file back into the system keyring; the passphrase is read from stdin.",
			example: "  zoomconn move-to-keyring"},
		{use: "version", short: "Print the version", noSecrets: true, noStore: true, args: none, run: runVersion,
			long: "Print the version, as `zoomconn --version` does.", example: "  zoomconn version"},
	}
}

// endpointHelp is the endpoint flags' common sentence.
const endpointHelp = "Endpoints: --endpoints zoom|zoomgov|custom, and for custom --authorize-url, --token-url, --revoke-url and --api-url " +
	"(https; plain http only for 127.0.0.1 and ::1; no ? or #). The client secret is sent only to the endpoints it was entered for."
