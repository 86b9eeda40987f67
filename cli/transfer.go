package cli

// The export and import commands: connections and OAuth clients as JSON,
// never secrets; an import reads the secrets it needs from stdin.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"zoomconn/auth/store"
)

// exportFlags are export's flags.
type exportFlags struct{ file string }

func (f *exportFlags) define(fs *pflag.FlagSet) {
	fs.StringVar(&f.file, "file", "", "write to this `FILE` instead of stdout")
}

// runExport writes connections and OAuth clients (never secrets or tokens)
// as JSON to stdout or --file.
func runExport(_ context.Context, e *Env, names []string, f *exportFlags) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	raw, err := store.Export(d, names)
	if err != nil {
		return asUsage(err)
	}
	if f.file == "" {
		_, err = e.Stdout.Write(raw)
		return err
	}
	if err := os.WriteFile(f.file, raw, 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", f.file, err)
	}
	fmt.Fprintf(e.Stderr, "Exported to %s (no secrets or tokens; they are asked for on import).\n", f.file)
	return nil
}

// runImport adds what an export file holds. It prints what it will add and
// the secrets it needs, in order, then reads them from stdin, one per line.
// A malformed or hostile file, or a duplicate name, changes nothing.
func runImport(_ context.Context, e *Env, pos []string) error {
	raw, err := readLimited(pos[0])
	if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	plan, err := store.PlanImport(d, raw)
	if err != nil {
		return asUsage(err)
	}
	fmt.Fprintln(e.Stderr, "This import adds:")
	for _, line := range plan.Summary() {
		fmt.Fprintln(e.Stderr, "  -", line)
	}
	if len(plan.CustomHosts) > 0 {
		fmt.Fprintln(e.Stderr, "Warning: these items send their secrets and tokens to hosts outside Zoom. Import only if you trust every one:")
		for _, line := range plan.CustomHosts {
			fmt.Fprintln(e.Stderr, "  !", line)
		}
	}
	secrets := make([]string, len(plan.Needed))
	if len(plan.Needed) > 0 {
		fmt.Fprintf(e.Stderr, "It needs %d secrets, read in this order (one per line on stdin):\n", len(plan.Needed))
		for i, p := range plan.Needed {
			fmt.Fprintf(e.Stderr, "  %d. %s\n", i+1, p.Label)
		}
		for i, p := range plan.Needed {
			if secrets[i], err = e.readSecret(p.Label); err != nil {
				return err
			}
		}
	}
	if err := e.Store.Import(plan, secrets); err != nil {
		return asUsage(err)
	}
	fmt.Fprintf(e.Stderr, "Imported %d connections and %d OAuth clients. OAuth 2.0 connections need authorization: `zoomconn login NAME`.\n", len(plan.Connections), len(plan.Clients))
	return nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("cannot read %s: %v", path, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, store.MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return raw, nil
}

// asUsage reports a bad import/export request (malformed file, unknown or
// duplicate name) as invalid input: exit code 2, nothing changed.
func asUsage(err error) error {
	var ie *store.ImportError
	if errors.As(err, &ie) {
		return usagef("%s", ie.Error())
	}
	return err
}
