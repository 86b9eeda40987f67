package main

import (
	"fmt"
	"os/exec"
)

// startApp starts the app and returns: it is a windowed program, and the
// console this one runs in is not its own.
func startApp(app string) error {
	if err := exec.Command(app).Start(); err != nil {
		return fmt.Errorf("starting %s: %w", app, err)
	}
	return nil
}
