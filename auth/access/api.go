package access

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/zoom"
)

// API calls with a connection's token: the token handling of Token (cache,
// refresh, lock), a fresh token once when Zoom rejects the cached one,
// rate-limit retries, the scope doctor and pagination.

// Rate-limit retries: at most maxRateRetries, waiting Retry-After when Zoom
// sends it, else 1, 2, 4 s; a wait longer than maxRateWait is reported, not
// waited for.
const (
	maxRateRetries = 3
	firstBackoff   = time.Second
	maxRateWait    = 60 * time.Second
)

// DefaultPageSize is the page_size --paginate asks for when the request
// names none: Zoom's maximum.
const DefaultPageSize = 300

// MaxPages is the most pages one paginated call follows: at 300 items a
// page, three million items, far beyond any real listing.
const MaxPages = 10_000

// APIOptions tunes [Service.API].
type APIOptions struct {
	// Paginate follows next_page_token and writes one merged JSON document
	// to Output: the array the pages share concatenated, the other fields
	// of the first page but those that describe one page (next_page_token,
	// page_count, page_number). Pages are not kept.
	Paginate bool
	Output   io.Writer
	// OnFirstPage, with Paginate, is called with the first page's answer
	// (its Body included) before anything is written to Output.
	OnFirstPage func(*Response)
	// OnPage, with Paginate, is told how far the call got each time a
	// page has been merged; it is called on the call's goroutine.
	OnPage func(PageProgress)
	// OnNotice is told what the call is doing, e.g. "rate limited (Light,
	// QPS), retrying in 2 s"; nil means silence.
	OnNotice func(string)
}

// PageProgress is how far a paginated call got: the pages merged so far,
// the items of the list they share that the merged document holds, and
// that list's name ("users"; "" when the answer is no list).
type PageProgress struct {
	Pages, Items int
	List         string
}

// RateLimitError says Zoom limited the rate of requests and the call was
// given up: a daily limit (never retried), retries used up, or a
// Retry-After too long to wait.
type RateLimitError struct {
	Category, Type string // Zoom's X-RateLimit-Category and X-RateLimit-Type
	Daily          bool
	Retries        int           // retries made before giving up
	Wait           time.Duration // the Retry-After not waited for, if that is why
	Err            *zoom.Error
}

func (e *RateLimitError) Error() string {
	what := rateDesc(e.Category, e.Type)
	switch {
	case e.Daily:
		return fmt.Sprintf("Zoom's daily rate limit%s for this API is used up, so the call was not retried. Daily limits reset at 00:00 UTC; the limit is shared by every app of the account.", what)
	case e.Wait > 0:
		return fmt.Sprintf("Zoom limited the rate of requests%s and asked to wait %s, longer than a call waits (%s); try again then.", what, e.Wait.Round(time.Second), maxRateWait)
	}
	return fmt.Sprintf("Zoom still limited the rate of requests%s after %d retries; try again in a minute (the limits are shared by every app of the account).", what, e.Retries)
}

func (e *RateLimitError) Unwrap() error { return e.Err }

// rateDesc is " (Light, QPS)" from what Zoom sent, or "".
func rateDesc(category, typ string) string {
	var parts []string
	for _, s := range []string{category, typ} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// ScopeError is the scope doctor's finding on Zoom's error 4711: the call
// needs one of Need, the connection's token grants Granted.
type ScopeError struct {
	Connection string
	ConnType   auth.AuthType
	Need       []string
	Granted    []string
	// UserLevel is an OAuth 2.0 connection: it acts for one user, and a
	// user-managed app gets no :admin scopes.
	UserLevel bool
	Err       *zoom.Error
}

// AdminOnly reports whether every scope the call accepts is an :admin one.
func (e *ScopeError) AdminOnly() bool {
	if len(e.Need) == 0 {
		return false
	}
	for _, s := range e.Need {
		if !strings.HasSuffix(s, ":admin") {
			return false
		}
	}
	return true
}

func (e *ScopeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "This call needs a scope the token lacks, one of: %s.", strings.Join(e.Need, ", "))
	if len(e.Granted) == 0 {
		fmt.Fprintf(&b, " The token of %q grants no scopes.", e.Connection)
	} else {
		fmt.Fprintf(&b, " The token of %q grants: %s.", e.Connection, strings.Join(e.Granted, ", "))
	}
	if e.UserLevel && e.AdminOnly() {
		b.WriteString(" User-managed apps get no :admin scopes: this call needs an admin-managed app or a Server-to-Server connection.")
	}
	b.WriteString(" Add one of them in the Zoom App Marketplace under the app's Scopes, then ")
	if e.ConnType == auth.AuthS2S {
		b.WriteString("simply run it again (a new token carries the new scopes).")
	} else {
		b.WriteString("authorize the connection again (a token keeps the scopes it was issued with).")
	}
	return b.String()
}

