// Package mcpallow is the allow list of `mcp serve`: which Zoom API calls
// an AI agent may make through a connection. It is pure (no I/O, no
// storage): rules are parsed and matched here; where a list is kept and
// which list applies are the workflow's.
//
// A rule is "METHOD PATTERN": METHOD is an HTTP method or * (any), PATTERN
// a path of segments where * stands for exactly one segment and ** for any
// number (none included), e.g. "GET /users/**" or "POST /users/*/meetings".
// Matching is exact otherwise (case-sensitive), on the path alone: a query
// never changes what a call may do.
package mcpallow

import (
	"fmt"
	"net/url"
	"strings"
)

// DefaultRule is the rule of the default list: read-only, any GET.
const DefaultRule = "GET /**"

// MaxRules bounds a list; MaxRuleLen one rule's text.
const (
	MaxRules   = 100
	MaxRuleLen = 512
)

// Source says where a list came from; a refusal names it.
type Source string

// Sources of a list.
const (
	SourceDefault = Source("default (read-only)")
	SourceStored  = Source("stored with the connection")
	SourceFlags   = Source("given on the command line")
)

// Rule is one parsed rule.
type Rule struct {
	Method   string   // upper case, or "*"
	Segments []string // the pattern's segments, "*" and "**" included
	Text     string   // the rule as written, normalised: "GET /users/**"
}

// List is an allow list: a call is allowed when one rule matches it.
type List struct {
	Source Source
	Rules  []Rule
}

// methods are the HTTP methods a rule may name.
var methods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "*": true}

// RuleError says why a rule does not parse.
type RuleError struct {
	Rule   string // as given (cut to MaxRuleLen)
	Reason string
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("allow rule %q: %s", e.Rule, e.Reason)
}

// ParseRule parses one rule: "GET /users/**", "post /users/*/meetings".
func ParseRule(text string) (Rule, error) {
	bad := func(reason string) (Rule, error) {
		shown := text
		if len(shown) > MaxRuleLen {
			shown = shown[:MaxRuleLen]
		}
		return Rule{}, &RuleError{Rule: shown, Reason: reason}
	}
	if len(text) > MaxRuleLen {
		return bad(fmt.Sprintf("longer than %d characters", MaxRuleLen))
	}
	fields := strings.Fields(text)
	if len(fields) != 2 {
		return bad("write a method and a path, such as \"GET /users/**\"")
	}
	m := strings.ToUpper(fields[0])
	if !methods[m] {
		return bad("the method must be GET, POST, PUT, PATCH, DELETE or *")
	}
	segs, err := splitPath(fields[1])
	if err != "" {
		return bad(err)
	}
	for _, s := range segs {
		if strings.Contains(s, "*") && s != "*" && s != "**" {
			return bad("* and ** stand for whole segments only (/users/*, not /users/a*)")
		}
	}
	return Rule{Method: m, Segments: segs, Text: m + " /" + strings.Join(segs, "/")}, nil
}

// Parse parses rules given on the command line or stored (source says
// which). An empty list is refused: it would allow nothing.
func Parse(source Source, rules []string) (List, error) {
	if len(rules) == 0 {
		return List{}, &RuleError{Reason: "an allow list needs at least one rule"}
	}
	if len(rules) > MaxRules {
		return List{}, &RuleError{Reason: fmt.Sprintf("an allow list holds at most %d rules", MaxRules)}
	}
	l := List{Source: source}
	for _, t := range rules {
		r, err := ParseRule(t)
		if err != nil {
			return List{}, err
		}
		l.Rules = append(l.Rules, r)
	}
	return l, nil
}

// Default is the read-only list: GET anything.
func Default() List {
	r, _ := ParseRule(DefaultRule)
	return List{Source: SourceDefault, Rules: []Rule{r}}
}

// Texts are the list's rules as text.
func (l List) Texts() []string {
	out := make([]string, len(l.Rules))
	for i, r := range l.Rules {
		out[i] = r.Text
	}
	return out
}

// Refusal says a call is outside a list: the list (its source and rules)
// and, when a rule matched the path but not the method, that rule.
type Refusal struct {
	Method, Path string
	Source       Source
	Rules        []string
	// Nearest is a rule whose path matched but whose method did not; ""
	// when no rule's path matched.
	Nearest string
	// BadPath, if set, is why the path itself was refused (.., encoded
	// slashes…), before any rule was looked at.
	BadPath string
}

