package sdkjwt

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

// handMade signs claims written by hand, apart from Sign.
func handMade(header, claims, secret string) string {
	in := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + base64.RawURLEncoding.EncodeToString([]byte(claims))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(in))
	return in + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

const hs = `{"alg":"HS256","typ":"JWT"}`

func TestDecodeKnownVectors(t *testing.T) {
	now := clock.Add(time.Minute)
	d, err := Decode(" "+meetingVector+"\n", now)
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindMeeting || d.Key != "abcSDKkey123" || len(d.Problems) != 0 || !d.IssuedAt.Equal(clock) || !d.Expires.Equal(clock.Add(2*time.Hour)) {
		t.Errorf("%+v", d)
	}
	if !d.Verify([]byte("s3cr3t-sdk-secret")) || d.Verify([]byte("another")) || d.Verify(nil) {
		t.Error("Verify")
	}
	names := []string{}
	for _, f := range d.Claims {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "appKey sdkKey mn role iat exp tokenExp" {
		t.Errorf("claims in order: %v", names)
	}
	d, err = Decode(videoVector, now)
	if err != nil || d.Kind != KindVideo || d.Key != "vidKEY42" || len(d.Problems) != 0 || !d.Verify([]byte("video-secret-xyz")) {
		t.Errorf("%+v %v", d, err)
	}
}

// TestDecodeNamesTheWrongClaim: each JWT Zoom would refuse decodes with the
// one problem that says why.
func TestDecodeNamesTheWrongClaim(t *testing.T) {
	const iat = `"iat":1700000000`
	for _, tc := range []struct {
		name, header, claims, want string
	}{
		{"lifetime too short", hs, `{"appKey":"K","sdkKey":"K",` + iat + `,"exp":1700001799,"tokenExp":1700001799}`, "exp − iat is 1,799 s; Zoom needs 1,800 to 172,800."},
		{"lifetime too long", hs, `{"app_key":"K","role_type":1,"tpc":"t","version":1,` + iat + `,"exp":1700172801}`, "exp − iat is 172,801 s; Zoom needs 1,800 to 172,800."},
		{"role 2", hs, `{"appKey":"K","sdkKey":"K","mn":123456789,"role":2,` + iat + `,"exp":1700007200,"tokenExp":1700007200}`, "role is 2; Zoom needs 0 or 1."},
		{"mn without role", hs, `{"appKey":"K","sdkKey":"K","mn":123456789,` + iat + `,"exp":1700007200,"tokenExp":1700007200}`, "mn is given without role; Zoom needs both or neither."},
		{"iat as a string", hs, `{"appKey":"K","sdkKey":"K","iat":"1700000000","exp":1700007200,"tokenExp":1700007200}`, "iat is a string; Zoom needs a number."},
		{"tokenExp not exp", hs, `{"appKey":"K","sdkKey":"K",` + iat + `,"exp":1700007200,"tokenExp":1700007201}`, "tokenExp is 1700007201, not the same as exp 1700007200; Zoom needs them equal."},
		{"two keys", hs, `{"appKey":"K","sdkKey":"L",` + iat + `,"exp":1700007200,"tokenExp":1700007200}`, `sdkKey is "L", not the same as appKey "K"; Zoom needs them equal.`},
		{"no exp", hs, `{"appKey":"K","sdkKey":"K",` + iat + `}`, "exp is missing; Zoom needs it."},
		{"no key", hs, `{` + iat + `,"exp":1700007200}`, "appKey or app_key is missing; Zoom needs it."},
		{"alg none", `{"alg":"none"}`, `{"appKey":"K","sdkKey":"K",` + iat + `,"exp":1700007200,"tokenExp":1700007200}`, `alg has "none"; Zoom knows HS256.`},
		{"201-character tpc", hs, `{"app_key":"K","role_type":1,"tpc":"` + strings.Repeat("t", 201) + `","version":1,` + iat + `,"exp":1700007200}`, "tpc is 201 characters; Zoom needs 1 to 200."},
		{"version 2", hs, `{"app_key":"K","role_type":1,"tpc":"t","version":2,` + iat + `,"exp":1700007200}`, "version is 2; Zoom needs 1."},
		{"unknown region", hs, `{"app_key":"K","role_type":1,"tpc":"t","version":1,` + iat + `,"exp":1700007200,"geo_regions":"US,ZZ"}`, `geo_regions has "ZZ"; Zoom knows AU, BR, CA, CN, DE, HK, IN, JP, MX, NL, SG, US.`},
		{"role_type string", hs, `{"app_key":"K","role_type":"1","tpc":"t","version":1,` + iat + `,"exp":1700007200}`, "role_type is a string; Zoom needs a number."},
		{"fractional iat", hs, `{"appKey":"K","sdkKey":"K","iat":1700000000.5,"exp":1700007200,"tokenExp":1700007200}`, "iat is a fraction or huge number; Zoom needs a whole number."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decode(handMade(tc.header, tc.claims, "s"), clock.Add(time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Problems) != 1 || d.Problems[0].Error() != tc.want {
				var got []string
				for _, p := range d.Problems {
					got = append(got, p.Error())
				}
				t.Errorf("problems %q\nwant [%q]", got, tc.want)
			}
		})
	}
}

func TestDecodeTime(t *testing.T) {
	jwt, _, _ := SignMeeting(Meeting{SDKKey: "K", IssuedAt: clock, Lifetime: MinLifetime}, []byte("s"))
	d, _ := Decode(jwt, clock.Add(MinLifetime))
	if len(d.Problems) != 1 || d.Problems[0].Problem != Expired || d.Problems[0].Error() != "exp is 2023-11-14T22:43:20Z, 0s before now; the signature has expired." {
		t.Errorf("expired: %v", d.Problems)
	}
	d, _ = Decode(jwt, clock.Add(-time.Minute))
	if len(d.Problems) != 1 || d.Problems[0].Problem != Future {
		t.Errorf("future: %v", d.Problems)
	}
}

func TestDecodeMalformed(t *testing.T) {
	b := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct{ in, want string }{
		{"", "This is not a JWT: it has 1 parts separated by dots, where a JWT has 3."},
		{"a.b", "This is not a JWT: it has 2 parts separated by dots, where a JWT has 3."},
		{"!!.e30.", "This is not a JWT: its header is not base64url."},
		{b("[1]") + ".e30.", "This is not a JWT: its header is not a JSON object."},
		{b(hs) + "." + b(`{"a":1,"a":2}`) + ".", `This is not a JWT: its claims has "a" twice.`},
		{b(hs) + "." + b(`{"a":1}{}`) + ".", "This is not a JWT: its claims has data after its object."},
		{b(hs) + "." + b(`{"a":1}`) + ".%%", "This is not a JWT: its signature is not base64url."},
		{strings.Repeat("a", MaxJWTBytes+1), "This is not a JWT: it is longer than 16,384 bytes."},
	} {
		_, err := Decode(tc.in, clock)
		var me *MalformedError
		if !errors.As(err, &me) || err.Error() != tc.want {
			t.Errorf("%.40q: %v\nwant %s", tc.in, err, tc.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(meetingVector)
	f.Add(videoVector)
	f.Add("a.b.c")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Decode(s, clock)
		if err == nil && d == nil {
			t.Fatal("nil without error")
		}
		if err == nil {
			for _, p := range d.Problems {
				_ = p.Error()
			}
		}
	})
}
