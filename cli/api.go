package cli

// zoomconn api: one Zoom API call with a connection's token, like `gh api`.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"

	"zoomconn/auth/access"
	"zoomconn/internal/safetext"
)

// apiField is one -f (string) or -F (typed) key=value, in command-line
// order.
type apiField struct {
	key, value string
	typed      bool
}

type fieldFlag struct {
	fields *[]apiField
	typed  bool
}

func (f fieldFlag) String() string { return "" }

func (f fieldFlag) Type() string { return "key=value" }

func (f fieldFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not key=value", s)
	}
	*f.fields = append(*f.fields, apiField{k, v, f.typed})
	return nil
}

type headerFlag struct{ h http.Header }

func (f headerFlag) String() string { return "" }

func (f headerFlag) Type() string { return "'Name: value'" }

func (f headerFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, ":")
	k = strings.TrimSpace(k)
	if !ok || k == "" || strings.ContainsAny(k, " \t") {
		return fmt.Errorf("%q is not 'Name: value'", s)
	}
	if strings.EqualFold(k, "Authorization") {
		return errors.New("an Authorization header cannot be given: zoomconn sends the connection's access token itself")
	}
	f.h.Add(k, strings.TrimSpace(v))
	return nil
}

// APIOptions are api's arguments and flags, in gh api's spellings.
type APIOptions struct {
	Env        *Env
	Name, Path string
	Method     string
	Fields     []apiField // -f and -F, in command-line order
	Header     http.Header
	Include    bool
	Input, JQ  string
	Paginate   bool

	ctx context.Context
}

// NewCmdAPI is `zoomconn api NAME PATH`; runF, if not nil, is called
// instead of the command's work.
func NewCmdAPI(e *Env, runF func(*APIOptions) error) *cobra.Command {
	opts := &APIOptions{Env: e, Header: http.Header{}}
	c := &cobra.Command{
		Use: "api NAME PATH", Short: "Call the Zoom API with NAME's token", GroupID: "use",
		Long: "Call the Zoom API with NAME's token, like `gh api`. PATH is relative to the connection's API base (/users/me or users/me, " +
			"with or without a query); a full URL only on the connection's own API server. The body goes to stdout, pretty on a terminal. " +
			"Exit 0 on 2xx; otherwise 1 with a sentence on stderr and Zoom's body still on stdout.",
		Example: "  zoomconn api Reports /users/me\n" +
			"  zoomconn api Reports /users -X GET -f status=active -F page_size=50\n" +
			"  zoomconn api Reports /users/me/meetings -f topic=Standup -F duration=15 -F 'settings[join_before_host]=true'\n" +
			"  zoomconn api Reports /users/me -i -H 'Accept-Language: de'\n" +
			"  zoomconn api Reports /users --paginate --jq '.users[].email'",
		Args:              e.exactArgs(2, connectionName),
		ValidArgsFunction: e.completeAPI,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.Path, opts.ctx = args[0], args[1], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, callAPI)
		},
	}
	fs := c.Flags()
	fs.StringVarP(&opts.Method, "method", "X", "", "the HTTP `METHOD` (default GET, or POST when fields or --input are given)")
	fs.VarP(fieldFlag{&opts.Fields, false}, "raw-field", "f", "a string field `key=value` (repeatable); the query for GET and DELETE, else the JSON body")
	fs.VarP(fieldFlag{&opts.Fields, true}, "field", "F", "a typed field `key=value`: numbers, true, false, null, @FILE (@- for stdin) (repeatable)")
	fs.VarP(headerFlag{opts.Header}, "header", "H", "an extra header `'Name: value'` (repeatable; not Authorization)")
	fs.BoolVarP(&opts.Include, "include", "i", false, "print the status line and response headers first")
	fs.StringVar(&opts.Input, "input", "", "send the JSON body from `FILE` (- for stdin)")
	fs.BoolVar(&opts.Paginate, "paginate", false, "follow next_page_token and print one merged JSON document")
	fs.StringVar(&opts.JQ, "jq", "", "filter the output with `EXPR`, a jq expression (gojq)")
	return c
}

