package mcpallow

import (
	"errors"
	"strings"
	"testing"
)

func mustList(t *testing.T, rules ...string) List {
	t.Helper()
	l, err := Parse(SourceFlags, rules)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"GET /users/**", "GET /users/**", ""},
		{"post users/*/meetings", "POST /users/*/meetings", ""},
		{"  delete   /meetings/*  ", "DELETE /meetings/*", ""},
		{"* /**", "* /**", ""},
		{"GET /users/", "GET /users", ""},
		{"GET", "", "write a method and a path"},
		{"GET /a /b", "", "write a method and a path"},
		{"FETCH /users", "", "the method must be"},
		{"GET /users/a*", "", "whole segments"},
		{"GET /users/../accounts", "", ". or .."},
		{"GET /users//x", "", "empty segment"},
		{"GET /users/%2F", "", "encoded slash"},
		{"GET https://evil.example/users", "", "not a full URL"},
		{"GET /" + strings.Repeat("a", MaxRuleLen), "", "longer than"},
	} {
		r, err := ParseRule(tc.in)
		if tc.err != "" {
			var re *RuleError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseRule(%q) = %v, want an error with %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || r.Text != tc.want {
			t.Errorf("ParseRule(%q) = %q, %v; want %q", tc.in, r.Text, err, tc.want)
		}
	}
	if _, err := Parse(SourceFlags, nil); err == nil {
		t.Error("an empty list parsed; it would allow nothing")
	}
}

func TestCheck(t *testing.T) {
	def := Default()
	custom := mustList(t, "GET /users/**", "POST /users/*/meetings", "* /webinars/*")
	for _, tc := range []struct {
		name         string
		list         List
		method, path string
		allowed      bool
		nearest      string // the rule a refusal names, if any
	}{
		{"default GET", def, "GET", "/users/me", true, ""},
		{"default GET root", def, "get", "/", true, ""},
		{"default empty method is GET", def, "", "users", true, ""},
		{"default refuses POST", def, "POST", "/users/me/meetings", false, "GET /**"},
		{"default refuses DELETE", def, "DELETE", "/meetings/1", false, "GET /**"},
		{"** matches none", custom, "GET", "/users", true, ""},
		{"** matches many", custom, "GET", "/users/me/meetings/upcoming", true, ""},
		{"query ignored", custom, "GET", "/users/me?status=active", true, ""},
		{"* one segment", custom, "POST", "/users/me/meetings", true, ""},
		{"* not zero", custom, "POST", "/users/meetings", false, "GET /users/**"},
		{"* not two", custom, "POST", "/users/a/b/meetings", false, "GET /users/**"},
		{"method of path rule", custom, "DELETE", "/users/me", false, "GET /users/**"},
		{"any method", custom, "PATCH", "/webinars/9", true, ""},
		{"no rule", custom, "GET", "/accounts/me", false, ""},
		{"case-sensitive", custom, "GET", "/Users/me", false, ""},
		{"dot segment refused", def, "GET", "/users/../accounts", false, ""},
		{"encoded slash refused", def, "GET", "/users/a%2fb", false, ""},
		{"full URL refused", def, "GET", "https://evil.example/v2/users", false, ""},
	} {
		err := tc.list.Check(tc.method, tc.path)
		if tc.allowed {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var r *Refusal
		if !errors.As(err, &r) {
			t.Errorf("%s: allowed %s %s, want a refusal", tc.name, tc.method, tc.path)
			continue
		}
		if r.Nearest != tc.nearest {
			t.Errorf("%s: refusal names rule %q, want %q", tc.name, r.Nearest, tc.nearest)
		}
		if !strings.Contains(err.Error(), string(tc.list.Source)) && r.BadPath == "" {
			t.Errorf("%s: %q does not name the rule set", tc.name, err)
		}
	}
}

func TestRefusalNamesTheRule(t *testing.T) {
	err := Default().Check("POST", "/users/me/meetings")
	want := `POST /users/me/meetings is refused by the allow list default (read-only) (GET /**): the rule "GET /**" allows GET only.`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestBothNarrowsNeverWidens(t *testing.T) {
	stored, err := Parse(SourceStored, []string{"GET /users/**"})
	if err != nil {
		t.Fatal(err)
	}
	wide := mustList(t, "* /**")
	narrow := mustList(t, "GET /users/me")
	for _, tc := range []struct {
		name         string
		b            Both
		method, path string
		allowed      bool
		refusedBy    Source
	}{
		{"neither: default GET", Both{}, "GET", "/accounts", true, ""},
		{"neither: default refuses POST", Both{}, "POST", "/users", false, SourceDefault},
		{"flags alone widen the default", Both{Flags: &wide}, "POST", "/users", true, ""},
		{"stored alone", Both{Stored: &stored}, "GET", "/accounts", false, SourceStored},
		{"flags cannot widen the stored list", Both{Stored: &stored, Flags: &wide}, "POST", "/users", false, SourceStored},
		{"flags cannot widen the stored list's paths", Both{Stored: &stored, Flags: &wide}, "GET", "/accounts", false, SourceStored},
		{"flags narrow the stored list", Both{Stored: &stored, Flags: &narrow}, "GET", "/users/u1", false, SourceFlags},
		{"both allow", Both{Stored: &stored, Flags: &narrow}, "GET", "/users/me", true, ""},
	} {
		err := tc.b.Check(tc.method, tc.path)
		var r *Refusal
		switch {
		case tc.allowed && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.allowed && !errors.As(err, &r):
			t.Errorf("%s: allowed, want refused by %s", tc.name, tc.refusedBy)
		case !tc.allowed && r.Source != tc.refusedBy:
			t.Errorf("%s: refused by %s, want %s", tc.name, r.Source, tc.refusedBy)
		}
	}
	if got := (Both{Stored: &stored}).Describe(); got != "stored with the connection: GET /users/**" {
		t.Errorf("Describe = %q", got)
	}
}
