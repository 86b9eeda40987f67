// Command mangen writes zoomconn's man pages, zoomconn(1) and one per
// command (zoomconn-token(1), ...), from the command line's own
// definitions, so they say what `zoomconn help` says:
//
//	go run ./internal/mangen OUTDIR
//
// Run it from the repository root: the version comes from FyneApp.toml.
// The date is SOURCE_DATE_EPOCH's, else the last commit's, so the same
// sources always give the same pages.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra/doc"

	"zoomconn/cli"
)

func main() {
	if len(os.Args) != 2 || strings.HasPrefix(os.Args[1], "-") {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/mangen OUTDIR   (from the repository root)")
		os.Exit(2)
	}
	if err := run(os.Args[1], "FyneApp.toml"); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}

// run writes the pages into dir, creating it.
func run(dir, appFile string) error {
	version, err := appVersion(appFile)
	if err != nil {
		return err
	}
	date, err := sourceDate()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cli.Command(&cli.Env{Version: version})
	root.DisableAutoGenTag = true // no "generated on" line: the date is the header's
	header := &doc.GenManHeader{Section: "1", Date: &date, Source: "zoomconn " + version, Manual: "Zoom Connections"}
	return doc.GenManTree(root, header, dir)
}

// appVersion reads Version from FyneApp.toml, as the Makefile does for
// -ldflags.
func appVersion(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%w; run mangen from the repository root", err)
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		key, value, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(key) == "Version" {
			if v, err := strconv.Unquote(strings.TrimSpace(value)); err == nil && v != "" {
				return v, nil
			}
		}
	}
	return "", fmt.Errorf("%s has no Version", path)
}

// sourceDate is SOURCE_DATE_EPOCH (reproducible builds' convention), else
// the time of the last commit.
func sourceDate() (time.Time, error) {
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		out, err := exec.Command("git", "log", "-1", "--format=%ct").Output()
		if err != nil {
			return time.Time{}, errors.New("set SOURCE_DATE_EPOCH (seconds since 1970): there is no git history to date the pages by")
		}
		epoch = strings.TrimSpace(string(out))
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH must be seconds since 1970, not %q", epoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}
