package access

// Forwarding what the events socket delivers to a local handler (events
// listen --forward-to, the app's Events window): each event's exact bytes
// signed with the app's Secret Token and a fresh timestamp, as Zoom would,
// from a bounded queue on its own goroutine, retried when the handler
// fails. The Secret Token signs here only; it is sent nowhere.

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// ForwardOptions says where [Service.Listen] forwards each event.
type ForwardOptions struct {
	// Delivery is the handler (To) and whether it may be off this machine
	// (AllowRemote); Forge is not used.
	Delivery
	// Queue bounds the events waiting to be forwarded; 0 means
	// DefaultForwardQueue.
	Queue int
	// OnTry hears each try of a forward, on the queue's goroutine.
	OnTry func(ForwardResult)
}

// listenForwarding is Listen with opts.Forward: the queue is made (and the
// handler checked) before connecting, runs while listen does, and what it
// could not forward is said at the end.
func (sv *Service) listenForwarding(ctx context.Context, name string, opts ListenOptions) error {
	f := opts.Forward
	q, err := sv.NewForwardQueue(name, f.Delivery, f.Queue, f.OnTry)
	if err != nil {
		return err
	}
	say := func(msg string) {
		if opts.OnNotice != nil {
			opts.OnNotice(msg)
		}
	}
	qctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); q.Run(qctx) }()
	onEvent := opts.OnEvent
	opts.OnEvent = func(raw []byte) {
		if onEvent != nil {
			onEvent(raw)
		}
		if !q.Push(raw) {
			say(fmt.Sprintf("The forward queue is full (%d events waiting): this event was not forwarded (%d so far).", cap(q.ch), q.Dropped()))
		}
	}
	err = sv.listen(ctx, name, opts)
	stop()
	<-done
	if n := q.Pending(); n > 0 {
		say(fmt.Sprintf("%d events were not forwarded.", n))
	}
	return err
}

// Forwarder checks the handler URL d.To (loopback unless d.AllowRemote: a
// [*HandlerURLError]) and reads the Secret Token of the app name reaches,
// and returns what POSTs an event's exact bytes to the handler signed with
// it and a fresh timestamp, as Zoom would (events listen --forward-to).
// The Secret Token signs here only; it is sent nowhere.
func (sv *Service) Forwarder(name string, d Delivery) (func(ctx context.Context, body []byte) (DeliveryResult, error), error) {
	u, err := checkHandlerURL(d.To, d.AllowRemote)
	if err != nil {
		return nil, err
	}
	_, token, err := sv.Store.SecretToken(name)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, body []byte) (DeliveryResult, error) {
		res, _, err := sv.deliver(ctx, u, token, body, ForgeNone)
		return res, err
	}, nil
}

// ForwardRetries are the waits before a failed forward's next tries.
var ForwardRetries = []time.Duration{time.Second, 5 * time.Second, 20 * time.Second}

// DefaultForwardQueue bounds the events waiting to be forwarded.
const DefaultForwardQueue = 1000

// ForwardResult is one try of a forward.
type ForwardResult struct {
	Result DeliveryResult
	Err    error
	Try    int           // 1 for the first
	Retry  time.Duration // the wait before the next try; 0 when none follows
	// Seq is the event's number: 1 for the first the queue was given
	// (dropped ones count), so with Listen the Nth that OnEvent heard.
	Seq int
	// GaveUp: this try failed (no answer, or not 2xx) and no other
	// follows.
	GaveUp bool
}

// ForwardQueue forwards events in order, apart from the reading: a
// bounded queue (overflow is dropped and counted), each event retried
// after ForwardRetries when the handler fails (no answer, or not 2xx).
type ForwardQueue struct {
	sv      *Service
	send    func(ctx context.Context, body []byte) (DeliveryResult, error)
	onTry   func(ForwardResult)
	ch      chan queued
	mu      sync.Mutex
	dropped int
	pushed  int
}

// queued is an event waiting to be forwarded, with its number.
type queued struct {
	body []byte
	seq  int
}

// NewForwardQueue is [Service.Forwarder] behind a queue of size events (0
// means DefaultForwardQueue); onTry hears each try. Run it with Run.
func (sv *Service) NewForwardQueue(name string, d Delivery, size int, onTry func(ForwardResult)) (*ForwardQueue, error) {
	send, err := sv.Forwarder(name, d)
	if err != nil {
		return nil, err
	}
	if size <= 0 {
		size = DefaultForwardQueue
	}
	return &ForwardQueue{sv: sv, send: send, onTry: onTry, ch: make(chan queued, size)}, nil
}

// Push queues an event; false when the queue is full and it was dropped.
func (q *ForwardQueue) Push(body []byte) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pushed++
	select {
	case q.ch <- queued{body: body, seq: q.pushed}:
		return true
	default:
		q.dropped++
		return false
	}
}

// Dropped is how many events overflowed the queue.
func (q *ForwardQueue) Dropped() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.dropped
}

// Pending is how many events wait to be forwarded.
func (q *ForwardQueue) Pending() int { return len(q.ch) }

// Run forwards until ctx ends.
func (q *ForwardQueue) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-q.ch:
			for try := 1; ; try++ {
				res, err := q.send(ctx, ev.body)
				if ctx.Err() != nil {
					return
				}
				fr := ForwardResult{Result: res, Err: err, Try: try, Seq: ev.seq}
				failed := err != nil || res.Status < 200 || res.Status > 299
				if failed && try <= len(ForwardRetries) {
					fr.Retry = ForwardRetries[try-1]
				}
				fr.GaveUp = failed && fr.Retry == 0
				if q.onTry != nil {
					q.onTry(fr)
				}
				if fr.Retry == 0 {
					break
				}
				if q.sv.sleep(ctx, fr.Retry) != nil {
					return
				}
			}
		}
	}
}
