package access

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"zoomconn/internal/safetext/safetexttest"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
	"zoomconn/internal/safetext"
)

// Finding 4 at the core: Zoom's reason, message and error_description,
// and a browser callback's error, reach a zoom.Error only made safe.
func TestServerTextInErrorsIsSafe(t *testing.T) {
	body, _ := json.Marshal(map[string]any{"code": safetexttest.HostileText[:40], "message": safetexttest.HostileText})
	ze := zoom.ExplainResponse(400, http.Header{}, body, nil)
	safetexttest.AssertSafe(t, "API error", ze.Error(), safetext.MaxShown+200)
	safetexttest.AssertSafe(t, "API reason", ze.Reason, safetext.MaxServer)
	safetexttest.AssertSafe(t, "API code", ze.Code, safetext.MaxCode)
	if !strings.Contains(ze.Error(), `\x1b]0;pwned\x07`) {
		t.Errorf("the escape is not shown for what it is: %q", ze.Error())
	}
	body, _ = json.Marshal(map[string]any{"error": "invalid_request", "error_description": safetexttest.HostileText})
	safetexttest.AssertSafe(t, "OAuth error", zoom.ExplainResponse(400, http.Header{}, body, nil).Error(), safetext.MaxShown+200)

	for _, code := range []string{"access_denied", "server_error", safetexttest.HostileText, "\n"} {
		err := zoom.Declined(code, safetexttest.HostileText)
		safetexttest.AssertSafe(t, "callback error", err.Error(), safetext.MaxShown+200)
	}
}

// Finding 4 through Test: a hostile API's message and identity are safe in
// the error, the report and the stored last test result.
func TestHostileAPITextIsStoredSafely(t *testing.T) {
	var refuse atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/oauth/token":
			json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "bearer", "expires_in": 3600,
				"scope": "user:read:admin \x1b[2J\u202e", "api_url": safetexttest.HostileText})
		case !refuse.Load():
			json.NewEncoder(w).Encode(map[string]any{"id": safetexttest.HostileText, "email": safetexttest.HostileText, "first_name": "\u202eX", "account_id": "\x1b[2J"})
		default:
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]any{"code": 300, "message": safetexttest.HostileText})
		}
	}))
	defer srv.Close()
	s := storetest.New(t, &secrettest.Memory{})
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Evil", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", ClientSecret: "s",
		Endpoints: auth.CustomEndpoints(srv.URL+"/oauth/authorize", srv.URL+"/oauth/token", srv.URL+"/oauth/revoke", srv.URL+"/v2")})
	sv := &Service{Store: s, Now: s.Now}

	rep, err := sv.Test(context.Background(), "Evil")
	if err != nil {
		t.Fatal(err)
	}
	safetexttest.AssertSafe(t, "identity", rep.Identity.String(), 603)
	safetexttest.AssertSafe(t, "account", rep.Identity.AccountID, 300)
	for _, sc := range rep.Scopes {
		safetexttest.AssertSafe(t, "scope", sc, 8192)
	}
	tok, err := sv.Token(context.Background(), "Evil")
	if err != nil {
		t.Fatal(err)
	}
	safetexttest.AssertSafe(t, "api_url", tok.APIURL, 2048)
	safetexttest.AssertSafe(t, "stored success", storetest.MustConn(t, s, "Evil").LastTest.Message, 500)

	refuse.Store(true)
	if _, err := sv.Test(context.Background(), "Evil"); err == nil {
		t.Fatal("the API's refusal was not reported")
	} else {
		safetexttest.AssertSafe(t, "test error", err.Error(), 700)
	}
	c := storetest.MustConn(t, s, "Evil")
	if c.LastTest == nil || c.LastTest.OK {
		t.Fatalf("failure not recorded: %+v", c.LastTest)
	}
	safetexttest.AssertSafe(t, "stored failure", c.LastTest.Message, 500)
	raw, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	var d auth.Data
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	safetexttest.AssertSafe(t, "metadata file message", d.Connections[0].LastTest.Message, 500)
}

// Finding 7: expires_in is clamped to [60 s, 24 h] on the Service's clock,
// and a missing or non-positive one leaves a token cached for 5 minutes.
func TestExpiresInIsClamped(t *testing.T) {
	tests := []struct {
		name      string
		expiresIn any // nil: missing
		life      time.Duration
	}{
		{"huge", int64(9999999999), 24 * time.Hour},
		{"two days", 172800, 24 * time.Hour},
		{"normal", 3600, time.Hour},
		{"zero", 0, 5 * time.Minute},
		{"negative", -5, 5 * time.Minute},
		{"missing", nil, 5 * time.Minute},
		{"string zero", "0", 5 * time.Minute},
		{"tiny", 5, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := requests.Add(1)
				resp := map[string]any{"access_token": "token-" + string(rune('0'+n)), "token_type": "bearer"}
				if tt.expiresIn != nil {
					resp["expires_in"] = tt.expiresIn
				}
				w.Header().Set("Content-Type", "application/json")
				json.NewEncoder(w).Encode(resp)
			}))
			defer srv.Close()
			clock := zoomtest.NewClock(time.Now())
			s := storetest.New(t, &secrettest.Memory{})
			s.Now = clock.Now
			storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "S", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", ClientSecret: "s",
				Endpoints: auth.CustomEndpoints(srv.URL+"/a", srv.URL+"/t", srv.URL+"/r", srv.URL+"/v2")})
			sv := &Service{Store: s, Now: clock.Now}
			start := clock.Now()
			t1, err := sv.Token(context.Background(), "S")
			if err != nil {
				t.Fatal(err)
			}
			if want := start.Add(tt.life); !t1.Expiry.Equal(want) {
				t.Errorf("expiry %v after now, want %v", t1.Expiry.Sub(start), tt.life)
			}
			if noted := storetest.MustConn(t, s, "S").TokenExpiry; noted == nil || noted.After(start.Add(24*time.Hour)) {
				t.Errorf("noted expiry %v is beyond 24 h", noted)
			}
			if tt.life <= tokenMargin {
				return // never cached: the margin is as long as its life
			}
			clock.Advance(time.Minute / 2)
			t2, err := sv.Token(context.Background(), "S")
			if err != nil {
				t.Fatal(err)
			}
			if t2.AccessToken != t1.AccessToken || requests.Load() != 1 {
				t.Errorf("second call within a minute made %d requests", requests.Load())
			}
			clock.Advance(tt.life)
			if t3, err := sv.Token(context.Background(), "S"); err != nil || t3.AccessToken == t1.AccessToken {
				t.Errorf("expired token handed out again (err %v)", err)
			}
		})
	}
}
