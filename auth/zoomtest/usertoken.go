package zoomtest

// GET /v2/users/me/token: a user's ZAK (type=zak) or an on-behalf token
// for one meeting (type=onbehalf&meeting_id=N), for the Meeting SDK.

import (
	"crypto/rand"
	"net/http"
	"strconv"
)

// Scopes of the user token endpoint (granular first, then classic).
var (
	userTokenScopes  = []string{"user:read:token", "user:read:token:admin"}
	userTokenClassic = []string{"user:read", "user:read:admin"}
)

// UserTokenPrefix starts every token the endpoint hands out, followed by
// the type ("zak" or "onbehalf"), the user's ID and, for onbehalf, the
// meeting ID, then random text: "zoomtest-usertoken.zak.u1.…".
const UserTokenPrefix = "zoomtest-usertoken."

func (s *Server) userToken(w http.ResponseWriter, r *http.Request, g grant) {
	q := r.URL.Query()
	typ := q.Get("type")
	u, ok := s.me(g)
	if !ok {
		writeAPIError(w, http.StatusNotFound, CodeUserNotExist, "User does not exist: me.")
		return
	}
	tok := UserTokenPrefix + typ + "." + u.ID + "."
	switch typ {
	case "zak":
	case "onbehalf":
		id, err := strconv.ParseInt(q.Get("meeting_id"), 10, 64)
		if err != nil || id < 1 {
			writeAPIError(w, http.StatusBadRequest, 300, "Invalid field: meeting_id.")
			return
		}
		tok += strconv.FormatInt(id, 10) + "."
	default:
		writeAPIError(w, http.StatusBadRequest, 300, "Invalid field: type.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"token": tok + rand.Text()})
}
