package sdkjwt

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Zoom's limits (its SDK docs and the auth endpoint samples).
const (
	// MinLifetime and MaxLifetime bound exp − iat.
	MinLifetime = 1800 * time.Second
	MaxLifetime = 172800 * time.Second
	// DefaultLifetime is the samples' default.
	DefaultLifetime = 2 * time.Hour
	// MaxSessionName, MaxUserIdentity and MaxSessionKey bound the Video
	// SDK's tpc, user_identity and session_key, in characters.
	MaxSessionName  = 200
	MaxUserIdentity = 35
	MaxSessionKey   = 36
	// MaxMeetingNumber: meeting and webinar numbers have at most 11 digits.
	MaxMeetingNumber = 99_999_999_999
	// maxKeyLen bounds an SDK key.
	maxKeyLen = 256
)

// GeoRegions are the data centers a Video SDK session may be limited to
// (geo_regions).
var GeoRegions = []string{"AU", "BR", "CA", "CN", "DE", "HK", "IN", "JP", "MX", "NL", "SG", "US"}

// Claim names, as the SDKs read them.
const (
	ClaimAppKey                 = "appKey"
	ClaimSDKKey                 = "sdkKey"
	ClaimMeetingNumber          = "mn"
	ClaimRole                   = "role"
	ClaimIssuedAt               = "iat"
	ClaimExpires                = "exp"
	ClaimTokenExp               = "tokenExp"
	ClaimVideoAppKey            = "app_key"
	ClaimRoleType               = "role_type"
	ClaimTopic                  = "tpc"
	ClaimVersion                = "version"
	ClaimUserIdentity           = "user_identity"
	ClaimSessionKey             = "session_key"
	ClaimGeoRegions             = "geo_regions"
	ClaimCloudRecordingOption   = "cloud_recording_option"
	ClaimCloudRecordingElection = "cloud_recording_election"
	// ClaimLifetime names exp − iat in a [*ClaimError].
	ClaimLifetime = "exp − iat"
)

// header is the one header Zoom's SDKs accept.
const header = `{"alg":"HS256","typ":"JWT"}`

// Meeting is what a Meeting SDK signature says. MeetingNumber and Role
// come together (the web SDK) or not at all (the native SDKs).
type Meeting struct {
	SDKKey        string
	MeetingNumber int64 // 0: none
	Role          *int  // 0 attendee, 1 host; nil: none
	IssuedAt      time.Time
	Lifetime      time.Duration // 0: DefaultLifetime; whole seconds count
}

// MeetingClaims are a Meeting SDK signature's claims, in Zoom's order.
type MeetingClaims struct {
	AppKey   string `json:"appKey"`
	SDKKey   string `json:"sdkKey"`
	MN       *int64 `json:"mn,omitempty"`
	Role     *int   `json:"role,omitempty"`
	IAT      int64  `json:"iat"`
	Exp      int64  `json:"exp"`
	TokenExp int64  `json:"tokenExp"`
}

// Claims checks m against Zoom's limits and returns its claims; the first
// limit broken is a [*ClaimError].
func (m Meeting) Claims() (MeetingClaims, error) {
	var c MeetingClaims
	if err := checkKey(ClaimSDKKey, m.SDKKey); err != nil {
		return c, err
	}
	switch {
	case m.MeetingNumber != 0 && m.Role == nil:
		return c, &ClaimError{Claim: ClaimMeetingNumber, Problem: Together, Other: ClaimRole}
	case m.MeetingNumber == 0 && m.Role != nil:
		return c, &ClaimError{Claim: ClaimRole, Problem: Together, Other: ClaimMeetingNumber}
	}
	if m.MeetingNumber != 0 {
		if err := inRange(ClaimMeetingNumber, m.MeetingNumber, 1, MaxMeetingNumber, ""); err != nil {
			return c, err
		}
		if err := inRange(ClaimRole, int64(*m.Role), 0, 1, ""); err != nil {
			return c, err
		}
		mn, role := m.MeetingNumber, *m.Role
		c.MN, c.Role = &mn, &role
	}
	iat, exp, err := times(m.IssuedAt, m.Lifetime)
	if err != nil {
		return c, err
	}
	c.AppKey, c.SDKKey = m.SDKKey, m.SDKKey
	c.IAT, c.Exp, c.TokenExp = iat, exp, exp
	return c, nil
}

