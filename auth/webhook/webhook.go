// Package webhook owns Zoom's webhook protocol, pure: the signature of an
// event (x-zm-signature over x-zm-request-timestamp and the raw body) and
// its verification with a tolerance, the endpoint.url_validation exchange
// and the check of a handler's answer to it, and the bundled sample events
// with their field overrides. It does no I/O and keeps no secret: callers
// pass the Secret Token in and send the bytes themselves.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The headers Zoom signs an event with.
const (
	HeaderTimestamp = "x-zm-request-timestamp"
	HeaderSignature = "x-zm-signature"
)

// Deadline is how long Zoom waits for a handler's answer; a slower one is
// a failed delivery.
const Deadline = 3 * time.Second

// DefaultTolerance is how old (or how far in the future) a timestamp may be
// for Verify to accept it.
const DefaultTolerance = 300 * time.Second

func mac(key string, parts ...[]byte) string {
	h := hmac.New(sha256.New, []byte(key))
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Sign is the x-zm-signature Zoom sends with body at timestamp (seconds
// since the epoch): "v0=" + hex(HMAC-SHA256(secretToken, "v0:{timestamp}:{body}")),
// over the raw bytes.
func Sign(secretToken string, timestamp int64, body []byte) string {
	return "v0=" + mac(secretToken, []byte("v0:"+strconv.FormatInt(timestamp, 10)+":"), body)
}

// Reason is why Verify refused an event.
type Reason int

const (
	NoSecretToken     Reason = iota + 1 // no Secret Token to verify with
	TimestampMissing                    // no x-zm-request-timestamp
	TimestampInvalid                    // not a whole number of seconds
	SignatureMissing                    // no x-zm-signature
	SignatureMismatch                   // the HMAC differs: another key, other bytes or another timestamp
	TimestampOld                        // older than the tolerance
	TimestampFuture                     // further in the future than the tolerance
)

// VerifyError is Verify's refusal: the reason and, for a timestamp out of
// the tolerance, how far off it is.
type VerifyError struct {
	Reason Reason
	Off    time.Duration // how old or how far ahead, for TimestampOld and TimestampFuture
}

func (e *VerifyError) Error() string {
	secs := int64(e.Off / time.Second)
	switch e.Reason {
	case NoSecretToken:
		return "no Secret Token to verify with"
	case TimestampMissing:
		return "timestamp is missing (" + HeaderTimestamp + ")"
	case TimestampInvalid:
		return "timestamp is not a number of seconds since the epoch"
	case SignatureMissing:
		return "signature is missing (" + HeaderSignature + ")"
	case SignatureMismatch:
		return "signature does not match"
	case TimestampOld:
		return fmt.Sprintf("timestamp is %d s old", secs)
	case TimestampFuture:
		return fmt.Sprintf("timestamp is %d s in the future", secs)
	}
	return "the event was refused"
}

// Verify checks an event as a handler should: the signature over the raw
// body and the timestamp as received, then the timestamp within tolerance
// of now (DefaultTolerance when tolerance is 0). It returns nil or a
// [*VerifyError].
func Verify(secretToken, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	timestamp, signature = strings.TrimSpace(timestamp), strings.TrimSpace(signature)
	switch {
	case secretToken == "":
		return &VerifyError{Reason: NoSecretToken}
	case timestamp == "":
		return &VerifyError{Reason: TimestampMissing}
	case signature == "":
		return &VerifyError{Reason: SignatureMissing}
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || ts < 0 {
		return &VerifyError{Reason: TimestampInvalid}
	}
	want := "v0=" + mac(secretToken, []byte("v0:"+timestamp+":"), body)
	if !hmac.Equal([]byte(want), []byte(signature)) {
		return &VerifyError{Reason: SignatureMismatch}
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	off := now.Sub(time.Unix(ts, 0))
	switch {
	case off > tolerance:
		return &VerifyError{Reason: TimestampOld, Off: off}
	case -off > tolerance:
		return &VerifyError{Reason: TimestampFuture, Off: -off}
	}
	return nil
}
