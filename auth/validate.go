package auth

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"
)

// Field names used in validation messages; they are the seed's labels so a
// message points at what the user sees.
const (
	FieldConnName     = "Name your connection"
	FieldAuthType     = "Auth type"
	FieldAccountID    = "Account ID"
	FieldClientID     = "Client ID"
	FieldClientSecret = "Client secret"
	FieldOAuthClient  = "OAuth 2.0 client"
	FieldClientName   = "Name"
	FieldPort         = "Port"
	FieldEndpoints    = "Endpoints"
	FieldAuthorizeURL = "Authorize URL"
	FieldTokenURL     = "Token URL"
	FieldRevokeURL    = "Revoke URL"
	FieldAPIURL       = "API base URL"
	FieldEventsURL    = "Events URL"
	FieldMCPURL       = "MCP URL"
)

const (
	maxNameRunes    = 100
	maxIDLen        = 256
	maxSecretLen    = 2048
	minFixedPort    = 1024
	maxFixedPort    = 65535
	trimmedNotice   = "The client secret had spaces or line breaks around it; they were removed before saving."
	secretNeededFmt = "%s is required%s."
)

// FieldError is a problem with one input field. Message is a full sentence
// for the user that names the field.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Message }

// ValidationError lists every field problem of one input. Nothing was changed.
type ValidationError struct {
	Fields []*FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Message
	}
	return strings.Join(msgs, " ")
}

// For returns the message for field, or "" when that field is fine.
func (e *ValidationError) For(field string) string {
	if e == nil {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

type fieldErrors []*FieldError

func (fe *fieldErrors) add(field, format string, args ...any) {
	*fe = append(*fe, &FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (fe fieldErrors) err() error {
	if len(fe) == 0 {
		return nil
	}
	return &ValidationError{Fields: fe}
}

func isControlOrSpace(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }

// checkName validates a display name and returns it as stored: through
// the PRECIS Nickname profile (RFC 8266), which maps full-width letters and
// unusual spaces to plain ones. Format characters (zero-width, bidi) are
// refused rather than mapped, so what the user typed is what they see.
// taken returns the existing name of another item that looks the same.
func (fe *fieldErrors) checkName(field, name string, taken func(string) (string, bool)) string {
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		fe.add(field, "%s is required.", field)
	case !utf8.ValidString(name):
		fe.add(field, "%s must be valid text.", field)
	case n > maxNameRunes:
		fe.add(field, "%s must be at most %d characters (it has %d).", field, maxNameRunes, n)
	case strings.ContainsFunc(name, unicode.IsControl):
		fe.add(field, "%s must not contain control characters such as tabs or line breaks.", field)
	case strings.ContainsFunc(name, isFormatRune):
		fe.add(field, "%s must not contain invisible characters such as zero-width spaces or text-direction marks (it has %s); type the name again.", field, firstFormatRune(name))
	default:
		stored, err := precis.Nickname.String(name)
		if err != nil {
			fe.add(field, "%s contains a character that cannot be used in a name%s; use letters, digits, spaces and punctuation.", field, badNameRune(name))
			return name
		}
		if n := utf8.RuneCountInString(stored); n > maxNameRunes {
			fe.add(field, "%s must be at most %d characters once written in plain letters (it has %d).", field, maxNameRunes, n)
			return name
		}
		if other, ok := taken(stored); ok {
			if strings.EqualFold(other, name) {
				fe.add(field, "%s: %q is already used; pick a name you can tell apart.", field, name)
			} else {
				fe.add(field, "%s: %q looks the same as the existing %q; pick a name you can tell apart.", field, name, other)
			}
		}
		return stored
	}
	return name
}

// firstFormatRune names the first format character of s, e.g. "U+202E".
func firstFormatRune(s string) string {
	i := strings.IndexFunc(s, isFormatRune)
	r, _ := utf8.DecodeRuneInString(s[i:])
	return fmt.Sprintf("U+%04X", r)
}

// badNameRune names the first character the profile refuses on its own,
// as " (U+XXXX)", or "" when only a combination is refused.
func badNameRune(s string) string {
	for _, r := range s {
		if _, err := precis.Nickname.String(string(r)); err != nil && !unicode.IsSpace(r) {
			return fmt.Sprintf(" (U+%04X)", r)
		}
	}
	return ""
}

// checkID validates a Zoom account or client ID: visible ASCII only, so a
// pasted zero-width space or smart quote is caught here and not by Zoom.
func (fe *fieldErrors) checkID(field, id string) {
	switch {
	case id == "":
		fe.add(field, "%s is required.", field)
	case len(id) > maxIDLen:
		fe.add(field, "%s must be at most %d characters.", field, maxIDLen)
	case strings.ContainsFunc(id, func(r rune) bool { return r < 0x21 || r > 0x7e }):
		fe.add(field, "%s must contain only visible characters, without spaces; copy it again from the Zoom App Marketplace.", field)
	}
}

// checkSecret trims a typed secret. required says whether an empty value is
// an error, and why (a suffix for the message).
func (fe *fieldErrors) checkSecret(secret string, required bool, why string, notices *[]string) string {
	trimmed := strings.TrimSpace(secret)
	if trimmed != secret && trimmed != "" {
		*notices = append(*notices, trimmedNotice)
	}
	switch {
	case trimmed == "" && required:
		fe.add(FieldClientSecret, secretNeededFmt, FieldClientSecret, why)
	case len(trimmed) > maxSecretLen:
		fe.add(FieldClientSecret, "%s is too long (%d bytes; at most %d).", FieldClientSecret, len(trimmed), maxSecretLen)
	case strings.ContainsFunc(trimmed, unicode.IsControl):
		fe.add(FieldClientSecret, "%s must not contain control characters or line breaks.", FieldClientSecret)
	}
	return trimmed
}
