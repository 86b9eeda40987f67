package zoomtest

import (
	"net/http"
	"strings"
	"testing"
)

func TestUsersPages(t *testing.T) {
	f := newFixture(t)
	f.AddUsers(acct, 650)
	at := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
	seen, pages, next := 0, 0, ""
	for {
		path := "/users?page_size=1000"
		if next != "" {
			path += "&next_page_token=" + next
		}
		m := f.api(t, at, path).json(t)
		pages++
		seen += len(m["users"].([]any))
		if m["page_size"] != float64(MaxPageSize) {
			t.Fatalf("page_size %v", m["page_size"])
		}
		if next, _ = m["next_page_token"].(string); next == "" {
			total := m["total_records"].(float64)
			if seen != int(total) || pages != 3 || m["page_count"] != 3.0 {
				t.Fatalf("%d users in %d pages, total %v", seen, pages, total)
			}
			break
		}
	}
	wantAPIErr(t, f.api(t, at, "/users?next_page_token=bogus"), 400, CodeInvalidPageToken, "The next page token is invalid or expired.")
}

func TestMeetingsAndScopes(t *testing.T) {
	f := newFixture(t)
	at := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
	// The fixture's S2S app has no meeting scope.
	wantAPIErr(t, f.api(t, at, "/users/me/meetings"), 400, CodeMissingScopes,
		MissingScopesMessage("meeting:read:list_meetings", "meeting:read:list_meetings:admin"))
	f.AddS2SApp(S2SApp{AccountID: acct, ClientID: s2sID, ClientSecret: s2sSecret, Activated: true, Scopes: []string{"meeting:write:admin", "meeting:read:admin"}})
	at = f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
	req, _ := http.NewRequest("POST", f.Endpoints().APIBaseURL+"/users/me/meetings", strings.NewReader(`{"topic":"T","duration":5}`))
	req.Header.Set("Authorization", "Bearer "+at)
	if r := do(t, req); r.status != 201 || r.json(t)["topic"] != "T" {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if got := f.LastAPIRequest(); got.Method != "POST" || string(got.Body) != `{"topic":"T","duration":5}` || got.Header.Get("Authorization") != "" || !got.Authorized {
		t.Errorf("recorded %+v", got)
	}
	if m := f.api(t, at, "/users/me/meetings").json(t); m["total_records"] != 1.0 {
		t.Errorf("list %v", m)
	}
	wantAPIErr(t, f.api(t, at, "/users/nobody/meetings"), 404, CodeUserNotExist, "User does not exist: nobody.")
}

func TestAPIRateLimits(t *testing.T) {
	f := newFixture(t)
	at := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
	f.InjectAPIRateLimit(RateLimit{Category: "Light", Type: "QPS", RetryAfter: "1"}, 1)
	f.InjectAPIRateLimit(RateLimit{Category: "Heavy", Type: "Daily-limit"}, 1)
	r := f.api(t, at, "/users/me")
	if r.status != 429 || r.header.Get("X-RateLimit-Category") != "Light" || r.header.Get("X-RateLimit-Type") != "QPS" || r.header.Get("Retry-After") != "1" {
		t.Errorf("QPS: %d %v", r.status, r.header)
	}
	wantAPIErr(t, r, 429, 429, MessageRateLimited)
	r = f.api(t, at, "/users/me")
	wantAPIErr(t, r, 429, 429, MessageDailyRateLimited)
	if _, err := http.ParseTime(r.header.Get("Retry-After")); err != nil || r.header.Get("X-RateLimit-Type") != "Daily-limit" {
		t.Errorf("daily: %v", r.header)
	}
	if r := f.api(t, at, "/users/me"); r.status != 200 || f.Stats().RateLimited != 2 {
		t.Errorf("after the limits: %d, %d served", r.status, f.Stats().RateLimited)
	}
	// An unauthorized request is refused before any limit is spent.
	f.InjectAPIRateLimit(RateLimit{}, 1)
	wantAPIErr(t, f.api(t, "bogus", "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	if r := f.api(t, at, "/users/me"); r.status != 429 {
		t.Errorf("the limit was not kept for the next request: %d", r.status)
	}
}
