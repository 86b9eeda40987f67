package webhook

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

//go:embed samples/*.json
var samples embed.FS

// Events lists the bundled sample events, sorted.
func Events() []string {
	entries, _ := samples.ReadDir("samples")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(out)
	return out
}

// UnknownEventError: no sample is bundled for Event.
type UnknownEventError struct {
	Event string
	Known []string
}

func (e *UnknownEventError) Error() string {
	return fmt.Sprintf("no sample of the event %q is bundled (there are: %s)", e.Event, strings.Join(e.Known, ", "))
}

// Sample is the bundled sample of event, shaped as Zoom's docs show it
// ({"event", "event_ts", "payload": {"account_id", "object"…}}), with
// event_ts set to now in milliseconds. An event with no sample is an
// [*UnknownEventError].
func Sample(event string, now time.Time) ([]byte, error) {
	if strings.ContainsAny(event, `/\`) || event == "" {
		return nil, &UnknownEventError{Event: event, Known: Events()}
	}
	raw, err := samples.ReadFile("samples/" + event + ".json")
	if err != nil {
		return nil, &UnknownEventError{Event: event, Known: Events()}
	}
	return Set(raw, "event_ts", strconv.FormatInt(now.UnixMilli(), 10))
}

// FieldError says why Set could not set a field.
type FieldError struct {
	Path   string
	Reason string
}

func (e *FieldError) Error() string { return fmt.Sprintf("cannot set %q: %s", e.Path, e.Reason) }

// Set returns body (a JSON object) with the field at the dotted path set
// to value, creating the objects on the way; a number segment indexes an
// array ("payload.object.recording_files.0.status"). The value keeps the
// kind of the field it replaces when it can (a number stays a number, a
// boolean a boolean; "null" is null); otherwise, or for a new field, it is
// a string. The result is compact JSON with its keys sorted.
func Set(body []byte, path, value string) ([]byte, error) {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, &FieldError{Path: path, Reason: "the event is not JSON"}
	}
	if _, ok := doc.(map[string]any); !ok {
		return nil, &FieldError{Path: path, Reason: "the event is not a JSON object"}
	}
	segs := strings.Split(path, ".")
	for _, s := range segs {
		if s == "" {
			return nil, &FieldError{Path: path, Reason: "the path has an empty part"}
		}
	}
	cur := doc
	for i, s := range segs {
		last := i == len(segs)-1
		switch node := cur.(type) {
		case map[string]any:
			if last {
				node[s] = typed(node[s], value)
				break
			}
			next, ok := node[s]
			if !ok || next == nil {
				next = map[string]any{}
				node[s] = next
			}
			cur = next
		case []any:
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n >= len(node) {
				return nil, &FieldError{Path: path, Reason: fmt.Sprintf("%q is not an index of %s (it has %d items)", s, strings.Join(segs[:i], "."), len(node))}
			}
			if last {
				node[n] = typed(node[n], value)
				break
			}
			cur = node[n]
		default:
			return nil, &FieldError{Path: path, Reason: strings.Join(segs[:i], ".") + " is not an object"}
		}
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, &FieldError{Path: path, Reason: err.Error()}
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), nil
}

// typed is value as the kind of old where it parses as one.
func typed(old any, value string) any {
	if value == "null" {
		return nil
	}
	switch old.(type) {
	case json.Number:
		if _, err := strconv.ParseFloat(value, 64); err == nil {
			return json.Number(value)
		}
	case bool:
		if b, err := strconv.ParseBool(value); err == nil {
			return b
		}
	}
	return value
}

// EventName is the "event" field of body, or "" when it has none.
func EventName(body []byte) string {
	var e struct {
		Event string `json:"event"`
	}
	_ = json.Unmarshal(body, &e)
	return e.Event
}
