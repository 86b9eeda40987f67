package access

// Pagination: next_page_token followed page after page, merged into one
// JSON document as the pages come, with the guards that end a listing
// that never ends.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"zoomconn/auth/zoom"
)

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
