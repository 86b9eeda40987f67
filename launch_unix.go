//go:build !windows

package main

import (
	"fmt"
	"os"
	"syscall"
)

// startApp replaces this process with the app, so a launcher or terminal
// sees one process that ends when the window closes.
func startApp(app string) error {
	err := syscall.Exec(app, []string{app}, os.Environ())
	return fmt.Errorf("starting %s: %w", app, err)
}
