package access

// SDK JWTs and join tokens: a Meeting SDK signature signed with an OAuth
// client's Client secret or a Meeting SDK credential's SDK secret, a Video
// SDK token signed with a Video SDK credential's, both on this machine only
// (the secret is sent nowhere); the decoding of a JWT against the stored
// credential whose key it names; and ZAK and on-behalf (OBF) tokens
// fetched with an OAuth 2.0 connection's user token, as API calls are.
// The claims and their limits are auth/sdkjwt's.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/sdkjwt"
	"zoomconn/auth/store"
)

// The SDK JWT terms the front-ends use, so that they need no other package.
type (
	// ClaimError is a claim outside what Zoom accepts (see [sdkjwt.ClaimError]).
	ClaimError = sdkjwt.ClaimError
	// MalformedJWTError is text that is no JWT.
	MalformedJWTError = sdkjwt.MalformedError
	// JWTField is one member of a JWT's header or claims, as sent.
	JWTField = sdkjwt.Field
	// SDKKind is which SDK a JWT is for.
	SDKKind = sdkjwt.Kind
)

// SDK JWT limits, for the front-ends' help and forms.
const (
	SDKMinLifetime     = sdkjwt.MinLifetime
	SDKMaxLifetime     = sdkjwt.MaxLifetime
	SDKDefaultLifetime = sdkjwt.DefaultLifetime
	SDKMaxSessionName  = sdkjwt.MaxSessionName
	SDKKindMeeting     = sdkjwt.KindMeeting
	SDKKindVideo       = sdkjwt.KindVideo
)

// GeoRegions are the Video SDK's geo_regions.
func GeoRegions() []string { return append([]string(nil), sdkjwt.GeoRegions...) }

// ParseMeetingNumber reads a meeting number as Zoom shows it.
func ParseMeetingNumber(s string) (int64, error) { return sdkjwt.ParseMeetingNumber(s) }

// GroupDigits writes n with thousands separators.
func GroupDigits(n int64) string { return sdkjwt.Group(n) }

// MeetingSignatureInput is what a Meeting SDK signature says besides its
// key: a meeting number and role together (web) or neither (native).
type MeetingSignatureInput struct {
	MeetingNumber int64 // 0: none
	Role          *int  // nil: none
	Lifetime      time.Duration
}

// VideoTokenInput is what a Video SDK token says besides its key.
type VideoTokenInput struct {
	Session, UserIdentity, SessionKey            string
	Role                                         int
	GeoRegions                                   []string
	CloudRecordingOption, CloudRecordingElection *int
	Lifetime                                     time.Duration
}

// Signature is a signed SDK JWT: a bearer credential, for stdout or the
// clipboard only.
type Signature struct {
	JWT       string
	Signer    string // the name of what signed it
	SDKKey    string // the public key it names, never the secret
	IssuedAt  time.Time
	ExpiresAt time.Time
	// Claims are the claims as signed: a [sdkjwt.MeetingClaims] or a
	// [sdkjwt.VideoClaims], marshalled as the JWT holds them.
	Claims any
}

// SDKTypeError: name signs for another SDK than the one asked for.
type SDKTypeError struct {
	Name string
	// Have is what name is: "video" or "meeting" (an SDK credential's
	// type), or "client" (an OAuth client, which signs Meeting SDK
	// signatures only).
	Have string
	Want auth.SDKType
}

func (e *SDKTypeError) Error() string {
	have := map[string]string{"video": "a Video SDK credential", "meeting": "a Meeting SDK credential", "client": "an OAuth client"}[e.Have]
	return fmt.Sprintf("%q is %s; a %s JWT is signed with a %s key.", e.Name, have, e.Want.Label(), e.Want.Label())
}

// signer finds name's signer, checking it signs for want.
func (sv *Service) signer(name string, want auth.SDKType) (auth.Signer, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return auth.Signer{}, err
	}
	s, err := d.Signer(name)
	if err != nil {
		return s, err
	}
	have := "client"
	if s.Credential != nil {
		have = string(s.Credential.Type)
	}
	if (want == auth.SDKVideo) != (have == string(auth.SDKVideo)) {
		return s, &SDKTypeError{Name: s.Name(), Have: have, Want: want}
	}
	return s, nil
}

// MeetingSignature signs a Meeting SDK signature with name: an OAuth
// client (its Client ID and secret) or a Meeting SDK credential. Every
// limit is checked before the secret is read ([*ClaimError]).
func (sv *Service) MeetingSignature(name string, in MeetingSignatureInput) (*Signature, error) {
	s, err := sv.signer(name, auth.SDKMeeting)
	if err != nil {
		return nil, err
	}
	m := sdkjwt.Meeting{SDKKey: s.Key(), MeetingNumber: in.MeetingNumber, Role: in.Role, IssuedAt: sv.now(), Lifetime: in.Lifetime}
	if _, err := m.Claims(); err != nil {
		return nil, err
	}
	secret, err := sv.Store.SignerSecret(s)
	if err != nil {
		return nil, err
	}
	jwt, c, err := sdkjwt.SignMeeting(m, []byte(secret))
	if err != nil {
		return nil, err
	}
	return &Signature{JWT: jwt, Signer: s.Name(), SDKKey: c.SDKKey, IssuedAt: time.Unix(c.IAT, 0).UTC(), ExpiresAt: time.Unix(c.Exp, 0).UTC(), Claims: c}, nil
}