// callAPI makes the call (apiRun is the tests' name for one run).
func callAPI(opts *APIOptions) error {
	e, ctx, name, path := opts.Env, opts.ctx, opts.Name, opts.Path

	var filter *gojq.Code
	if opts.JQ != "" {
		q, err := gojq.Parse(opts.JQ)
		if err != nil {
			return usagef("--jq: %v", err)
		}
		if filter, err = gojq.Compile(q); err != nil {
			return usagef("--jq: %v", err)
		}
	}
	req, err := e.apiRequest(opts.Method, path, opts.Fields, opts.Input, opts.Header)
	if err != nil {
		return err
	}
	if opts.Paginate && req.Method != http.MethodGet {
		return usagef("--paginate follows next_page_token of GET requests only")
	}

	// The body goes straight to stdout unless it must be reshaped first.
	reshape := filter != nil || e.StdoutIsTerminal
	var out io.Writer = e.Stdout
	var buf bytes.Buffer
	if reshape {
		out = &buf
	}
	headPrinted := false
	callOpts := access.APIOptions{
		Paginate: opts.Paginate,
		Output:   out,
		OnNotice: func(s string) { fmt.Fprintln(e.Stderr, "zoomconn api: "+s) },
		OnFirstPage: func(r *access.Response) {
			if opts.Include {
				printHead(e.Stdout, r)
				headPrinted = true
			}
		},
	}
	resp, callErr := e.service().API(ctx, name, req, callOpts)
	if access.IsKind(callErr, access.KindForeignHost) || access.IsKind(callErr, access.KindBadRequest) {
		return &usageError{err: callErr}
	}
	if resp == nil {
		return callErr
	}
	if opts.Include && !headPrinted {
		printHead(e.Stdout, resp)
	}
	body := resp.Body
	if opts.Paginate && resp.OK() {
		body = buf.Bytes()
		if !reshape {
			body = nil // already written
		}
	}
	if len(body) > 0 {
		if err := e.writeBody(body, filter, resp.OK()); err != nil {
			return errors.Join(callErr, err)
		}
	}
	if callErr != nil {
		return apiFailure(callErr)
	}
	return nil
}

// apiRequest builds the request from the flags.
func (e *Env) apiRequest(method, path string, fields []apiField, input string, header http.Header) (access.Request, error) {
	req := access.Request{Method: strings.ToUpper(method), Path: path, Header: header}
	if req.Method == "" {
		req.Method = http.MethodGet
		if len(fields) > 0 || input != "" {
			req.Method = http.MethodPost
		}
	}
	if input != "" {
		raw, err := e.readArg(input)
		if err != nil {
			return req, usagef("--input: %v", err)
		}
		req.Body = raw
	}
	// Fields are the query for GET and DELETE, and when --input is the body.
	asQuery := req.Method == http.MethodGet || req.Method == http.MethodDelete || input != ""
	if asQuery {
		q := url.Values{}
		for _, f := range fields {
			v, err := e.fieldValue(f)
			if err != nil {
				return req, err
			}
			s, ok := v.(string)
			if !ok {
				b, _ := json.Marshal(v)
				s = string(b)
			}
			q.Add(f.key, s)
		}
		if len(q) > 0 {
			req.Query = q
		}
		return req, nil
	}
	if len(fields) == 0 {
		return req, nil
	}
	obj := map[string]any{}
	for _, f := range fields {
		v, err := e.fieldValue(f)
		if err != nil {
			return req, err
		}
		if err := setField(obj, f.key, v); err != nil {
			return req, err
		}
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return req, err
	}
	req.Body = raw
	return req, nil
}

// fieldValue is a -f value as is, or a -F value typed: true, false, null,
// a number, @FILE's contents, else the string.
func (e *Env) fieldValue(f apiField) (any, error) {
	if !f.typed {
		return f.value, nil
	}
	switch v := f.value; {
	case v == "true":
		return true, nil
	case v == "false":
		return false, nil
	case v == "null":
		return nil, nil
	case strings.HasPrefix(v, "@"):
		raw, err := e.readArg(v[1:])
		if err != nil {
			return nil, usagef("-F %s: %v", f.key, err)
		}
		return string(raw), nil
	default:
		if _, err := strconv.ParseFloat(v, 64); err == nil && json.Valid([]byte(v)) {
			return json.Number(v), nil
		}
		return v, nil
	}
}