func (e *Refusal) Error() string {
	if e.BadPath != "" {
		return fmt.Sprintf("%s %s is refused: the path %s.", e.Method, e.Path, e.BadPath)
	}
	list := fmt.Sprintf("the allow list %s (%s)", e.Source, strings.Join(e.Rules, ", "))
	if e.Nearest != "" {
		return fmt.Sprintf("%s %s is refused by %s: the rule %q allows %s only.", e.Method, e.Path, list, e.Nearest, strings.Fields(e.Nearest)[0])
	}
	return fmt.Sprintf("%s %s is refused by %s: no rule allows it.", e.Method, e.Path, list)
}

// Check returns nil when the list allows method on path (a path relative
// to the API base, with or without a query), else a [*Refusal].
func (l List) Check(method, path string) error {
	method = strings.ToUpper(strings.TrimSpace(method))
	if method == "" {
		method = "GET"
	}
	p, _, _ := strings.Cut(path, "?")
	segs, bad := splitPath(p)
	shown := "/" + strings.Join(segs, "/")
	if bad != "" {
		return &Refusal{Method: method, Path: p, Source: l.Source, Rules: l.Texts(), BadPath: bad}
	}
	nearest := ""
	for _, r := range l.Rules {
		if !match(r.Segments, segs) {
			continue
		}
		if r.Method == "*" || r.Method == method {
			return nil
		}
		if nearest == "" {
			nearest = r.Text
		}
	}
	return &Refusal{Method: method, Path: shown, Source: l.Source, Rules: l.Texts(), Nearest: nearest}
}

// splitPath splits a path into its segments, or says why it cannot be
// matched safely: a path the server would read otherwise than the rules
// do (dot segments, encoded slashes or backslashes, empty segments) is
// refused rather than guessed at.
func splitPath(p string) ([]string, string) {
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	if strings.ContainsAny(p, "\\#") || strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, "holds spaces, control characters, # or backslashes"
	}
	if strings.Contains(p, "://") {
		return nil, "must be a path under the API base, not a full URL"
	}
	lower := strings.ToLower(p)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%2e") || strings.Contains(lower, "%00") {
		return nil, "holds an encoded slash, backslash, dot or NUL"
	}
	if _, err := url.PathUnescape(p); err != nil {
		return nil, "holds a bad %-escape"
	}
	segs := strings.Split(strings.TrimSuffix(p[1:], "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		return []string{}, ""
	}
	for _, s := range segs {
		switch s {
		case "":
			return nil, "holds an empty segment (//)"
		case ".", "..":
			return nil, "holds a . or .. segment"
		}
	}
	return segs, ""
}

// match reports whether pattern matches segs; ** matches any number of
// segments, * exactly one.
func match(pattern, segs []string) bool {
	if len(pattern) == 0 {
		return len(segs) == 0
	}
	switch pattern[0] {
	case "**":
		for i := 0; i <= len(segs); i++ {
			if match(pattern[1:], segs[i:]) {
				return true
			}
		}
		return false
	case "*":
		return len(segs) > 0 && match(pattern[1:], segs[1:])
	}
	return len(segs) > 0 && segs[0] == pattern[0] && match(pattern[1:], segs[1:])
}

// Both is a pair of lists a call must pass: the stored list and the one
// given on the command line. Either may be nil; with neither, the default
// applies. The stored list can therefore never be widened by flags, only
// narrowed.
type Both struct {
	Stored, Flags *List
}

// Check returns the first refusal of the lists that apply.
func (b Both) Check(method, path string) error {
	if b.Stored == nil && b.Flags == nil {
		return Default().Check(method, path)
	}
	for _, l := range []*List{b.Stored, b.Flags} {
		if l == nil {
			continue
		}
		if err := l.Check(method, path); err != nil {
			return err
		}
	}
	return nil
}

// Describe is the rule sets that apply, for people: "stored with the
// connection: GET /users/**; given on the command line: GET /**".
func (b Both) Describe() string {
	if b.Stored == nil && b.Flags == nil {
		d := Default()
		return string(d.Source) + ": " + strings.Join(d.Texts(), ", ")
	}
	var parts []string
	for _, l := range []*List{b.Stored, b.Flags} {
		if l != nil {
			parts = append(parts, string(l.Source)+": "+strings.Join(l.Texts(), ", "))
		}
	}
	return strings.Join(parts, "; ")
}
