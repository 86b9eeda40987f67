//go:build unix

package cli

import (
	"bufio"
	"bytes"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestExecForwardsSIGTERM: a SIGTERM sent to zoomconn reaches the program,
// whose exit status zoomconn then returns.
func TestExecForwardsSIGTERM(t *testing.T) {
	stdout := &watchedWriter{}
	ready := stdout.watch("ready")
	e := &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: &bytes.Buffer{}}
	e.stdin = bufio.NewReader(e.Stdin)
	done := make(chan error, 1)
	go func() {
		done <- runChild(e, []string{"sh", "-c", `trap 'exit 42' TERM; echo ready; while :; do sleep 0.05; done`}, nil)
	}()
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("the program did not start")
	}
	// runChild has caught SIGTERM since before the program started, so
	// this does not end the test binary.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if code, ok := err.(exitCode); !ok || code != 42 {
			t.Fatalf("runChild = %v, want exit status 42", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM was not forwarded")
	}
}
