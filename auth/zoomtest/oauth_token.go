package zoomtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
)

// The token and revoke endpoints.

func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	form, ferr := readForm(w, r)

	s.mu.Lock()
	s.stats.TokenRequests[form.Get("grant_type")]++
	fault := s.popFault()
	if fault != 0 {
		s.stats.FaultsServed++
	}
	s.mu.Unlock()
	if fault != 0 {
		s.serveFault(w, r, fault)
		return
	}
	if ferr != nil {
		s.writeOAuthError(w, ferr)
		return
	}

	resp, oerr := s.token(r, form)
	if oerr != nil {
		s.writeOAuthError(w, oerr)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) token(r *http.Request, form url.Values) (*tokenResponse, *oauthError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, c, err := s.authenticateClient(r, form)
	if err != nil {
		return nil, err
	}
	unsupported := oauthErr(http.StatusBadRequest, "unsupported_grant_type", ReasonUnsupportedGrantType)
	notActivated := oauthErr(http.StatusUnauthorized, "invalid_client", ReasonAppNotActivated)
	switch form.Get("grant_type") {
	case "account_credentials":
		if c.s2s == nil {
			return nil, unsupported
		}
		if !c.s2s.Activated {
			return nil, notActivated
		}
		if acct := form.Get("account_id"); acct == "" || acct != c.s2s.AccountID {
			return nil, oauthErr(http.StatusBadRequest, "invalid_request", ReasonInvalidAccountID)
		}
		g := &grant{clientID: id, accountID: c.s2s.AccountID, scopes: c.s2s.Scopes}
		return s.issue(g, false), nil

	case "authorization_code":
		if c.gen == nil {
			return nil, unsupported
		}
		if c.gen.Deactivated {
			return nil, notActivated
		}
		return s.exchangeCode(id, form)

	case "client_credentials":
		// An app-level token of a General app (its events socket): HTTP
		// Basic only, so a public client (no secret) cannot have one.
		if c.gen == nil {
			return nil, unsupported
		}
		if c.gen.ClientSecret == "" || r.Header.Get("Authorization") == "" {
			return nil, errInvalidClient
		}
		if c.gen.Deactivated {
			return nil, notActivated
		}
		g := &grant{clientID: id, scopes: c.gen.Scopes}
		return s.issue(g, false), nil

	case "refresh_token":
		if c.gen == nil {
			return nil, unsupported
		}
		if c.gen.Deactivated {
			return nil, notActivated
		}
		rt := form.Get("refresh_token")
		g := s.refresh[rt]
		if g == nil || g.revoked || g.clientID != id {
			return nil, oauthErr(http.StatusBadRequest, "invalid_grant", ReasonInvalidToken)
		}
		// Rotation: the old refresh token dies now. Access tokens already
		// issued keep working until they expire, as at Zoom.
		delete(s.refresh, rt)
		return s.issue(g, true), nil
	}
	return nil, unsupported
}

// exchangeCode redeems an authorization code; callers hold s.mu.
func (s *Server) exchangeCode(clientID string, form url.Values) (*tokenResponse, *oauthError) {
	badCode := oauthErr(http.StatusBadRequest, "invalid_grant", ReasonInvalidAuthCode)
	ac := s.codes[form.Get("code")]
	if ac == nil || ac.clientID != clientID {
		return nil, badCode
	}
	if ac.used {
		// A replayed code suggests it leaked: revoke what it produced
		// (RFC 6749 §4.1.2).
		if ac.grant != nil {
			s.revokeGrant(ac.grant)
		}
		return nil, badCode
	}
	// Any attempt burns the code, so a wrong verifier cannot be retried.
	ac.used = true
	if !s.now().Before(ac.expires) {
		return nil, badCode
	}
	if form.Get("redirect_uri") != ac.redirectURI {
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", ReasonRedirectMismatch)
	}
	verifier := form.Get("code_verifier")
	badVerifier := oauthErr(http.StatusBadRequest, "invalid_grant", ReasonInvalidCodeVerifier)
	switch {
	case ac.challenge == "":
		// A verifier without a challenge hints at a downgrade; refuse it.
		if verifier != "" {
			return nil, badVerifier
		}
	case !validVerifier(verifier):
		return nil, badVerifier
	case ac.method == "S256":
		sum := sha256.Sum256([]byte(verifier))
		if subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(ac.challenge)) != 1 {
			return nil, badVerifier
		}
	default: // plain
		if subtle.ConstantTimeCompare([]byte(verifier), []byte(ac.challenge)) != 1 {
			return nil, badVerifier
		}
	}
	g := &grant{clientID: clientID, userID: ac.userID, scopes: ac.scopes}
	ac.grant = g
	return s.issue(g, true), nil
}

// issue mints an access token (and optionally a refresh token) for g;
// callers hold s.mu.
func (s *Server) issue(g *grant, withRefresh bool) *tokenResponse {
	at := s.newSecret()
	s.access[at] = &accessToken{grant: g, expires: s.now().Add(s.tokenLifetime)}
	resp := &tokenResponse{
		AccessToken: at,
		TokenType:   "bearer",
		ExpiresIn:   int64(s.tokenLifetime.Seconds()),
		Scope:       strings.Join(g.scopes, " "),
		APIURL:      s.URL(),
	}
	if withRefresh {
		resp.RefreshToken = s.newSecret()
		s.refresh[resp.RefreshToken] = g
	}
	return resp
}

// revokeGrant kills every token of g; callers hold s.mu.
func (s *Server) revokeGrant(g *grant) {
	g.revoked = true
	for rt, rg := range s.refresh {
		if rg == g {
			delete(s.refresh, rt)
		}
	}
}

// ---- revoke endpoint ----

func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	form, ferr := readForm(w, r)
	if ferr != nil {
		s.writeOAuthError(w, ferr)
		return
	}
	if oerr := s.revoke(r, form); oerr != nil {
		s.writeOAuthError(w, oerr)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "success"})
}

func (s *Server) revoke(r *http.Request, form url.Values) *oauthError {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, _, err := s.authenticateClient(r, form)
	if err != nil {
		return err
	}
	tok := form.Get("token")
	if tok == "" {
		return oauthErr(http.StatusBadRequest, "invalid_request", ReasonMissingToken)
	}
	var g *grant
	if at := s.access[tok]; at != nil {
		g = at.grant
	} else {
		g = s.refresh[tok]
	}
	// An unknown token (e.g. already revoked) is success: RFC 7009 §2.2.
	// Another client's token is refused: RFC 7009 §2.1.
	if g != nil {
		if g.clientID != id {
			return oauthErr(http.StatusBadRequest, "invalid_request", ReasonInvalidToken)
		}
		s.revokeGrant(g)
	}
	s.stats.Revokes++
	return nil
}

// String returns the fault's name, e.g. "FaultHTML".
