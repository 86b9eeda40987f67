package sdkjwt

import (
	"bytes"
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// Kind is which SDK a JWT is for, told by its key claim.
type Kind string

const (
	KindMeeting Kind = "meeting" // appKey or sdkKey
	KindVideo   Kind = "video"   // app_key
	KindUnknown Kind = ""
)

// MaxJWTBytes bounds a JWT Decode reads.
const MaxJWTBytes = 16 << 10

// Field is one member of a JWT's header or claims, as it was sent.
type Field struct {
	Name  string
	Value json.RawMessage
}

// Decoded is a JWT read claim by claim, checked against what Zoom accepts
// from an SDK of its Kind.
type Decoded struct {
	Header []Field
	Claims []Field
	Kind   Kind
	// Key is the SDK key the claims name (appKey, else sdkKey, or
	// app_key); "" when none is a string.
	Key string
	// IssuedAt and Expires are iat and exp; zero when absent or not numbers.
	IssuedAt, Expires time.Time
	// Problems name every claim Zoom would refuse, in claim order.
	Problems []*ClaimError

	input     string // header.claims, as signed
	signature []byte
}

// Verify reports whether the JWT was signed with secret.
func (d *Decoded) Verify(secret []byte) bool {
	return len(secret) > 0 && hmac.Equal(d.signature, mac(d.input, secret))
}

// Claim returns the claim's value as sent, if present.
func (d *Decoded) Claim(name string) (json.RawMessage, bool) { return field(d.Claims, name) }

func field(fs []Field, name string) (json.RawMessage, bool) {
	for _, f := range fs {
		if f.Name == name {
			return f.Value, true
		}
	}
	return nil, false
}

// Decode reads a JWT (spaces around it ignored) and checks it, at now,
// against Zoom's rules for its kind. Text that is no JWT is a
// [*MalformedError]; a JWT Zoom would refuse decodes, with Problems.
func Decode(token string, now time.Time) (*Decoded, error) {
	token = strings.TrimSpace(token)
	if len(token) > MaxJWTBytes {
		return nil, &MalformedError{Reason: "it is longer than " + Group(MaxJWTBytes) + " bytes"}
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, &MalformedError{Reason: "it has " + strconv.Itoa(len(parts)) + " parts separated by dots, where a JWT has 3"}
	}
	d := &Decoded{input: parts[0] + "." + parts[1]}
	var err error
	if d.Header, err = decodeObject("header", parts[0]); err != nil {
		return nil, err
	}
	if d.Claims, err = decodeObject("claims", parts[1]); err != nil {
		return nil, err
	}
	if d.signature, err = base64.RawURLEncoding.DecodeString(parts[2]); err != nil {
		return nil, &MalformedError{Part: "signature", Reason: "is not base64url"}
	}
	d.check(now)
	return d, nil
}

func decodeObject(part, s string) ([]Field, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, &MalformedError{Part: part, Reason: "is not base64url"}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, &MalformedError{Part: part, Reason: "is not a JSON object"}
	}
	var fs []Field
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, &MalformedError{Part: part, Reason: "is not valid JSON"}
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, &MalformedError{Part: part, Reason: "is not valid JSON"}
		}
		if _, dup := field(fs, name); dup {
			return nil, &MalformedError{Part: part, Reason: "has " + strconv.Quote(cleanValue(name)) + " twice"}
		}
		fs = append(fs, Field{Name: name, Value: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, &MalformedError{Part: part, Reason: "is not valid JSON"}
	}
	if _, err := dec.Token(); err == nil {
		return nil, &MalformedError{Part: part, Reason: "has data after its object"}
	}
	return fs, nil
}

// jsonType names a raw JSON value's type.
func jsonType(v json.RawMessage) string {
	switch {
	case len(v) == 0:
		return "nothing"
	case v[0] == '"':
		return "string"
	case v[0] == '{':
		return "object"
	case v[0] == '[':
		return "array"
	case v[0] == 't' || v[0] == 'f':
		return "boolean"
	case v[0] == 'n':
		return "null"
	}
	return "number"
}

// checker collects the problems of one JWT.
type checker struct {
	fs       []Field
	problems []*ClaimError
}

func (c *checker) add(e *ClaimError) { c.problems = append(c.problems, e) }

// str is a string claim; present is false when absent (then, if need,
// a problem) or not a string (a problem).
func (c *checker) str(name string, need bool) (string, bool) {
	v, ok := field(c.fs, name)
	if !ok {
		if need {
			c.add(&ClaimError{Claim: name, Problem: Missing})
		}
		return "", false
	}
	var s string
	if jsonType(v) != "string" || json.Unmarshal(v, &s) != nil {
		c.add(&ClaimError{Claim: name, Problem: WrongType, Value: jsonType(v), Want: "string"})
		return "", false
	}
	return s, true
}

// num is an integer claim, as str.
func (c *checker) num(name string, need bool) (int64, bool) {
	v, ok := field(c.fs, name)
	if !ok {
		if need {
			c.add(&ClaimError{Claim: name, Problem: Missing})
		}
		return 0, false
	}
	if jsonType(v) != "number" {
		c.add(&ClaimError{Claim: name, Problem: WrongType, Value: jsonType(v), Want: "number"})
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		c.add(&ClaimError{Claim: name, Problem: WrongType, Value: "fraction or huge number", Want: "whole number"})
		return 0, false
	}
	return int64(f), true
}

