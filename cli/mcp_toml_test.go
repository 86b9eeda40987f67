package cli

import "github.com/BurntSushi/toml"

// parseTOML parses Codex's config.toml format with a TOML parser of its
// own (BurntSushi/toml, already in the module graph through Fyne).
func parseTOML(s string, v any) error {
	_, err := toml.Decode(s, v)
	return err
}
