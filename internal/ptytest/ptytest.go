//go:build linux

// Package ptytest gives tests a pseudo-terminal, so what a person sees on a
// terminal (isatty true, the escapes a terminal would act on) is tested
// with a real one. Tests only.
package ptytest

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// Terminal is one pseudo-terminal: TTY is the side a program writes to;
// everything written there is collected from the other side.
type Terminal struct {
	TTY    *os.File
	master *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{}
}

// Open opens a pseudo-terminal in raw mode (no CRLF translation, so the
// test sees the program's bytes) and closes it when t ends.
func Open(t testing.TB) *Terminal {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	termios, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	termios.Oflag &^= unix.OPOST
	termios.Lflag &^= unix.ECHO | unix.ICANON
	if err := unix.IoctlSetTermios(int(tty.Fd()), unix.TCSETS, termios); err != nil {
		t.Fatal(err)
	}
	p := &Terminal{TTY: tty, master: master, done: make(chan struct{})}
	go p.collect()
	t.Cleanup(func() { p.TTY.Close(); p.master.Close() })
	return p
}

func (p *Terminal) collect() {
	defer close(p.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := p.master.Read(buf)
		p.mu.Lock()
		p.out.Write(buf[:n])
		p.mu.Unlock()
		if err != nil { // EIO once the terminal side is closed
			return
		}
	}
}

// Output closes the terminal side and returns everything written to it.
func (p *Terminal) Output() string {
	p.TTY.Close()
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}
