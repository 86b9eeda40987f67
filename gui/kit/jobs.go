package kit

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// Jobs runs the work that may block (the keyring, Zoom, the encrypted file)
// off the UI goroutine. A job hands its result back through Do, fyne.Do:
// the one boundary between a job and the widgets.
type Jobs struct {
	// Do runs a job's result on the UI goroutine. Tests replace it with a
	// queue they drain on the test goroutine, which is what the real
	// driver does on the main thread.
	Do     func(func())
	active atomic.Int64 // jobs running
}

// NewJobs hands results to the UI goroutine with fyne.Do.
func NewJobs() *Jobs { return &Jobs{Do: fyne.Do} }

// Run runs fn in a goroutine. fn must touch widgets only through Do.
func (j *Jobs) Run(fn func()) {
	j.active.Add(1)
	go func() {
		defer j.active.Add(-1)
		fn()
	}()
}

// Busy reports whether a job is running.
func (j *Jobs) Busy() bool { return j.active.Load() > 0 }
