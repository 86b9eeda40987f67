package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
)

// dropBrokenPreferences removes Fyne's preferences file of the app id if
// it does not hold a JSON object, before Fyne reads it: Fyne rewrites the
// file in place (truncate, then write), so an earlier version of the app
// that ended during such a write left it empty, and Fyne would print
// "Preferences load error: EOF" at every start. The app keeps nothing of
// its own there any more (gui keeps the window's layout in a file of its
// own) and no longer lets Fyne write it on quit, so it would never heal.
func dropBrokenPreferences(id string) {
	path := fynePreferencesPath(id)
	if path == "" {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var v map[string]any
	if json.Unmarshal(b, &v) != nil {
		_ = os.Remove(path)
	}
}

// fynePreferencesPath is where Fyne 2.7's desktop drivers keep the
// preferences of the app id ("" if the directory is unknown).
func fynePreferencesPath(id string) string {
	var root string
	switch runtime.GOOS {
	case "windows":
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		root = filepath.Join(home, "AppData", "Roaming")
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		root = filepath.Join(home, "Library", "Preferences")
	default:
		dir, err := os.UserConfigDir()
		if err != nil {
			return ""
		}
		root = dir
	}
	return filepath.Join(root, "fyne", id, "preferences.json")
}
