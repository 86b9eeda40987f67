package sdkjwt

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Problem is what is wrong with one claim.
type Problem int

const (
	// OutOfRange: a number (Got) outside Min to Max (in Unit).
	OutOfRange Problem = iota
	// TooLong: a text of Got characters, where Zoom takes Min to Max.
	TooLong
	// Empty: a text that must not be empty.
	Empty
	// Unknown: Value is not one of Allowed.
	Unknown
	// Missing: a claim Zoom needs is absent.
	Missing
	// WrongType: the claim is a JSON Value ("string", "object"…) where
	// Zoom needs Want ("number", "string").
	WrongType
	// Mismatch: the claim (Value) differs from the claim Other, which it
	// must equal.
	Mismatch
	// Together: the claim is given without Other; both or neither.
	Together
	// Expired: exp (At) has passed.
	Expired
	// Future: iat (At) is after the time of the check.
	Future
	// BadText: a text with characters Zoom's keys never hold (spaces,
	// control characters, non-ASCII).
	BadText
)

// ClaimError is a claim (or header field) outside what Zoom accepts, in
// facts: which claim, what is wrong, the value and the range.
type ClaimError struct {
	Claim    string // "role", "tpc", "exp − iat", "alg"…
	Problem  Problem
	Got      int64  // the number, or the length in characters
	Min, Max int64  // the range Zoom accepts
	Unit     string // "s" or "characters"; "" for a plain number
	Value    string // the value in question, for Unknown, WrongType and Mismatch
	Want     string // for WrongType: the JSON type Zoom needs
	Allowed  []string
	Other    string    // for Mismatch and Together: the other claim
	At       time.Time // for Expired and Future
	Now      time.Time // the time of the check, for Expired and Future
}

func (e *ClaimError) Error() string {
	switch e.Problem {
	case OutOfRange, TooLong:
		return fmt.Sprintf("%s is %s%s; Zoom needs %s.", e.Claim, Group(e.Got), e.unit(), e.span())
	case Empty:
		return fmt.Sprintf("%s is empty; Zoom needs a value.", e.Claim)
	case Unknown:
		return fmt.Sprintf("%s has %q; Zoom knows %s.", e.Claim, e.Value, strings.Join(e.Allowed, ", "))
	case Missing:
		return fmt.Sprintf("%s is missing; Zoom needs it.", e.Claim)
	case WrongType:
		return fmt.Sprintf("%s is a %s; Zoom needs a %s.", e.Claim, e.Value, e.Want)
	case Mismatch:
		return fmt.Sprintf("%s is %s, not the same as %s; Zoom needs them equal.", e.Claim, e.Value, e.Other)
	case Together:
		return fmt.Sprintf("%s is given without %s; Zoom needs both or neither.", e.Claim, e.Other)
	case Expired:
		return fmt.Sprintf("exp is %s, %s before now; the signature has expired.", e.At.UTC().Format(time.RFC3339), e.Now.Sub(e.At).Round(time.Second))
	case Future:
		return fmt.Sprintf("iat is %s, %s after now; Zoom refuses a signature issued in the future (check this machine's clock).", e.At.UTC().Format(time.RFC3339), e.At.Sub(e.Now).Round(time.Second))
	case BadText:
		return fmt.Sprintf("%s holds spaces, control or non-ASCII characters; Zoom's keys hold none.", e.Claim)
	}
	return e.Claim + " is not what Zoom accepts."
}

func (e *ClaimError) unit() string {
	if e.Unit == "" {
		return ""
	}
	return " " + e.Unit
}

// span is the range in words: "0 or 1", "1,800 to 172,800".
func (e *ClaimError) span() string {
	if e.Max == e.Min {
		return Group(e.Min)
	}
	if e.Max == e.Min+1 {
		return Group(e.Min) + " or " + Group(e.Max)
	}
	return Group(e.Min) + " to " + Group(e.Max)
}

// Group writes n with thousands separators: 172800 → "172,800".
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// MalformedError: the text is not a JWT (three base64url parts, JSON
// header and claims). Part is "header", "claims", "signature" or "" for
// the whole.
type MalformedError struct {
	Part   string
	Reason string
}

func (e *MalformedError) Error() string {
	if e.Part == "" {
		return "This is not a JWT: " + e.Reason + "."
	}
	return fmt.Sprintf("This is not a JWT: its %s %s.", e.Part, e.Reason)
}
