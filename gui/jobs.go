package gui

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// jobs runs the work that may block (the keyring, Zoom, the encrypted file)
// off the UI goroutine. A job hands its result back through do, fyne.Do:
// the one boundary between a job and the widgets.
type jobs struct {
	// do runs a job's result on the UI goroutine. Tests replace it with a
	// queue they drain on the test goroutine, which is what the real
	// driver does on the main thread.
	do     func(func())
	active atomic.Int64 // jobs running
}

func newJobs() *jobs { return &jobs{do: fyne.Do} }

// run runs fn in a goroutine. fn must touch widgets only through do.
func (j *jobs) run(fn func()) {
	j.active.Add(1)
	go func() {
		defer j.active.Add(-1)
		fn()
	}()
}

// busy reports whether a job is running.
func (j *jobs) busy() bool { return j.active.Load() > 0 }