// readArg reads a file, or stdin for "-".
func (e *Env) readArg(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	return os.ReadFile(name)
}

// setField sets key in obj; "a[b][c]" nests objects and "a[]" appends to
// an array, as gh does.
func setField(obj map[string]any, key string, v any) error {
	head, rest, nested := strings.Cut(key, "[")
	if !nested {
		obj[key] = v
		return nil
	}
	var parts []string
	for rest != "" {
		p, after, ok := strings.Cut(rest, "]")
		if !ok {
			return usagef("field %q: a [ without its ]", key)
		}
		parts = append(parts, p)
		rest = strings.TrimPrefix(after, "[")
	}
	parts = append([]string{head}, parts...)
	cur := obj
	for i, p := range parts {
		last := i == len(parts)-1
		if i+1 < len(parts) && parts[i+1] == "" {
			arr, _ := cur[p].([]any)
			cur[p] = append(arr, v)
			if i+2 != len(parts) {
				return usagef("field %q: [] must come last", key)
			}
			return nil
		}
		if last {
			cur[p] = v
			return nil
		}
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	return nil
}

// printHead prints the status line and headers; header values are server
// text, and no Authorization header is ever shown.
func printHead(w io.Writer, r *access.Response) {
	proto := r.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(w, "%s %d %s\n", safetext.Clean(proto, safetext.MaxCode), r.Status, http.StatusText(r.Status))
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		if !strings.EqualFold(k, "Authorization") && !strings.EqualFold(k, "Proxy-Authorization") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range r.Header[k] {
			fmt.Fprintf(w, "%s: %s\n", safetext.Clean(k, safetext.MaxCode), safetext.Clean(v, safetext.MaxURL))
		}
	}
	fmt.Fprintln(w)
}

// writeBody prints the body: through the jq filter when given, pretty and
// made safe (safetext.Terminal) on a terminal, else the exact bytes as
// received. An error body is never filtered.
func (e *Env) writeBody(body []byte, filter *gojq.Code, ok bool) error {
	if filter != nil && ok {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("--jq: the answer is not JSON: %v", err)
		}
		iter := filter.Run(v)
		for {
			r, more := iter.Next()
			if !more {
				return nil
			}
			if err, isErr := r.(error); isErr {
				// error(.message) carries server text: report makes it safe.
				return fmt.Errorf("--jq: %v", err)
			}
			if s, isStr := r.(string); isStr {
				if e.StdoutIsTerminal {
					s = safetext.Terminal(s)
				}
				fmt.Fprintln(e.Stdout, s)
				continue
			}
			var out []byte
			var err error
			if e.StdoutIsTerminal {
				out, err = json.MarshalIndent(r, "", "  ")
				out = safetext.JSONForTerminal(out)
			} else {
				out, err = json.Marshal(r)
			}
			if err != nil {
				return fmt.Errorf("--jq: %v", err)
			}
			fmt.Fprintf(e.Stdout, "%s\n", out)
		}
	}
	if e.StdoutIsTerminal {
		// Server text for a person: JSON pretty, anything else with what a
		// terminal would act on made visible.
		var pretty bytes.Buffer
		if json.Indent(&pretty, body, "", "  ") == nil {
			pretty.WriteByte('\n')
			_, err := e.Stdout.Write(safetext.JSONForTerminal(pretty.Bytes()))
			return err
		}
		_, err := io.WriteString(e.Stdout, safetext.Terminal(string(body)))
		return err
	}
	_, err := e.Stdout.Write(body)
	return err
}

// apiFailure phrases a failed call for the command line: the core's
// sentence, or for a plain refusal the status and Zoom's code and message.
func apiFailure(err error) error {
	var ze *access.ZoomError
	if errors.As(err, &ze) && ze.Status > 0 && (ze.Kind == access.KindOther || ze.Kind == access.KindBadResponse) {
		what := fmt.Sprintf("HTTP %d %s", ze.Status, http.StatusText(ze.Status))
		switch {
		case ze.Code != "" && ze.Reason != "":
			what += fmt.Sprintf(", code %s: %s", ze.Code, ze.Reason)
		case ze.Reason != "":
			what += ": " + ze.Reason
		}
		return fmt.Errorf("Zoom answered %s; the body is on stdout", strings.TrimRight(what, "."))
	}
	return err
}
