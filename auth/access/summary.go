package access

import (
	"encoding/json"
	"fmt"
	"strings"

	"zoomconn/internal/safetext"
)

// EventSummary is what a line of an event list says of an event: its
// name, and its topic and user or participant where the payload names
// them. Each is cleaned (untrusted text); a front-end still makes it
// visible for a terminal.
type EventSummary struct {
	Name    string   // "(unnamed event)" when it has none
	Details []string // `topic "Standup"`, "participant Ada", "user ada@example.com"
}

// String is the name and the details, two spaces apart: events listen's
// line after the time.
func (s EventSummary) String() string {
	return strings.Join(append([]string{s.Name}, s.Details...), "  ")
}

// SummarizeEvent summarises an event's JSON (events listen's lines, the
// app's Events window).
func SummarizeEvent(raw []byte) EventSummary {
	var ev struct {
		Event   string `json:"event"`
		Payload struct {
			Object map[string]any `json:"object"`
		} `json:"payload"`
	}
	_ = json.Unmarshal(raw, &ev)
	s := EventSummary{Name: safetext.Clean(ev.Event, 100)}
	if s.Name == "" {
		s.Name = "(unnamed event)"
	}
	str := func(m map[string]any, k string) string {
		v, _ := m[k].(string)
		return safetext.Clean(v, 100)
	}
	o := ev.Payload.Object
	if t := str(o, "topic"); t != "" {
		s.Details = append(s.Details, fmt.Sprintf("topic %q", t))
	}
	if p, ok := o["participant"].(map[string]any); ok {
		if u := firstOf(str(p, "user_name"), str(p, "email")); u != "" {
			s.Details = append(s.Details, "participant "+u)
		}
	} else if u := firstOf(str(o, "email"), strings.TrimSpace(str(o, "first_name")+" "+str(o, "last_name"))); u != "" {
		s.Details = append(s.Details, "user "+u)
	}
	return s
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
