package kit

import (
	"fmt"
	"os/exec"
	"runtime"
)

// URLOpener opens web pages with the system's opener program and waits for
// it to exit, so no finished opener stays behind as a zombie process until
// the app quits (Fyne's OpenURL starts xdg-open and never waits).
type URLOpener struct {
	// Command is the opener and its first arguments; the URL comes last.
	Command []string
}

// SystemURLOpener is the desktop's opener: xdg-open, open on macOS, the URL
// handler of Windows.
func SystemURLOpener() URLOpener {
	switch runtime.GOOS {
	case "darwin":
		return URLOpener{Command: []string{"open"}}
	case "windows":
		return URLOpener{Command: []string{"rundll32", "url.dll,FileProtocolHandler"}}
	}
	return URLOpener{Command: []string{"xdg-open"}}
}

// Open starts the opener on url and reaps it in the background.
func (o URLOpener) Open(url string) error {
	_, err := o.start(url)
	return err
}

// start starts the opener; done is closed once it has exited and been
// reaped.
func (o URLOpener) start(url string) (done <-chan struct{}, err error) {
	if len(o.Command) == 0 {
		return nil, fmt.Errorf("no program to open %s with", url)
	}
	args := append(append([]string(nil), o.Command[1:]...), url)
	cmd := exec.Command(o.Command[0], args...)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s could not be started: %w", o.Command[0], err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait() // its exit status says nothing about the browser
		close(exited)
	}()
	return exited, nil
}
