package access

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
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

// paginate follows next_page_token, streaming one merged document to
// opts.Output.
func (c *apiCall) paginate(ctx context.Context, req zoom.Request) (*zoom.Response, error) {
	if m := strings.ToUpper(req.Method); m != "" && m != "GET" {
		return nil, &zoom.Error{Kind: zoom.KindBadRequest, Message: "Pagination follows next_page_token of GET requests only."}
	}
	q := url.Values{}
	for k, v := range req.Query {
		q[k] = v
	}
	if p, err := url.Parse(req.Path); err == nil && !p.Query().Has("page_size") && !q.Has("page_size") {
		q.Set("page_size", fmt.Sprint(DefaultPageSize))
	}
	req.Query = q
	req.ReadInto = &bytes.Buffer{} // one buffer for every page: each is written out before the next
	w := c.opts.Output
	if w == nil {
		w = io.Discard
	}
	var first *zoom.Response
	var arrayKey string
	items := 0
	progress := func(page int) {
		if c.opts.OnPage != nil {
			c.opts.OnPage(PageProgress{Pages: page, Items: items, List: arrayKey})
		}
	}
	seen := map[string]int{} // each next_page_token of this call: the page that sent it
	wrote := false           // an item went out: a comma goes before the next
	for page := 1; ; page++ {
		resp, err := c.do(ctx, req)
		if page == 1 {
			if resp != nil && c.opts.OnFirstPage != nil {
				c.opts.OnFirstPage(responseOf(resp))
			}
			if err != nil {
				return resp, err
			}
			first = resp
		} else if err != nil {
			return nil, fmt.Errorf("page %d: %w", page, err)
		}
		fields, ok := topFields(resp.Body)
		if page == 1 {
			arrayKey = sharedArray(fields)
			if !ok || arrayKey == "" {
				// Not a list: nothing to follow.
				_, err := w.Write(resp.Body)
				arrayKey = ""
				progress(page)
				return withoutBody(first), err
			}
			if err := writeHead(w, fields, arrayKey); err != nil {
				return nil, err
			}
		} else if !ok {
			return nil, &zoom.Error{Kind: zoom.KindBadResponse, Message: fmt.Sprintf("Page %d of the answer is not a JSON object.", page)}
		}
		var next string
		for _, f := range fields {
			switch f.key {
			case arrayKey:
				n, err := writeItems(w, f.value, &wrote)
				if err != nil {
					return nil, err
				}
				items += n
			case "next_page_token":
				_ = json.Unmarshal(f.value, &next)
			}
		}
		progress(page)
		// A token seen before would loop (A, B, A, B…): end the document
		// with the pages so far, and say so.
		var loop error
		if sentBy, repeated := seen[next]; repeated {
			loop = &PageLoopError{Page: page, FirstSentBy: sentBy}
		} else if next != "" && page >= MaxPages {
			loop = &PageLoopError{Page: page}
		}
		if next == "" || loop != nil {
			if _, err := io.WriteString(w, "]}"); err != nil {
				return nil, err
			}
			return withoutBody(first), loop
		}
		seen[next] = page
		q.Set("next_page_token", next)
	}
}

// field is one member of a JSON object.
type field struct {
	key   string
	value json.RawMessage
}

// topFields reads a JSON object's members in order. The values are slices
// of body, not copies: a page is read once and written out from where it
// lies, so paginating keeps about one page in memory.
func topFields(body []byte) ([]field, bool) {
	if !json.Valid(body) {
		return nil, false
	}
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return nil, false
	}
	var out []field
	for i = skipSpace(body, i+1); i < len(body) && body[i] != '}'; {
		end := skipValue(body, i) // the key: a string
		var key string
		if json.Unmarshal(body[i:end], &key) != nil {
			return nil, false
		}
		i = skipSpace(body, end) + 1 // past ':'
		i = skipSpace(body, i)
		end = skipValue(body, i)
		out = append(out, field{key, json.RawMessage(body[i:end])})
		if i = skipSpace(body, end); i < len(body) && body[i] == ',' {
			i = skipSpace(body, i+1)
		}
	}
	return out, i < len(body) && skipSpace(body, i+1) == len(body)
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns where the JSON value starting at b[i] ends. b is known
// to be valid JSON (json.Valid), so only strings and nesting need care.
func skipValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 {
				return i
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// sharedArray is the member holding the page's items: the only array, or
// the first non-empty one.
func sharedArray(fields []field) string {
	var arrays []field
	for _, f := range fields {
		if v := bytes.TrimSpace(f.value); len(v) > 0 && v[0] == '[' {
			arrays = append(arrays, f)
		}
	}
	if len(arrays) == 0 {
		return ""
	}
	for _, f := range arrays {
		if len(arrayInner(f.value)) > 0 {
			return f.key
		}
	}
	return arrays[0].key
}

func arrayInner(raw json.RawMessage) []byte {
	v := bytes.TrimSpace(raw)
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil
	}
	return bytes.TrimSpace(v[1 : len(v)-1])
}

// pageFields are the members that describe one page, not the merged
// document: it has no next page, is no page of a count.
var pageFields = map[string]bool{"next_page_token": true, "page_count": true, "page_number": true}

// writeHead writes the first page's other members, but those that
// describe that page only (pageFields), and opens the array.
func writeHead(w io.Writer, fields []field, arrayKey string) error {
	var b bytes.Buffer
	b.WriteByte('{')
	for _, f := range fields {
		if f.key == arrayKey || pageFields[f.key] {
			continue
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(bytes.TrimSpace(f.value))
		b.WriteByte(',')
	}
	k, _ := json.Marshal(arrayKey)
	b.Write(k)
	b.WriteString(":[")
	_, err := w.Write(b.Bytes())
	return err
}

// writeItems writes an array's items, after a comma when *wrote says
// items were written before, and notes that it wrote some. It returns
// how many items it wrote.
func writeItems(w io.Writer, raw json.RawMessage, wrote *bool) (int, error) {
	if v := bytes.TrimSpace(raw); len(v) == 0 || v[0] != '[' {
		if string(v) == "null" || len(v) == 0 {
			return 0, nil
		}
		return 0, &zoom.Error{Kind: zoom.KindBadResponse, Message: "A page of the answer holds something else than a list where the first page had one."}
	}
	inner := arrayInner(raw)
	if len(inner) == 0 {
		return 0, nil
	}
	if *wrote {
		if _, err := w.Write([]byte{','}); err != nil {
			return 0, err
		}
	}
	*wrote = true
	_, err := w.Write(inner)
	return countItems(inner), err
}

// countItems is how many values the inside of a JSON array (valid JSON,
// without its brackets) holds.
func countItems(inner []byte) int {
	n := 0
	for i := skipSpace(inner, 0); i < len(inner); n++ {
		i = skipSpace(inner, skipValue(inner, i))
		if i < len(inner) && inner[i] == ',' {
			i = skipSpace(inner, i+1)
		}
	}
	return n
}

func withoutBody(r *zoom.Response) *zoom.Response {
	if r == nil {
		return nil
	}
	cp := *r
	cp.Body = nil
	return &cp
}
