package zoomtest

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Browser plays the user's browser in tests: it opens an authorize URL at
// the (fake) Zoom, which approves, and follows Zoom's redirect to the
// loopback server, as a browser would. Create it with [NewBrowser].
type Browser struct {
	// Before, if set, runs with the loopback redirect URL before the
	// browser follows it (to send forged callbacks first).
	Before func(callback *url.URL)
	// Pages receives what Zoom showed instead of redirecting (the page, or
	// why there was none); Callbacks the status each loopback server
	// answered; Done the outcome of each visit [Browser.Open] started.
	// They are buffered; a value that finds its channel full is dropped.
	Pages     chan string
	Callbacks chan int
	Done      chan error
}

// NewBrowser returns a Browser with room for a few visits on each channel.
func NewBrowser() *Browser {
	return &Browser{Pages: make(chan string, 8), Callbacks: make(chan int, 8), Done: make(chan error, 8)}
}

// browserClient follows no redirect itself, so the browser sees Zoom's.
var browserClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// Open visits authURL in the background and returns at once, like the
// opener of a real browser: it fits an OpenURL hook.
func (b *Browser) Open(authURL string) error {
	go func() { send(b.Done, b.Visit(authURL)) }()
	return nil
}

// Visit opens authURL and follows Zoom's redirect to the loopback server.
// It returns an error unless Zoom redirected and the loopback server
// answered 200 OK.
func (b *Browser) Visit(authURL string) error {
	resp, err := browserClient.Get(authURL)
	if err != nil {
		send(b.Pages, err.Error())
		return err
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		send(b.Pages, string(body))
		return fmt.Errorf("zoom answered %d without a redirect", resp.StatusCode)
	}
	if b.Before != nil {
		b.Before(loc)
	}
	resp, err = browserClient.Get(loc.String())
	if err != nil {
		send(b.Pages, err.Error())
		return err
	}
	resp.Body.Close()
	send(b.Callbacks, resp.StatusCode)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the loopback server answered %d", resp.StatusCode)
	}
	return nil
}

// send delivers v unless ch is nil or full.
func send[T any](ch chan T, v T) {
	select {
	case ch <- v:
	default:
	}
}
