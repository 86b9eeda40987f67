package main

import (
	"fmt"
	"os/exec"
)

// startApp starts the app, run with env, and returns: it is a windowed
// program, and the console this one runs in is not its own.
func startApp(app string, env []string) error {
	cmd := exec.Command(app)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", app, err)
	}
	return nil
}