// Video is what a Video SDK token says.
type Video struct {
	SDKKey       string
	Session      string // tpc, the session name
	Role         int    // role_type: 0 participant, 1 host
	UserIdentity string // optional
	SessionKey   string // optional
	GeoRegions   []string
	// CloudRecordingOption and CloudRecordingElection are 0 or 1; nil: absent.
	CloudRecordingOption, CloudRecordingElection *int
	IssuedAt                                     time.Time
	Lifetime                                     time.Duration // 0: DefaultLifetime
}

// VideoClaims are a Video SDK token's claims, in Zoom's order.
type VideoClaims struct {
	AppKey                 string `json:"app_key"`
	RoleType               int    `json:"role_type"`
	Tpc                    string `json:"tpc"`
	Version                int    `json:"version"`
	IAT                    int64  `json:"iat"`
	Exp                    int64  `json:"exp"`
	UserIdentity           string `json:"user_identity,omitempty"`
	SessionKey             string `json:"session_key,omitempty"`
	GeoRegions             string `json:"geo_regions,omitempty"`
	CloudRecordingOption   *int   `json:"cloud_recording_option,omitempty"`
	CloudRecordingElection *int   `json:"cloud_recording_election,omitempty"`
}

// Claims checks v against Zoom's limits and returns its claims; the first
// limit broken is a [*ClaimError].
func (v Video) Claims() (VideoClaims, error) {
	var c VideoClaims
	if err := checkKey(ClaimVideoAppKey, v.SDKKey); err != nil {
		return c, err
	}
	if err := inRange(ClaimRoleType, int64(v.Role), 0, 1, ""); err != nil {
		return c, err
	}
	if v.Session == "" {
		return c, &ClaimError{Claim: ClaimTopic, Problem: Empty}
	}
	for _, t := range []struct {
		claim, v string
		max      int64
	}{{ClaimTopic, v.Session, MaxSessionName}, {ClaimUserIdentity, v.UserIdentity, MaxUserIdentity}, {ClaimSessionKey, v.SessionKey, MaxSessionKey}} {
		if err := checkText(t.claim, t.v, t.max); err != nil {
			return c, err
		}
	}
	regions, err := geoRegions(v.GeoRegions)
	if err != nil {
		return c, err
	}
	for _, o := range []struct {
		claim string
		v     *int
	}{{ClaimCloudRecordingOption, v.CloudRecordingOption}, {ClaimCloudRecordingElection, v.CloudRecordingElection}} {
		if o.v != nil {
			if err := inRange(o.claim, int64(*o.v), 0, 1, ""); err != nil {
				return c, err
			}
		}
	}
	iat, exp, err := times(v.IssuedAt, v.Lifetime)
	if err != nil {
		return c, err
	}
	c = VideoClaims{AppKey: v.SDKKey, RoleType: v.Role, Tpc: v.Session, Version: 1, IAT: iat, Exp: exp,
		UserIdentity: v.UserIdentity, SessionKey: v.SessionKey, GeoRegions: regions}
	if v.CloudRecordingOption != nil {
		o := *v.CloudRecordingOption
		c.CloudRecordingOption = &o
	}
	if v.CloudRecordingElection != nil {
		o := *v.CloudRecordingElection
		c.CloudRecordingElection = &o
	}
	return c, nil
}

// SignMeeting checks m and signs its claims with secret.
func SignMeeting(m Meeting, secret []byte) (string, MeetingClaims, error) {
	c, err := m.Claims()
	if err != nil {
		return "", c, err
	}
	jwt, err := Sign(c, secret)
	return jwt, c, err
}

