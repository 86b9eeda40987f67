package kit

import (
	"sync"
	"time"
)

// Every runs fn each interval on a goroutine of its own until stop is
// closed; fn hands any widget change to the UI goroutine.
func Every(stop <-chan struct{}, interval time.Duration, fn func()) {
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fn()
			}
		}
	}()
}

// StopSignal is closed once, by whichever of its stoppers comes first.
type StopSignal struct {
	once sync.Once
	ch   chan struct{}
}

// NewStopSignal is a signal not stopped yet.
func NewStopSignal() *StopSignal { return &StopSignal{ch: make(chan struct{})} }

// Done is closed once Stop ran.
func (s *StopSignal) Done() <-chan struct{} { return s.ch }

// Stop closes Done; later calls do nothing.
func (s *StopSignal) Stop() { s.once.Do(func() { close(s.ch) }) }
