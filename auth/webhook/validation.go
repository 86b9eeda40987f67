package webhook

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// URLValidationEvent is the event Zoom sends to check an endpoint.
const URLValidationEvent = "endpoint.url_validation"

// URLValidation is the encryptedToken a handler must answer to plainToken:
// hex(HMAC-SHA256(secretToken, plainToken)).
func URLValidation(secretToken, plainToken string) string {
	return mac(secretToken, []byte(plainToken))
}

// URLValidationRequest is the body Zoom POSTs to validate an endpoint
// (signed like any event).
func URLValidationRequest(plainToken string, now time.Time) []byte {
	b, _ := json.Marshal(struct {
		Event   string `json:"event"`
		Payload struct {
			PlainToken string `json:"plainToken"`
		} `json:"payload"`
		EventTS int64 `json:"event_ts"`
	}{Event: URLValidationEvent, Payload: struct {
		PlainToken string `json:"plainToken"`
	}{plainToken}, EventTS: now.UnixMilli()})
	return b
}

// AnswerProblem is what is wrong with a handler's answer to URL validation.
type AnswerProblem int

const (
	AnswerStatus      AnswerProblem = iota + 1 // not 200
	AnswerSlow                                 // over Deadline
	AnswerNotJSON                              // not a JSON object
	AnswerPlainToken                           // plainToken missing or not the one sent
	AnswerNoEncrypted                          // encryptedToken missing
	AnswerNotHMAC                              // encryptedToken is not 64 hex digits
	AnswerUpperCase                            // the right HMAC in upper-case hex
	AnswerUnkeyedHash                          // SHA-256 of plainToken without the key
	AnswerWrongKey                             // an HMAC, but with another key
)

// AnswerError says why Zoom would refuse a handler's answer to URL validation.
type AnswerError struct {
	Problem AnswerProblem
	Status  int
	Elapsed time.Duration
}

func (e *AnswerError) Error() string {
	switch e.Problem {
	case AnswerStatus:
		return fmt.Sprintf("the handler answered %d; Zoom needs 200", e.Status)
	case AnswerSlow:
		return fmt.Sprintf("the handler took %.1f s; Zoom waits %d s", e.Elapsed.Seconds(), int(Deadline/time.Second))
	case AnswerNotJSON:
		return `the answer is not a JSON object {"plainToken": …, "encryptedToken": …}`
	case AnswerPlainToken:
		return "plainToken in the answer is missing or not the one sent"
	case AnswerNoEncrypted:
		return "encryptedToken is missing from the answer"
	case AnswerNotHMAC:
		return "encryptedToken is not a hex HMAC-SHA256 (64 hex digits)"
	case AnswerUpperCase:
		return "encryptedToken is the right HMAC in upper-case hex; Zoom's samples answer lower-case hex"
	case AnswerUnkeyedHash:
		return "encryptedToken is the SHA-256 of the plainToken without a key: use HMAC-SHA256 with the Secret Token"
	case AnswerWrongKey:
		return "encryptedToken is the HMAC of the plainToken with a different key: check the Secret Token"
	}
	return "Zoom would not accept the answer"
}

// CheckURLValidation checks a handler's answer to URL validation with
// plainToken as Zoom does: status 200, within Deadline, a JSON object with
// the same plainToken and encryptedToken = URLValidation(secretToken,
// plainToken). It returns nil or an [*AnswerError].
func CheckURLValidation(secretToken, plainToken string, status int, body []byte, elapsed time.Duration) error {
	if status != 200 {
		return &AnswerError{Problem: AnswerStatus, Status: status, Elapsed: elapsed}
	}
	if elapsed > Deadline {
		return &AnswerError{Problem: AnswerSlow, Status: status, Elapsed: elapsed}
	}
	var ans map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(body), &ans); err != nil || ans == nil {
		return &AnswerError{Problem: AnswerNotJSON, Status: status, Elapsed: elapsed}
	}
	fail := func(p AnswerProblem) error { return &AnswerError{Problem: p, Status: status, Elapsed: elapsed} }
	if pt, _ := ans["plainToken"].(string); pt != plainToken {
		return fail(AnswerPlainToken)
	}
	enc, ok := ans["encryptedToken"].(string)
	if !ok || enc == "" {
		return fail(AnswerNoEncrypted)
	}
	want := URLValidation(secretToken, plainToken)
	switch {
	case enc == want:
		return nil
	case strings.EqualFold(enc, want):
		return fail(AnswerUpperCase)
	}
	if raw, err := hex.DecodeString(enc); err != nil || len(raw) != 32 {
		return fail(AnswerNotHMAC)
	}
	if strings.EqualFold(enc, sha256Hex(plainToken)) {
		return fail(AnswerUnkeyedHash)
	}
	return fail(AnswerWrongKey)
}
