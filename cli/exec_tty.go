//go:build linux || darwin

package cli

import (
	"os"
	"syscall"
	"unsafe"
)

// fromTerminal reports whether sig most likely came from the terminal
// (Ctrl+C): a SIGINT while this process's group is the foreground group of
// its controlling terminal. The terminal then sent it to the whole group,
// the program `exec` runs included, so forwarding it would deliver it twice
// (and many programs take a second Ctrl+C as "quit now").
func fromTerminal(sig os.Signal) bool {
	if sig != os.Interrupt {
		return false
	}
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false // no controlling terminal
	}
	defer tty.Close()
	var pgrp int32
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, tty.Fd(), uintptr(syscall.TIOCGPGRP), uintptr(unsafe.Pointer(&pgrp)))
	return errno == 0 && int(pgrp) == syscall.Getpgrp()
}
