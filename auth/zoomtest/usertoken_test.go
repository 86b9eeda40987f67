package zoomtest

import (
	"net/url"
	"strings"
	"testing"
)

// GET /users/me/token hands out a ZAK or an on-behalf token to a user
// token with user:read:token (or classic user:read), and refuses others
// as Zoom does: 4711 naming the scopes, 300 for a bad type or meeting_id.
func TestUserToken(t *testing.T) {
	f := newFixture(t)
	tokenFor := func(clientID string) string {
		code := f.code(t, authQuery(clientID, callback))
		return f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, clientID, confSec).json(t)["access_token"].(string)
	}
	classic, narrow := tokenFor(classicID), tokenFor(confID)
	for _, tc := range []struct {
		name, token, query string
		status             int
		code               float64
		msg, prefix        string
	}{
		{"zak", classic, "type=zak", 200, 0, "", UserTokenPrefix + "zak.u1."},
		{"onbehalf", classic, "type=onbehalf&meeting_id=98765432101", 200, 0, "", UserTokenPrefix + "onbehalf.u1.98765432101."},
		{"onbehalf without a meeting", classic, "type=onbehalf", 400, 300, "Invalid field: meeting_id.", ""},
		{"unknown type", classic, "type=token", 400, 300, "Invalid field: type.", ""},
		{"missing scope", narrow, "type=zak", 400, CodeMissingScopes, MissingScopesMessage("user:read:token", "user:read:token:admin"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(t, tc.token, "/users/me/token?"+tc.query)
			if tc.status != 200 {
				wantAPIErr(t, r, tc.status, tc.code, tc.msg)
				return
			}
			if tok, _ := r.json(t)["token"].(string); r.status != 200 || !strings.HasPrefix(tok, tc.prefix) || len(tok) < len(tc.prefix)+20 {
				t.Errorf("%d %s", r.status, r.body)
			}
		})
	}
	wantAPIErr(t, f.api(t, "", "/users/me/token?type=zak"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
}
