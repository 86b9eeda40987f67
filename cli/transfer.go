package cli

import (
	"context"
	"errors"
)

func runExport(_ context.Context, e *Env, args []string) error {
	return errors.New("export is not available yet")
}

func runImport(_ context.Context, e *Env, args []string) error {
	return errors.New("import is not available yet")
}
