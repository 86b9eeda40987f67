package sdkjwt

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var clock = time.Unix(1700000000, 0)

func ptr(n int) *int { return &n }

// The known vectors were made apart from this package (Python's hmac and
// base64 over the claims JSON written by hand): a fixed key, secret and
// clock give these exact JWTs.
const (
	meetingVector = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBLZXkiOiJhYmNTREtrZXkxMjMiLCJzZGtLZXkiOiJhYmNTREtrZXkxMjMiLCJtbiI6OTg3NjU0MzIxMDEsInJvbGUiOjEsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDA3MjAwLCJ0b2tlbkV4cCI6MTcwMDAwNzIwMH0.qTkmPJTzO0juD27Q018-vvYQwJbjcq_UAEaPzeVoLVE"
	videoVector   = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBfa2V5IjoidmlkS0VZNDIiLCJyb2xlX3R5cGUiOjAsInRwYyI6IlRlYW0gc3RhbmR1cCIsInZlcnNpb24iOjEsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwLCJ1c2VyX2lkZW50aXR5IjoiZ3JhY2UiLCJzZXNzaW9uX2tleSI6ImsxIiwiZ2VvX3JlZ2lvbnMiOiJVUyxERSIsImNsb3VkX3JlY29yZGluZ19vcHRpb24iOjEsImNsb3VkX3JlY29yZGluZ19lbGVjdGlvbiI6MH0.2BzVyw8cAtSxg4KToeJChIbUX5cI5G4_soIVzFCZdWg"
)

func TestKnownVectors(t *testing.T) {
	jwt, _, err := SignMeeting(Meeting{SDKKey: "abcSDKkey123", MeetingNumber: 98765432101, Role: ptr(1), IssuedAt: clock}, []byte("s3cr3t-sdk-secret"))
	if err != nil || jwt != meetingVector {
		t.Errorf("meeting signature:\n got %s (%v)\nwant %s", jwt, err, meetingVector)
	}
	jwt, _, err = SignVideo(Video{SDKKey: "vidKEY42", Session: "Team standup", Role: 0, UserIdentity: "grace", SessionKey: "k1",
		GeoRegions: []string{"us", "DE"}, CloudRecordingOption: ptr(1), CloudRecordingElection: ptr(0), IssuedAt: clock, Lifetime: time.Hour}, []byte("video-secret-xyz"))
	if err != nil || jwt != videoVector {
		t.Errorf("video token:\n got %s (%v)\nwant %s", jwt, err, videoVector)
	}
}

// independentHS256 verifies a JWT apart from the package: split, HMAC the
// first two parts as they stand, compare the third after decoding it.
func independentHS256(t *testing.T, jwt, secret string) (header, claims map[string]any) {
	t.Helper()
	i, j := strings.Index(jwt, "."), strings.LastIndex(jwt, ".")
	if i < 0 || i == j {
		t.Fatalf("not three parts: %q", jwt)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(jwt[:j]))
	sig, err := base64.RawURLEncoding.DecodeString(jwt[j+1:])
	if err != nil || !hmac.Equal(sig, m.Sum(nil)) {
		t.Fatalf("the independent HS256 check refuses %q", jwt)
	}
	for k, part := range []string{jwt[:i], jwt[i+1 : j]} {
		raw, err := base64.RawURLEncoding.DecodeString(part)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.UseNumber()
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if k == 0 {
			header = v
		} else {
			claims = v
		}
	}
	return header, claims
}

// num is a JSON number as the claims hold it; a string "1" is no number.
func num(n int64) json.Number { return json.Number(jsonInt(n)) }
func jsonInt(n int64) string  { b, _ := json.Marshal(n); return string(b) }

func TestMeetingClaimsExactly(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Meeting
		want map[string]any
	}{
		{"web", Meeting{SDKKey: "K", MeetingNumber: 123456789, Role: ptr(0), IssuedAt: clock, Lifetime: 30 * time.Minute},
			map[string]any{"appKey": "K", "sdkKey": "K", "mn": num(123456789), "role": num(0), "iat": num(1700000000), "exp": num(1700001800), "tokenExp": num(1700001800)}},
		{"native: no mn or role", Meeting{SDKKey: "K", IssuedAt: clock, Lifetime: 48 * time.Hour},
			map[string]any{"appKey": "K", "sdkKey": "K", "iat": num(1700000000), "exp": num(1700172800), "tokenExp": num(1700172800)}},
		{"default 2 h", Meeting{SDKKey: "K", MeetingNumber: 1, Role: ptr(1), IssuedAt: clock.Add(900 * time.Millisecond)},
			map[string]any{"appKey": "K", "sdkKey": "K", "mn": num(1), "role": num(1), "iat": num(1700000000), "exp": num(1700007200), "tokenExp": num(1700007200)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			jwt, _, err := SignMeeting(tc.in, []byte("secret"))
			if err != nil {
				t.Fatal(err)
			}
			header, claims := independentHS256(t, jwt, "secret")
			if !reflect.DeepEqual(header, map[string]any{"alg": "HS256", "typ": "JWT"}) {
				t.Errorf("header %v", header)
			}
			if !reflect.DeepEqual(claims, tc.want) {
				t.Errorf("claims\n got %v\nwant %v", claims, tc.want)
			}
		})
	}
}

