package console

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// zoomPaths are the common Zoom API endpoints the path entry suggests,
// relative to the API base, one a line.
//
//go:embed zoompaths.txt
var zoomPathsText string

func zoomPaths() []string { return strings.Fields(zoomPathsText) }

// suggestPaths are the known endpoints containing typed (all when none
// does).
func suggestPaths(typed string) []string {
	all := zoomPaths()
	typed = strings.ToLower(strings.Trim(strings.TrimSpace(typed), "/"))
	if typed == "" {
		return all
	}
	var out []string
	for _, p := range all {
		if strings.Contains(p, typed) && p != typed {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// consoleMethods are the methods the console offers.
var consoleMethods = []string{"GET", "POST", "PATCH", "PUT", "DELETE"}

// hasBody reports whether method sends the JSON body.
func hasBody(method string) bool { return method == "POST" || method == "PATCH" || method == "PUT" }

var placeholder = regexp.MustCompile(`\{[A-Za-z_]+\}`)

// parsePath reads what the user typed in the path entry: a path relative
// to base ("users/me", "/users/me?status=active") or a full URL under
// base. It returns the relative path and the query it carried.
func parsePath(typed, base string) (string, url.Values, error) {
	p := strings.TrimSpace(typed)
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		b := strings.TrimRight(base, "/")
		rest, ok := strings.CutPrefix(p, b)
		if !ok || rest != "" && rest[0] != '/' && rest[0] != '?' {
			return "", nil, fmt.Errorf("Only addresses under this connection's API base URL (%s) can be called: the token goes nowhere else.", b)
		}
		p = rest
	}
	p, rawQuery, _ := strings.Cut(p, "?")
	p = strings.Trim(p, "/")
	if p == "" {
		return "", nil, fmt.Errorf("Type the path to call, for example users/me.")
	}
	if m := placeholder.FindString(p); m != "" {
		return "", nil, fmt.Errorf("Replace %s in the path with a value.", m)
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "", nil, fmt.Errorf("The query in the path is not valid: %v", err)
	}
	return p, q, nil
}

// parseQuery reads the query fields: one key=value a line; blank lines and
// lines starting with # are skipped.
func parseQuery(text string, into url.Values) error {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return fmt.Errorf("Query line %d: write key=value.", i+1)
		}
		into.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	return nil
}

// requestURL is the full address of a request, as curl would call it:
// built by the same function the core's call uses.
func requestURL(base string, r Request) (string, error) {
	u, err := r.URL(base)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// parseBody checks the JSON body of a POST, PATCH or PUT.
func parseBody(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil, fmt.Errorf("The body is not valid JSON: %v", err)
	}
	return []byte(text), nil
}
