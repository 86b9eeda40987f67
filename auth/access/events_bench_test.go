package access

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/webhook"
	"zoomconn/auth/zoomtest"
)

// BenchmarkEventsForward measures events listen's forward loop (Listen
// with Forward: the fake's events socket → a local handler, each event
// signed and POSTed as Zoom would) against its floor, the same handler
// taking a signed POST of the same bytes straight from this process. One
// run is the whole measurement (fixed counts): run it with -benchtime 1x.
//
//   - throughput: 90,000 events from the socket to the handler (after a
//     10,000-event warm-up), at most 256 in flight so the 1,000-event queue
//     never drops one, against 10,000 direct POSTs one after another;
//   - latency: 2,000 events one at a time, emit → handler, alternating
//     with 2,000 direct POSTs of the same bytes, send → handler: p50 and
//     p99 of each (the loop adds the difference);
//   - memory: the live heap of the whole process (loop, fake and handler)
//     after 10,000 and after 100,000 events, each measured drained and
//     after a collection.
func BenchmarkEventsForward(b *testing.B) {
	const (
		warm    = 10_000
		total   = 100_000
		window  = 256
		latN    = 2_000
		directN = 10_000
		sub     = "bench-sub"
		secret  = "bench-secret-token"
	)
	for b.Loop() {
		z := zoomtest.NewServer(zoomtest.Options{})
		z.AddS2SApp(zoomtest.S2SApp{AccountID: s2sAccount, ClientID: s2sClient, ClientSecret: s2sSecret, Activated: true})
		z.AddEventSubscription(s2sClient, sub)
		ze := z.Endpoints()
		eps := auth.CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, ze.APIBaseURL)
		eps.EventsURL = ze.EventsURL
		s := storetest.New(b, &secrettest.Memory{})
		id := sub
		storetest.MustSaveConn(b, s, auth.ConnectionInput{Name: "S", Type: auth.AuthS2S, AccountID: s2sAccount, ClientID: s2sClient,
			ClientSecret: s2sSecret, Endpoints: eps, EventsSubscription: &id})
		if _, err := s.SetSecretToken("S", secret); err != nil {
			b.Fatal(err)
		}

		// The handler stamps each event's arrival by its seq and says so.
		arrivals := make([]int64, total+2*latN+directN)
		delivered := make(chan struct{}, len(arrivals))
		h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			at := time.Now().UnixNano()
			body, _ := io.ReadAll(r.Body)
			n, ok := seqOf(body)
			if !ok || r.Header.Get(webhook.HeaderSignature) == "" {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			atomic.StoreInt64(&arrivals[n], at)
			delivered <- struct{}{}
		}))
		event := func(n int) []byte {
			return []byte(strings.Replace(zoomtest.SampleEvent, `"event_ts":`, `"seq":`+strconv.Itoa(n)+`,"event_ts":`, 1))
		}

		sv := &Service{Store: s, HTTPClient: &http.Client{Timeout: 10 * time.Second}}
		var failed, notices atomic.Int64
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- sv.Listen(ctx, "S", ListenOptions{
				Forward: &ForwardOptions{Delivery: Delivery{To: h.URL}, OnTry: func(fr ForwardResult) {
					if fr.Err != nil || fr.Result.Status != http.StatusOK {
						failed.Add(1)
					}
				}},
				OnNotice: func(string) { notices.Add(1) },
			})
		}()
		wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
		if err := z.WaitEventConnection(wctx, sub); err != nil {
			b.Fatal(err)
		}
		wcancel()

		// Throughput and memory.
		emitted, got := 0, 0
		emitUpTo := func(n int) {
			for ; emitted < n; emitted++ {
				for emitted-got >= window {
					<-delivered
					got++
				}
				if !z.EmitEvent(sub, event(emitted)) {
					b.Fatal("the events socket closed")
				}
			}
			for ; got < n; got++ {
				<-delivered
			}
		}
		heap := func() uint64 {
			runtime.GC()
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return m.HeapAlloc
		}
		emitUpTo(warm)
		heapWarm := heap()
		start := time.Now()
		emitUpTo(total)
		loopRate := float64(total-warm) / time.Since(start).Seconds()
		heapTotal := heap()

		// Latency: one at a time, the loop and a direct POST alternating.
		client := &http.Client{Timeout: 10 * time.Second}
		post := func(n int) {
			body := event(n)
			ts := time.Now().Unix()
			req, _ := http.NewRequest(http.MethodPost, h.URL, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json; charset=utf-8")
			req.Header.Set(webhook.HeaderTimestamp, strconv.FormatInt(ts, 10))
			req.Header.Set(webhook.HeaderSignature, webhook.Sign(secret, ts, body))
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		var loopLat, directLat []time.Duration
		for k := range latN {
			n := total + 2*k
			t0 := time.Now()
			if !z.EmitEvent(sub, event(n)) {
				b.Fatal("the events socket closed")
			}
			<-delivered
			loopLat = append(loopLat, time.Duration(atomic.LoadInt64(&arrivals[n])-t0.UnixNano()))
			t0 = time.Now()
			post(n + 1)
			<-delivered
			directLat = append(directLat, time.Duration(atomic.LoadInt64(&arrivals[n+1])-t0.UnixNano()))
		}
		start = time.Now()
		for k := range directN {
			post(total + 2*latN + k)
			<-delivered
		}
		directRate := float64(directN) / time.Since(start).Seconds()

		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		h.Close()
		z.Close()
		if failed.Load() != 0 || notices.Load() != 0 {
			b.Fatalf("%d forwards failed, %d notices (a drop or an overflow)", failed.Load(), notices.Load())
		}
		pct := func(d []time.Duration, p float64) float64 {
			d = slices.Clone(d)
			slices.Sort(d)
			return float64(d[int(p*float64(len(d)-1))].Microseconds())
		}
		b.ReportMetric(loopRate, "loop-events/s")
		b.ReportMetric(directRate, "direct-posts/s")
		b.ReportMetric(pct(loopLat, 0.50), "loop-p50-us")
		b.ReportMetric(pct(directLat, 0.50), "direct-p50-us")
		b.ReportMetric(pct(loopLat, 0.99), "loop-p99-us")
		b.ReportMetric(pct(directLat, 0.99), "direct-p99-us")
		b.ReportMetric(float64(heapWarm)/1024, "heap-10k-KiB")
		b.ReportMetric(float64(heapTotal)/1024, "heap-100k-KiB")
	}
}

// seqOf reads the "seq" the benchmark puts in each event.
func seqOf(body []byte) (int, bool) {
	i := bytes.Index(body, []byte(`"seq":`))
	if i < 0 {
		return 0, false
	}
	rest := body[i+len(`"seq":`):]
	j := bytes.IndexByte(rest, ',')
	if j < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(string(rest[:j]))
	return n, err == nil
}