func TestVideoClaimsExactly(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Video
		want map[string]any
	}{
		{"required only", Video{SDKKey: "V", Session: "s", Role: 1, IssuedAt: clock},
			map[string]any{"app_key": "V", "role_type": num(1), "tpc": "s", "version": num(1), "iat": num(1700000000), "exp": num(1700007200)}},
		{"all optional", Video{SDKKey: "V", Session: strings.Repeat("é", MaxSessionName), Role: 0, UserIdentity: strings.Repeat("u", 35), SessionKey: strings.Repeat("k", 36),
			GeoRegions: []string{"AU", "sg", "AU"}, CloudRecordingOption: ptr(0), CloudRecordingElection: ptr(1), IssuedAt: clock, Lifetime: MaxLifetime},
			map[string]any{"app_key": "V", "role_type": num(0), "tpc": strings.Repeat("é", 200), "version": num(1), "iat": num(1700000000), "exp": num(1700172800),
				"user_identity": strings.Repeat("u", 35), "session_key": strings.Repeat("k", 36), "geo_regions": "AU,SG", "cloud_recording_option": num(0), "cloud_recording_election": num(1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			jwt, _, err := SignVideo(tc.in, []byte("vs"))
			if err != nil {
				t.Fatal(err)
			}
			_, claims := independentHS256(t, jwt, "vs")
			if !reflect.DeepEqual(claims, tc.want) {
				t.Errorf("claims\n got %v\nwant %v", claims, tc.want)
			}
		})
	}
}