func (e *ScopeError) Unwrap() error { return e.Err }

// API makes one API call with the named connection's token; see [Request]
// for the request. Token handling is [Service.Token]'s. When Zoom rejects
// the token (401, code 124), a fresh one is fetched and the call retried
// once. A 429 is retried up to three times after Retry-After (else 1, 2,
// 4 s), except a daily limit. Error 4711 becomes a [*ScopeError], after one
// retry with a fresh token for a Server-to-Server connection.
//
// A non-2xx answer returns the Response together with the error. With
// opts.Paginate the merged document goes to opts.Output and the returned
// Response is the first page's, without Body.
func (sv *Service) API(ctx context.Context, name string, req Request, opts APIOptions) (*Response, error) {
	r, err := sv.resolve(name)
	if err != nil {
		return nil, err
	}
	c := &apiCall{sv: sv, r: r, opts: opts}
	var notSaved *RefreshTokenNotSavedError
	c.tok, err = sv.token(ctx, r, "")
	if errors.As(err, &notSaved) && c.tok != nil {
		c.tokErr = err // the token is valid for this call; say so at the end
	} else if err != nil {
		return nil, err
	}
	var resp *zoom.Response
	if opts.Paginate {
		resp, err = c.paginate(ctx, req.zoom())
	} else {
		resp, err = c.do(ctx, req.zoom())
	}
	if err == nil {
		err = c.tokErr
	}
	return responseOf(resp), err
}

type apiCall struct {
	sv   *Service
	r    *resolved
	opts APIOptions
	tok  *Token
	// tokErr is a RefreshTokenNotSavedError of a token still used.
	tokErr error
	// Each is done at most once per API call.
	refetchedRejected, refetchedScopes bool
}

func (c *apiCall) notice(format string, args ...any) {
	if c.opts.OnNotice != nil {
		c.opts.OnNotice(fmt.Sprintf(format, args...))
	}
}

// fresh replaces the token with a new one, never the one just used.
func (c *apiCall) fresh(ctx context.Context) error {
	tok, err := c.sv.token(ctx, c.r, c.tok.AccessToken)
	var notSaved *RefreshTokenNotSavedError
	if errors.As(err, &notSaved) && tok != nil {
		c.tokErr, err = err, nil
	}
	if err != nil {
		return err
	}
	c.tok = tok
	return nil
}

// do makes one request with the retries API promises.
func (c *apiCall) do(ctx context.Context, req zoom.Request) (*zoom.Response, error) {
	for retries := 0; ; {
		base := c.r.apiBase(c.tok)
		resp, err := c.sv.zoom().Do(ctx, base, c.tok.AccessToken, req)
		if err != nil {
			return nil, err
		}
		ze := resp.Explain()
		switch {
		case ze == nil:
			return resp, nil
		case ze.Kind == zoom.KindMissingScopes && c.r.conn.Type == auth.AuthS2S && !c.refetchedScopes:
			// Scopes are fixed when a token is issued, and the user may
			// just have added the one missing.
			c.refetchedScopes = true
			if err := c.fresh(ctx); err != nil {
				return resp, err
			}
		case ze.Kind == zoom.KindMissingScopes:
			return resp, &ScopeError{
				Connection: c.r.conn.Name, ConnType: c.r.conn.Type,
				Need: ze.Scopes, Granted: c.tok.Scopes(),
				UserLevel: c.r.conn.Type == auth.AuthOAuth, Err: ze,
			}
		case ze.Kind == zoom.KindInvalidToken && resp.Status == 401 && !c.refetchedRejected:
			c.refetchedRejected = true
			if err := c.fresh(ctx); err != nil {
				return resp, err
			}
		case ze.Kind == zoom.KindRateLimited:
			rl := resp.RateLimit
			rerr := &RateLimitError{Category: rl.Category, Type: rl.Type, Daily: rl.Daily(), Retries: retries, Err: ze}
			if rerr.Daily || retries >= maxRateRetries {
				return resp, rerr
			}
			wait := firstBackoff << retries
			if rl.HasRetry {
				wait = rl.Retry
			}
			if wait > maxRateWait {
				rerr.Wait = wait
				return resp, rerr
			}
			c.notice("rate limited%s, retrying in %d s", rateDesc(rl.Category, rl.Type), int(math.Ceil(wait.Seconds())))
			if err := c.sv.sleep(ctx, wait); err != nil {
				return resp, err
			}
			retries++
		default:
			return resp, ze
		}
	}
}

func withoutBody(r *zoom.Response) *zoom.Response {
	if r == nil {
		return nil
	}
	cp := *r
	cp.Body = nil
	return &cp
}
