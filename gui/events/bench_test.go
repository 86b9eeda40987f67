package events

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth/zoomtest"
)

// BenchmarkAddToFullList is the cost of listing an event once the list
// holds maxEvents (the oldest dropped): what a long listen pays per event
// on the UI goroutine.
func BenchmarkAddToFullList(b *testing.B) {
	test.NewTempApp(b)
	l := newEventLog(maxEvents, func(entry) {})
	l.startRun()
	raw := []byte(zoomtest.SampleEvent)
	at := time.Unix(1700000000, 0)
	for range maxEvents {
		l.add(raw, at)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l.add(raw, at)
	}
	if len(l.entries) != maxEvents {
		b.Fatalf("%d entries", len(l.entries))
	}
}
