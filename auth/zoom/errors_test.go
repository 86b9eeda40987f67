package zoom

import (
	"net/http"
	"strings"
	"testing"
)

func TestExplainResponse(t *testing.T) {
	tests := []struct {
		status int
		body   string
		kind   string
		phrase string
	}{
		{401, `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`, KindInvalidClient, "Public Client ID"},
		{400, `{"reason":"Invalid Account Id","error":"invalid_request"}`, KindInvalidAccount, "Account ID"},
		{401, `{"reason":"Application has not been activated","error":"invalid_client"}`, KindNotActivated, "Activate"},
		{400, `{"reason":"unsupported grant type","error":"unsupported_grant_type"}`, KindUnsupportedGrant, "Server-to-Server"},
		{400, `{"code":4700,"message":"Invalid redirect: http://localhost:1/cb"}`, KindInvalidRedirect, "127.0.0.1, not localhost"},
		{400, `{"reason":"Invalid Token!","error":"invalid_grant"}`, KindInvalidGrant, "Authorize the connection again"},
		{400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:admin]."}`, KindMissingScopes, "user:read:user, user:read:admin"},
		{400, `{"code":4700,"message":"Invalid access token, does not contain scopes:[meeting:read]."}`, KindMissingScopes, "meeting:read"},
		{401, `{"code":124,"message":"Invalid access token."}`, KindInvalidToken, "Invalid access token"},
		{429, `{"code":429,"message":"rate"}`, KindRateLimited, "Wait"},
		{502, `<html>bad gateway</html>`, KindServerError, "status.zoom.us"},
		{200, `<html>captive portal</html>`, KindBadResponse, "proxy"},
	}
	for _, tt := range tests {
		ze := ExplainResponse(tt.status, http.Header{}, []byte(tt.body), nil)
		if ze.Kind != tt.kind || !strings.Contains(ze.Error(), tt.phrase) {
			t.Errorf("%d %s → %s %q; want %s containing %q", tt.status, tt.body, ze.Kind, ze.Error(), tt.kind, tt.phrase)
		}
	}
}
