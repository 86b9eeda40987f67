//go:build !windows

package main

import (
	"fmt"
	"syscall"
)

// startApp replaces this process with the app, run with env, so a launcher
// or terminal sees one process that ends when the window closes.
func startApp(app string, env []string) error {
	err := syscall.Exec(app, []string{app}, env)
	return fmt.Errorf("starting %s: %w", app, err)
}
