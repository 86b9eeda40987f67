package zoomtest

import (
	"bytes"
	"net/http"
)

// Fault is a failure the token endpoint can be told to produce, for
// testing how clients cope with a misbehaving or overloaded Zoom.
type Fault int

const (
	// FaultHTML answers 200 with an HTML page, like a captive portal or a
	// maintenance page in front of Zoom.
	FaultHTML Fault = iota + 1
	// FaultInvalidJSON answers 200 application/json with truncated JSON.
	FaultInvalidJSON
	// FaultHugeBody answers 200 application/json with a (valid) JSON body of
	// HugeBodySize bytes, to check clients bound what they read.
	FaultHugeBody
	// FaultHang never answers: the handler blocks until the client gives up
	// (request context done) or the server is closed.
	FaultHang
	// Fault429 answers 429 with Retry-After: 1 and Zoom's rate-limit JSON.
	Fault429
	// Fault500 answers 500 with a JSON error body.
	Fault500
)

// HugeBodySize is the size of a FaultHugeBody response: 10 MiB.
const HugeBodySize = 10 << 20

// MessageRateLimited is the message of Fault429's {"code":429,...} body.
const MessageRateLimited = "You have reached the maximum per-second rate limit for this API. Try again later."

// popFault takes the next injected fault, or 0; callers hold s.mu.
func (s *Server) popFault() Fault {
	if len(s.faults) == 0 {
		return 0
	}
	f := s.faults[0].f
	if s.faults[0].n--; s.faults[0].n == 0 {
		s.faults = s.faults[1:]
	}
	return f
}

func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f Fault) {
	switch f {
	case FaultHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("<!DOCTYPE html>\n<html><head><title>Zoom</title></head>" +
			"<body><h1>We'll be right back</h1><p>Zoom is undergoing maintenance.</p></body></html>\n"))
	case FaultInvalidJSON:
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"access_token":"not-a-real-token","token_type":"bearer","expires_in":36`))
	case FaultHugeBody:
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusOK)
		head, tail := []byte(`{"access_token":"`), []byte(`"}`)
		chunk := bytes.Repeat([]byte("A"), 64<<10)
		if _, err := w.Write(head); err != nil {
			return
		}
		for left := HugeBodySize - len(head) - len(tail); left > 0; left -= len(chunk) {
			if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
				return // client went away
			}
		}
		w.Write(tail)
	case FaultHang:
		s.mu.Lock()
		hook := s.hangHook
		s.mu.Unlock()
		if hook != nil {
			hook()
		}
		select {
		case <-r.Context().Done():
		case <-s.closed:
		}
	case Fault429:
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusTooManyRequests, apiError{Code: 429, Message: MessageRateLimited})
	case Fault500:
		writeJSON(w, http.StatusInternalServerError, oauthErr(http.StatusInternalServerError, "server_error", "Internal Server Error"))
	}
}
