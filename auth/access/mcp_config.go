package access

// The entry an AI agent's configuration needs to start mcp serve or mcp
// proxy: the same text for the command line and the app. It holds a
// command line only, never a secret, an environment or an allow list.

import (
	"encoding/json"
	"fmt"
	"strings"
)

// MCPAgent is an AI agent whose configuration format is known.
type MCPAgent struct {
	ID    string // claude, cursor, vscode, codex
	Label string // "Claude", for people
	// Where is where its configuration lives, for people.
	Where string
}

// MCPAgents are the agents an entry can be written for, in the order
// they are offered.
var MCPAgents = []MCPAgent{
	{"claude", "Claude", "Claude Desktop's claude_desktop_config.json (Settings, Developer, Edit Config); Claude Code takes the same entry in .mcp.json"},
	{"cursor", "Cursor", "Cursor's ~/.cursor/mcp.json, or .cursor/mcp.json in a project"},
	{"vscode", "VS Code", "VS Code's .vscode/mcp.json in a workspace, or the user's mcp.json (MCP: Open User Configuration)"},
	{"codex", "Codex", "Codex's ~/.codex/config.toml"},
}

// MCPAgentByID finds an agent by its ID.
func MCPAgentByID(id string) (MCPAgent, bool) {
	for _, a := range MCPAgents {
		if a.ID == id {
			return a, true
		}
	}
	return MCPAgent{}, false
}

// MCPConfigEntry is the entry of agent's configuration that starts
// command with mcp serve NAME, or with proxy (a hosted server's name or
// URL) mcp proxy NAME --server PROXY: JSON under mcpServers (Claude,
// Cursor) or servers with type stdio (VS Code), or Codex's TOML table
// [mcp_servers.KEY]. The key is zoom-NAME in letters, digits and hyphens.
func MCPConfigEntry(agent, command, name, proxy string) (string, error) {
	args := []string{"mcp", "serve", name}
	if proxy != "" {
		args = []string{"mcp", "proxy", name, "--server", proxy}
	}
	key := mcpServerKey(name, proxy)
	switch agent {
	case "codex":
		quoted := make([]string, len(args))
		for i, a := range args {
			quoted[i] = tomlString(a)
		}
		return fmt.Sprintf("[mcp_servers.%s]\ncommand = %s\nargs = [%s]\n", key, tomlString(command), strings.Join(quoted, ", ")), nil
	case "vscode":
		return configJSON("servers", key, map[string]any{"type": "stdio", "command": command, "args": args}), nil
	case "claude", "cursor":
		return configJSON("mcpServers", key, map[string]any{"command": command, "args": args}), nil
	}
	return "", fmt.Errorf("no configuration format is known for the agent %q", agent)
}

func configJSON(section, key string, entry map[string]any) string {
	raw, _ := json.MarshalIndent(map[string]any{section: map[string]any{key: entry}}, "", "  ")
	return string(raw) + "\n"
}

// tomlString is s as a TOML basic string: JSON's escapes are TOML's
// (\uXXXX included; JSON writes characters above the BMP as they are),
// and DEL, a control character TOML refuses raw, is escaped too.
func tomlString(s string) string {
	raw, _ := json.Marshal(s)
	return strings.ReplaceAll(string(raw), "\x7f", `\u007f`)
}

// mcpServerKey is the entry's name in the agent's configuration:
// zoom-NAME (zoom-PROXY-NAME for a proxy) in lower-case letters, digits
// and hyphens, a bare key in TOML.
func mcpServerKey(name, proxy string) string {
	var b strings.Builder
	b.WriteString("zoom-")
	if proxy != "" {
		name = proxy + "-" + name
	}
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
