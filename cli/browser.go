package cli

// The browser opener of the real program ($BROWSER, else the platform's).

import (
	"errors"
	"os"
	"os/exec"
	"strings"

	"github.com/cli/browser"
)

// OpenBrowser opens url with $BROWSER if set (a command, optionally with
// arguments), else the platform's opener (xdg-open, open, rundll32). The
// opener's output goes to stderr so stdout stays for requested data.
func OpenBrowser(url string) error {
	if b := strings.Fields(os.Getenv("BROWSER")); len(b) > 0 {
		cmd := exec.Command(b[0], append(b[1:], url)...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			return err
		}
		go func() { _ = cmd.Wait() }() // reap; the browser may outlive the login
		return nil
	}
	browser.Stdout = os.Stderr
	if err := browser.OpenURL(url); err != nil {
		return errors.Join(errors.New("no browser could be started"), err)
	}
	return nil
}