func TestLimitsRefused(t *testing.T) {
	okM := Meeting{SDKKey: "K", MeetingNumber: 123456789, Role: ptr(0), IssuedAt: clock}
	okV := Video{SDKKey: "V", Session: "s", IssuedAt: clock}
	for _, tc := range []struct {
		name string
		sign func() error
		want ClaimError
		text string
	}{
		{"meeting 1,799 s", func() error { m := okM; m.Lifetime = 1799 * time.Second; return meetingErr(m) },
			ClaimError{Claim: ClaimLifetime, Problem: OutOfRange, Got: 1799, Min: 1800, Max: 172800, Unit: "s"}, "exp − iat is 1,799 s; Zoom needs 1,800 to 172,800."},
		{"meeting 172,801 s", func() error { m := okM; m.Lifetime = 172801 * time.Second; return meetingErr(m) },
			ClaimError{Claim: ClaimLifetime, Problem: OutOfRange, Got: 172801, Min: 1800, Max: 172800, Unit: "s"}, "exp − iat is 172,801 s; Zoom needs 1,800 to 172,800."},
		{"meeting role 2", func() error { m := okM; m.Role = ptr(2); return meetingErr(m) },
			ClaimError{Claim: ClaimRole, Problem: OutOfRange, Got: 2, Min: 0, Max: 1}, "role is 2; Zoom needs 0 or 1."},
		{"mn without role", func() error { m := okM; m.Role = nil; return meetingErr(m) },
			ClaimError{Claim: ClaimMeetingNumber, Problem: Together, Other: ClaimRole}, "mn is given without role; Zoom needs both or neither."},
		{"role without mn", func() error { m := okM; m.MeetingNumber = 0; return meetingErr(m) },
			ClaimError{Claim: ClaimRole, Problem: Together, Other: ClaimMeetingNumber}, ""},
		{"mn of 12 digits", func() error { m := okM; m.MeetingNumber = 100_000_000_000; return meetingErr(m) },
			ClaimError{Claim: ClaimMeetingNumber, Problem: OutOfRange, Got: 100_000_000_000, Min: 1, Max: MaxMeetingNumber}, ""},
		{"no SDK key", func() error { m := okM; m.SDKKey = ""; return meetingErr(m) },
			ClaimError{Claim: ClaimSDKKey, Problem: Empty}, ""},
		{"SDK key with a space", func() error { m := okM; m.SDKKey = "a b"; return meetingErr(m) },
			ClaimError{Claim: ClaimSDKKey, Problem: BadText}, ""},
		{"video 1,799 s", func() error { v := okV; v.Lifetime = 1799 * time.Second; return videoErr(v) },
			ClaimError{Claim: ClaimLifetime, Problem: OutOfRange, Got: 1799, Min: 1800, Max: 172800, Unit: "s"}, ""},
		{"video 172,801 s", func() error { v := okV; v.Lifetime = 172801 * time.Second; return videoErr(v) },
			ClaimError{Claim: ClaimLifetime, Problem: OutOfRange, Got: 172801, Min: 1800, Max: 172800, Unit: "s"}, ""},
		{"role_type 2", func() error { v := okV; v.Role = 2; return videoErr(v) },
			ClaimError{Claim: ClaimRoleType, Problem: OutOfRange, Got: 2, Min: 0, Max: 1}, "role_type is 2; Zoom needs 0 or 1."},
		{"201-character session", func() error { v := okV; v.Session = strings.Repeat("ß", 201); return videoErr(v) },
			ClaimError{Claim: ClaimTopic, Problem: TooLong, Got: 201, Min: 1, Max: 200, Unit: "characters"}, "tpc is 201 characters; Zoom needs 1 to 200."},
		{"empty session", func() error { v := okV; v.Session = ""; return videoErr(v) },
			ClaimError{Claim: ClaimTopic, Problem: Empty}, ""},
		{"36-character user identity", func() error { v := okV; v.UserIdentity = strings.Repeat("x", 36); return videoErr(v) },
			ClaimError{Claim: ClaimUserIdentity, Problem: TooLong, Got: 36, Min: 1, Max: 35, Unit: "characters"}, ""},
		{"37-character session key", func() error { v := okV; v.SessionKey = strings.Repeat("x", 37); return videoErr(v) },
			ClaimError{Claim: ClaimSessionKey, Problem: TooLong, Got: 37, Min: 1, Max: 36, Unit: "characters"}, ""},
		{"unknown geo region", func() error { v := okV; v.GeoRegions = []string{"US", "XX"}; return videoErr(v) },
			ClaimError{Claim: ClaimGeoRegions, Problem: Unknown, Value: "XX", Allowed: GeoRegions}, `geo_regions has "XX"; Zoom knows AU, BR, CA, CN, DE, HK, IN, JP, MX, NL, SG, US.`},
		{"cloud_recording_option 2", func() error { v := okV; v.CloudRecordingOption = ptr(2); return videoErr(v) },
			ClaimError{Claim: ClaimCloudRecordingOption, Problem: OutOfRange, Got: 2, Min: 0, Max: 1}, ""},
		{"cloud_recording_election -1", func() error { v := okV; v.CloudRecordingElection = ptr(-1); return videoErr(v) },
			ClaimError{Claim: ClaimCloudRecordingElection, Problem: OutOfRange, Got: -1, Min: 0, Max: 1}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.sign()
			var ce *ClaimError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a ClaimError", err)
			}
			if !reflect.DeepEqual(*ce, tc.want) {
				t.Errorf("got %+v\nwant %+v", *ce, tc.want)
			}
			if tc.text != "" && ce.Error() != tc.text {
				t.Errorf("says %q\nwant %q", ce.Error(), tc.text)
			}
		})
	}
}

func meetingErr(m Meeting) error { _, _, err := SignMeeting(m, []byte("s")); return err }
func videoErr(v Video) error     { _, _, err := SignVideo(v, []byte("s")); return err }

func TestLimitsAccepted(t *testing.T) {
	for _, d := range []time.Duration{MinLifetime, MaxLifetime, MinLifetime + 999*time.Millisecond} {
		if err := meetingErr(Meeting{SDKKey: "K", IssuedAt: clock, Lifetime: d}); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
	if _, err := Sign(MeetingClaims{}, nil); !errors.Is(err, ErrNoSecret) {
		t.Errorf("no secret: %v", err)
	}
}

func TestParseMeetingNumber(t *testing.T) {
	for in, want := range map[string]int64{"123 4567 8901": 12345678901, "123-456-789": 123456789, " 987654321 ": 987654321} {
		if got, err := ParseMeetingNumber(in); err != nil || got != want {
			t.Errorf("%q: %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "abc", "+123", "0", "123456789012", "12.5"} {
		if _, err := ParseMeetingNumber(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 172800: "172,800", -1799: "-1,799", 99999999999: "99,999,999,999"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %q, want %q", n, got, want)
		}
	}
}