// SignVideo checks v and signs its claims with secret.
func SignVideo(v Video, secret []byte) (string, VideoClaims, error) {
	c, err := v.Claims()
	if err != nil {
		return "", c, err
	}
	jwt, err := Sign(c, secret)
	return jwt, c, err
}

// ErrNoSecret: signing needs a secret.
var ErrNoSecret = errors.New("the SDK secret is empty")

// Sign makes an HS256 JWT of claims (a [MeetingClaims] or [VideoClaims],
// marshalled as they are) with secret.
func Sign(claims any, secret []byte) (string, error) {
	if len(secret) == 0 {
		return "", ErrNoSecret
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(claims); err != nil {
		return "", err
	}
	input := b64([]byte(header)) + "." + b64(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return input + "." + b64(mac(input, secret)), nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func mac(input string, secret []byte) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(input))
	return h.Sum(nil)
}

// times is iat (IssuedAt in whole seconds) and exp, with lifetime checked.
func times(issued time.Time, lifetime time.Duration) (int64, int64, error) {
	if lifetime == 0 {
		lifetime = DefaultLifetime
	}
	secs := int64(lifetime / time.Second)
	if err := inRange(ClaimLifetime, secs, int64(MinLifetime/time.Second), int64(MaxLifetime/time.Second), "s"); err != nil {
		return 0, 0, err
	}
	iat := issued.Unix()
	return iat, iat + secs, nil
}

func inRange(claim string, v, lo, hi int64, unit string) error {
	if v < lo || v > hi {
		return &ClaimError{Claim: claim, Problem: OutOfRange, Got: v, Min: lo, Max: hi, Unit: unit}
	}
	return nil
}

// checkText bounds an optional text claim's length, in characters.
func checkText(claim, s string, max int64) error {
	if n := int64(utf8.RuneCountInString(s)); n > max {
		return &ClaimError{Claim: claim, Problem: TooLong, Got: n, Min: 1, Max: max, Unit: "characters"}
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return &ClaimError{Claim: claim, Problem: BadText}
	}
	return nil
}

// checkKey: an SDK key is visible ASCII, as Zoom shows it.
func checkKey(claim, key string) error {
	switch {
	case key == "":
		return &ClaimError{Claim: claim, Problem: Empty}
	case len(key) > maxKeyLen:
		return &ClaimError{Claim: claim, Problem: TooLong, Got: int64(len(key)), Min: 1, Max: maxKeyLen, Unit: "characters"}
	case strings.ContainsFunc(key, func(r rune) bool { return r < 0x21 || r > 0x7e }):
		return &ClaimError{Claim: claim, Problem: BadText}
	}
	return nil
}

// geoRegions checks and joins regions (any case, each once) as Zoom
// reads them: "US,DE".
func geoRegions(regions []string) (string, error) {
	var out []string
	for _, r := range regions {
		u := strings.ToUpper(strings.TrimSpace(r))
		if !slices.Contains(GeoRegions, u) {
			return "", &ClaimError{Claim: ClaimGeoRegions, Problem: Unknown, Value: cleanValue(r), Allowed: GeoRegions}
		}
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return strings.Join(out, ","), nil
}

// cleanValue makes a value safe to quote in a message: printable ASCII,
// at most 40 characters.
func cleanValue(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// ParseMeetingNumber reads a meeting number as Zoom shows it ("123 4567
// 8901", with spaces or dashes, or plain digits).
func ParseMeetingNumber(s string) (int64, error) {
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || digits == "" || strings.ContainsAny(digits, "+-") {
		return 0, &ClaimError{Claim: ClaimMeetingNumber, Problem: WrongType, Value: "text " + strconv.Quote(cleanValue(s)), Want: "meeting number (digits)"}
	}
	if err := inRange(ClaimMeetingNumber, n, 1, MaxMeetingNumber, ""); err != nil {
		return 0, err
	}
	return n, nil
}