func (c *checker) rng(name string, need bool, lo, hi int64) (int64, bool) {
	n, ok := c.num(name, need)
	if ok {
		if err := inRange(name, n, lo, hi, ""); err != nil {
			c.add(err.(*ClaimError))
			return n, false
		}
	}
	return n, ok
}

func (d *Decoded) check(now time.Time) {
	h := &checker{fs: d.Header}
	if alg, ok := h.str("alg", true); ok && alg != "HS256" {
		h.add(&ClaimError{Claim: "alg", Problem: Unknown, Value: cleanValue(alg), Allowed: []string{"HS256"}})
	}
	c := &checker{fs: d.Claims}
	c.problems = h.problems
	_, hasVideoKey := field(d.Claims, ClaimVideoAppKey)
	_, hasAppKey := field(d.Claims, ClaimAppKey)
	_, hasSDKKey := field(d.Claims, ClaimSDKKey)
	switch {
	case hasVideoKey:
		d.Kind = KindVideo
		d.Key, _ = c.str(ClaimVideoAppKey, true)
		c.rng(ClaimRoleType, true, 0, 1)
		if tpc, ok := c.str(ClaimTopic, true); ok {
			if tpc == "" {
				c.add(&ClaimError{Claim: ClaimTopic, Problem: Empty})
			} else if err := checkText(ClaimTopic, tpc, MaxSessionName); err != nil {
				c.add(err.(*ClaimError))
			}
		}
		if v, ok := c.num(ClaimVersion, true); ok && v != 1 {
			c.add(&ClaimError{Claim: ClaimVersion, Problem: OutOfRange, Got: v, Min: 1, Max: 1})
		}
		for _, t := range []struct {
			name string
			max  int64
		}{{ClaimUserIdentity, MaxUserIdentity}, {ClaimSessionKey, MaxSessionKey}} {
			if s, ok := c.str(t.name, false); ok {
				if err := checkText(t.name, s, t.max); err != nil {
					c.add(err.(*ClaimError))
				}
			}
		}
		if s, ok := c.str(ClaimGeoRegions, false); ok {
			if _, err := geoRegions(strings.Split(s, ",")); err != nil {
				c.add(err.(*ClaimError))
			}
		}
		c.rng(ClaimCloudRecordingOption, false, 0, 1)
		c.rng(ClaimCloudRecordingElection, false, 0, 1)
	case hasAppKey || hasSDKKey:
		d.Kind = KindMeeting
		app, appOK := c.str(ClaimAppKey, false)
		sdk, sdkOK := c.str(ClaimSDKKey, false)
		switch {
		case appOK && sdkOK && app != sdk:
			c.add(&ClaimError{Claim: ClaimSDKKey, Problem: Mismatch, Value: strconv.Quote(cleanValue(sdk)), Other: ClaimAppKey + " " + strconv.Quote(cleanValue(app))})
		case appOK:
			d.Key = app
		case sdkOK:
			d.Key = sdk
		}
		if d.Key == "" && appOK && sdkOK {
			d.Key = app
		}
		_, hasMN := field(d.Claims, ClaimMeetingNumber)
		_, hasRole := field(d.Claims, ClaimRole)
		switch {
		case hasMN && !hasRole:
			c.add(&ClaimError{Claim: ClaimMeetingNumber, Problem: Together, Other: ClaimRole})
		case hasRole && !hasMN:
			c.add(&ClaimError{Claim: ClaimRole, Problem: Together, Other: ClaimMeetingNumber})
		}
		if hasMN {
			c.meetingNumber()
		}
		c.rng(ClaimRole, false, 0, 1)
	default:
		c.add(&ClaimError{Claim: ClaimAppKey + " or " + ClaimVideoAppKey, Problem: Missing})
	}
	iat, iatOK := c.num(ClaimIssuedAt, true)
	exp, expOK := c.num(ClaimExpires, true)
	if d.Kind == KindMeeting {
		if te, ok := c.num(ClaimTokenExp, false); ok && expOK && te != exp {
			c.add(&ClaimError{Claim: ClaimTokenExp, Problem: Mismatch, Value: strconv.FormatInt(te, 10), Other: ClaimExpires + " " + strconv.FormatInt(exp, 10)})
		}
	}
	if iatOK {
		d.IssuedAt = time.Unix(iat, 0).UTC()
		if d.IssuedAt.After(now) {
			c.add(&ClaimError{Claim: ClaimIssuedAt, Problem: Future, At: d.IssuedAt, Now: now})
		}
	}
	if expOK {
		d.Expires = time.Unix(exp, 0).UTC()
	}
	if iatOK && expOK {
		if err := inRange(ClaimLifetime, exp-iat, int64(MinLifetime/time.Second), int64(MaxLifetime/time.Second), "s"); err != nil {
			c.add(err.(*ClaimError))
		}
	}
	if expOK && !now.Before(d.Expires) {
		c.add(&ClaimError{Claim: ClaimExpires, Problem: Expired, At: d.Expires, Now: now})
	}
	d.Problems = c.problems
}

// meetingNumber checks mn: a number, or a string of digits, as the web
// SDK's samples send either.
func (c *checker) meetingNumber() {
	v, _ := field(c.fs, ClaimMeetingNumber)
	if jsonType(v) == "string" {
		var s string
		_ = json.Unmarshal(v, &s)
		if _, err := ParseMeetingNumber(s); err != nil {
			c.add(err.(*ClaimError))
		}
		return
	}
	c.rng(ClaimMeetingNumber, true, 1, MaxMeetingNumber)
}
