package zoomtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestBrowserFollowsZoomsRedirectOnce(t *testing.T) {
	loopback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("code") == "" {
			http.Error(w, "no code", http.StatusBadRequest)
		}
	}))
	t.Cleanup(loopback.Close)
	zoom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("approve") != "yes" {
			http.Error(w, "Invalid redirect (4700)", http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, loopback.URL+"/oauth/callback?code=c1", http.StatusFound)
	}))
	t.Cleanup(zoom.Close)

	b := NewBrowser()
	var before *url.URL
	b.Before = func(cb *url.URL) { before = cb }
	if err := b.Visit(zoom.URL + "/oauth/authorize?approve=yes"); err != nil {
		t.Fatal(err)
	}
	if got := <-b.Callbacks; got != http.StatusOK || before == nil || before.Path != "/oauth/callback" {
		t.Fatalf("callback answered %d; Before saw %v", got, before)
	}

	if err := b.Open(zoom.URL + "/oauth/authorize"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-b.Done:
		if err == nil || !strings.Contains(err.Error(), "400 without a redirect") {
			t.Fatalf("a refused authorize: err %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open never finished")
	}
	if page := <-b.Pages; !strings.Contains(page, "Invalid redirect (4700)") {
		t.Fatalf("page %q", page)
	}
}