// VideoToken signs a Video SDK token with the Video SDK credential name.
// Every limit is checked before the secret is read ([*ClaimError]).
func (sv *Service) VideoToken(name string, in VideoTokenInput) (*Signature, error) {
	s, err := sv.signer(name, auth.SDKVideo)
	if err != nil {
		return nil, err
	}
	v := sdkjwt.Video{SDKKey: s.Key(), Session: in.Session, Role: in.Role, UserIdentity: in.UserIdentity, SessionKey: in.SessionKey,
		GeoRegions: in.GeoRegions, CloudRecordingOption: in.CloudRecordingOption, CloudRecordingElection: in.CloudRecordingElection,
		IssuedAt: sv.now(), Lifetime: in.Lifetime}
	if _, err := v.Claims(); err != nil {
		return nil, err
	}
	secret, err := sv.Store.SignerSecret(s)
	if err != nil {
		return nil, err
	}
	jwt, c, err := sdkjwt.SignVideo(v, []byte(secret))
	if err != nil {
		return nil, err
	}
	return &Signature{JWT: jwt, Signer: s.Name(), SDKKey: c.AppKey, IssuedAt: time.Unix(c.IAT, 0).UTC(), ExpiresAt: time.Unix(c.Exp, 0).UTC(), Claims: c}, nil
}

// DecodedJWT is a JWT read claim by claim, and what the stored credentials
// say of it.
type DecodedJWT struct {
	*sdkjwt.Decoded
	// Signers are the stored SDK credentials and OAuth clients whose key
	// the JWT names; Verified says one of their secrets signed it, and
	// VerifiedBy names that one.
	Signers    []string
	Verified   bool
	VerifiedBy string
	// VerifyErr is why a signer's secret could not be read (the JWT was
	// then not checked against it).
	VerifyErr error
}

// DecodeJWT reads a Meeting SDK signature or a Video SDK token, names
// every claim Zoom would refuse, and checks it against the secrets of the
// stored credentials whose key it names. Text that is no JWT is a
// [*MalformedJWTError].
func (sv *Service) DecodeJWT(token string) (*DecodedJWT, error) {
	dec, err := sdkjwt.Decode(token, sv.now())
	if err != nil {
		return nil, err
	}
	out := &DecodedJWT{Decoded: dec}
	if dec.Key == "" {
		return out, nil
	}
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	for _, s := range d.SignersOf(dec.Key) {
		out.Signers = append(out.Signers, s.Name())
		secret, err := sv.Store.SignerSecret(s)
		if err != nil {
			out.VerifyErr = err
			continue
		}
		if dec.Verify([]byte(secret)) {
			out.Verified, out.VerifiedBy = true, s.Name()
			break
		}
	}
	if out.Verified {
		out.VerifyErr = nil
	}
	return out, nil
}

// User token types of GET /users/me/token.
const (
	TokenZAK      = "zak"
	TokenOnBehalf = "onbehalf"
)

// UserTokenTypeError: a ZAK or OBF token is fetched with a user's token,
// which only an OAuth 2.0 connection holds.
type UserTokenTypeError struct {
	Connection string
	Type       string // TokenZAK or TokenOnBehalf
}

func (e *UserTokenTypeError) Error() string {
	what := "A ZAK"
	if e.Type == TokenOnBehalf {
		what = "An on-behalf (OBF) token"
	}
	return fmt.Sprintf("%s belongs to a user, and %q is a Server-to-Server connection, which acts for an account: it needs an OAuth 2.0 connection.", what, e.Connection)
}

// UserTokenAnswerError: Zoom answered 2xx without a token.
type UserTokenAnswerError struct{ Type string }

func (e *UserTokenAnswerError) Error() string {
	return fmt.Sprintf("Zoom's answer to the %s token request held no token.", e.Type)
}

// ZAK fetches the user's Zoom Access Key with the OAuth 2.0 connection
// name (GET /users/me/token?type=zak). Token handling, the retry with a
// fresh token and the scope doctor are [Service.API]'s.
func (sv *Service) ZAK(ctx context.Context, name string) (string, error) {
	return sv.userToken(ctx, name, TokenZAK, 0)
}

// OBF fetches an on-behalf token for the meeting meetingID, as [Service.ZAK].
func (sv *Service) OBF(ctx context.Context, name string, meetingID int64) (string, error) {
	if meetingID < 1 || meetingID > sdkjwt.MaxMeetingNumber {
		return "", &ClaimError{Claim: "meeting_id", Problem: sdkjwt.OutOfRange, Got: meetingID, Min: 1, Max: sdkjwt.MaxMeetingNumber}
	}
	return sv.userToken(ctx, name, TokenOnBehalf, meetingID)
}

func (sv *Service) userToken(ctx context.Context, name, typ string, meetingID int64) (string, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return "", err
	}
	c, ok := d.Connection(name)
	if !ok {
		return "", d.ConnectionNotFound(name)
	}
	if c.Type != auth.AuthOAuth {
		return "", &UserTokenTypeError{Connection: c.Name, Type: typ}
	}
	q := url.Values{"type": {typ}}
	if typ == TokenOnBehalf {
		q.Set("meeting_id", strconv.FormatInt(meetingID, 10))
	}
	resp, err := sv.API(ctx, c.Name, Request{Method: http.MethodGet, Path: "/users/me/token", Query: q}, APIOptions{})
	if err != nil {
		return "", err
	}
	var body struct {
		Token string `json:"token"`
	}
	if json.Unmarshal(resp.Body, &body) != nil || body.Token == "" {
		return "", &UserTokenAnswerError{Type: typ}
	}
	return body.Token, nil
}

// NoSignerSecretError is the store's: what should sign has no secret.
type NoSignerSecretError = store.NoSignerSecretError
