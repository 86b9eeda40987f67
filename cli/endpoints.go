package cli

// The endpoint flags of the add and edit commands, and what an edit
// changes: which flags were given, and whether the change needs the
// client secret again.

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"zoomconn/auth"
)

// endpointFlags are shared by add-s2s, add-client and add-oauth.
type endpointFlags struct {
	preset, authorize, token, revoke, api, events, mcp *string
}

// addEndpointFlags defines the endpoint flags; preset is the default of
// --endpoints ("" for add-oauth, whose endpoints come from its client).
func addEndpointFlags(fs *pflag.FlagSet, preset, presetHelp string) endpointFlags {
	return endpointFlags{
		preset:    fs.String("endpoints", preset, presetHelp),
		authorize: fs.String("authorize-url", "", "custom authorize `URL`"),
		token:     fs.String("token-url", "", "custom token `URL`"),
		revoke:    fs.String("revoke-url", "", "custom revoke `URL`"),
		api:       fs.String("api-url", "", "custom API base `URL`"),
		events:    fs.String("events-url", "", "custom WebSocket events `URL` (optional)"),
		mcp:       fs.String("mcp-url", "", "custom base `URL` of hosted MCP servers (optional)"),
	}
}

func (f endpointFlags) endpoints() (auth.Endpoints, error) {
	p := auth.EndpointPreset(*f.preset)
	if p == "" && *f.api != "" {
		return auth.Endpoints{APIBaseURL: *f.api}, nil
	}
	if p != auth.PresetCustom {
		if *f.authorize+*f.token+*f.revoke+*f.api+*f.events+*f.mcp != "" {
			return auth.Endpoints{}, usagef("--authorize-url, --token-url, --revoke-url, --api-url, --mcp-url and --events-url need --endpoints custom")
		}
		return auth.Endpoints{Preset: p}, nil
	}
	ep := auth.CustomEndpoints(*f.authorize, *f.token, *f.revoke, *f.api)
	ep.EventsURL, ep.MCPURL = *f.events, *f.mcp
	return ep, nil
}

// flagsSet returns the names of the flags given on the command line.
func flagsSet(fs *pflag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	return set
}

// changed returns the endpoints an edit gives (set names the flags given),
// or current when it gives none.
func (f endpointFlags) changed(set map[string]bool, current auth.Endpoints) (auth.Endpoints, error) {
	if !set["endpoints"] && !set["authorize-url"] && !set["token-url"] && !set["revoke-url"] && !set["api-url"] && !set["events-url"] && !set["mcp-url"] {
		return current, nil
	}
	return f.endpoints()
}

// secretNeeded validates a change with no secret typed. It returns why a
// secret is needed ("" when it is not), or the validation error of
// anything else wrong, so the secret is asked for only for a valid change.
func secretNeeded(err error) (string, error) {
	var ve *auth.ValidationError
	if !errors.As(err, &ve) {
		return "", err
	}
	why := ve.For(auth.FieldClientSecret)
	if why == "" || len(ve.Fields) > 1 {
		return "", err
	}
	return why, nil
}

// secretForChange reads a new client secret for a change that needs one
// (saying why first) or when asked to (--secret); validation is the
// change's validation with no secret typed, and anything else wrong with it
// is returned before a secret is read. What holds no secret (a public
// client) is never asked for one.
func (e *Env) secretForChange(validation error, asked, holdsSecret bool) (string, error) {
	why, err := secretNeeded(validation)
	if err != nil || !holdsSecret || (why == "" && !asked) {
		return "", err
	}
	if why != "" {
		fmt.Fprintln(e.Stderr, why)
	}
	return e.readSecret("Client secret")
}

// endpointHelp is the endpoint flags' common sentence, in the help of the
// commands that take them.
const endpointHelp = "Endpoints: --endpoints zoom|zoomgov|custom, and for custom --authorize-url, --token-url, --revoke-url and --api-url " +
	"(https; plain http only for 127.0.0.1 and ::1; no ? or #) and optionally --events-url (wss; plain ws only for 127.0.0.1 and ::1) and --mcp-url (https, the base of hosted MCP servers). " +
	"The client secret is sent only to the endpoints it was entered for."
