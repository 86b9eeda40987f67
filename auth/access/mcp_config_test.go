package access

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

// Every agent's entry parses in its own format (JSON, or TOML with a TOML
// parser) back to the same command line, whatever the name and path hold.
func TestMCPConfigEntryParses(t *testing.T) {
	for _, name := range []string{"Reports", `Q"uo\te`, "Ünïcode 📅 name", "tab\tand\x7fdel"} {
		for _, a := range MCPAgents {
			for _, proxy := range []string{"", "meeting"} {
				cmd := `/opt/zoom conn/bin/zoomconn`
				out, err := MCPConfigEntry(a.ID, cmd, name, proxy)
				if err != nil {
					t.Fatal(err)
				}
				var doc map[string]map[string]map[string]any
				if a.ID == "codex" {
					_, err = toml.Decode(out, &doc)
				} else {
					err = json.Unmarshal([]byte(out), &doc)
				}
				if err != nil {
					t.Errorf("%s %q: %v\n%s", a.ID, name, err, out)
					continue
				}
				section := map[string]string{"claude": "mcpServers", "cursor": "mcpServers", "vscode": "servers", "codex": "mcp_servers"}[a.ID]
				if len(doc) != 1 || len(doc[section]) != 1 {
					t.Errorf("%s: %v", a.ID, doc)
					continue
				}
				for key, entry := range doc[section] {
					var args []string
					for _, x := range entry["args"].([]any) {
						args = append(args, x.(string))
					}
					want := []string{"mcp", "serve", name}
					if proxy != "" {
						want = []string{"mcp", "proxy", name, "--server", proxy}
					}
					if entry["command"] != cmd || !slices.Equal(args, want) || key != mcpServerKey(name, proxy) {
						t.Errorf("%s %q: %s %v %v", a.ID, name, key, entry["command"], args)
					}
				}
			}
		}
	}
	if _, err := MCPConfigEntry("emacs", "zoomconn", "R", ""); err == nil {
		t.Error("an unknown agent got an entry")
	}
	if k := mcpServerKey("My Zoom (EU)", ""); k != "zoom-my-zoom-eu" {
		t.Errorf("key %q", k)
	}
}
