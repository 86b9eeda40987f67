package forms

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Help texts of the endpoint section.
const (
	helpEndpoints       = "Zoom for zoom.us accounts, ZoomGov for zoomgov.com accounts, Custom URLs for another server (https only; plain http only on 127.0.0.1, for testing). The client secret and the tokens of this connection are sent only to these endpoints."
	helpClientEndpoints = "Where the app lives: Zoom for zoom.us accounts, ZoomGov for zoomgov.com accounts, Custom URLs for another server (https; plain http only on 127.0.0.1). The client's secret and its connections' tokens are sent only to these endpoints."
	helpInherited       = "These belong to the OAuth client; edit the client to change them (with the pencil beside it)."
	helpInheritedNone   = "These belong to the OAuth client: choose one above."
	helpInheritedAPI    = "The Zoom API this connection calls; its access tokens are sent there. Empty uses the OAuth client's."
	// The events socket (Events › Listen).
	placeholderEventsURL = "wss://…/ws (optional)"
	helpEventsURLCustom  = "Optional, for Events › Listen: the WebSocket events socket (wss://; plain ws:// only on 127.0.0.1). Access tokens go there too."
	helpEventsURLPreset  = "Where Events › Listen connects with this connection's access tokens."
	helpEventsURLUnknown = "ZoomGov's events socket is not verified: Events › Listen needs custom URLs with an events URL."
)

// endpointSection is the endpoints part of a form: the preset select and
// the Authorize, Token, Revoke and API base URL entries. The connection
// form and the OAuth client form share it. URLs that cannot be changed
// here are shown read-only, to select or copy with the Copy beside them.
//
// It shows either the item's own endpoints (an OAuth client, a
// Server-to-Server connection: the preset is chosen, custom URLs typed) or,
// once inherit is called, an OAuth client's (an OAuth 2.0 connection): then
// the preset and the authorize, token and revoke URLs are read-only and
// only the API base URL may be typed, and only when the client's endpoints
// are custom.
type endpointSection struct {
	preset       *kit.FormSelect
	authorizeURL *kit.FormEntry
	tokenURL     *kit.FormEntry
	revokeURL    *kit.FormEntry
	apiURL       *kit.FormEntry
	// eventsURL is the events socket: typed for the item's own custom
	// endpoints (optional), else shown read-only (a preset's is its
	// deployment's; ZoomGov's is unknown).
	eventsURL *kit.FormEntry
	eventsFl  *field
	// CopyURL holds the Copy buttons of the four URLs, in that order,
	// shown while a URL is read-only.
	copyURL [4]*kit.FormButton

	ownHelp  string
	presetFl *field    // the preset row, whose help changes with the mode
	urlFls   [4]*field // authorize, token, revoke, API
	apiFl    *field

	own    string         // preset label of the item's own endpoints
	custom auth.Endpoints // own custom URLs typed so far

	// noAuthorize: the item never opens an authorize URL (a
	// Server-to-Server connection); its own custom URLs need none, and it
	// submits none.
	noAuthorize bool

	inherited bool
	clientID  string          // inherited: the OAuth client shown
	client    *auth.Endpoints // inherited: its endpoints; nil when none is chosen
	api       string          // inherited: the API base URL typed so far

	shown    shownEndpoints // what the entries hold now
	filling  bool           // the section itself is setting widgets
	onChange func(field string)
}

type shownEndpoints int

const (
	shownPreset          shownEndpoints = iota // own preset: read-only
	shownCustom                                // own custom URLs: editable
	shownInherited                             // a client's: read-only
	shownInheritedCustom                       // a custom client's: the API URL is editable
)

// urlPlaceholders are the URL entries' placeholders, in entries() order.
var urlPlaceholders = [4]string{"https://…/oauth/authorize", "https://…/oauth/token", "https://…/oauth/revoke", "https://…/v2"}

// newEndpointSection makes the widgets of a form with keys. copyURL puts
// a URL on the clipboard, saying what it is; onChange runs when the user
// changes the preset or a URL, with the field's name.
func newEndpointSection(keys *kit.Keys, copyURL func(text, what string), onChange func(field string)) *endpointSection {
	s := &endpointSection{own: view.PresetZoomL, onChange: onChange}
	s.preset = keys.Select([]string{view.PresetZoomL, view.PresetGovL, view.PresetCustomL}, func(sel string) {
		if s.filling {
			return
		}
		if s.inherited {
			s.render() // the client's; nothing to choose here
			return
		}
		s.remember()
		s.own = sel
		s.render()
		s.onChange(auth.FieldEndpoints)
	})
	s.authorizeURL = keys.Entry(urlPlaceholders[0], false)
	s.tokenURL = keys.Entry(urlPlaceholders[1], false)
	s.revokeURL = keys.Entry(urlPlaceholders[2], false)
	s.apiURL = keys.Entry(urlPlaceholders[3], false)
	s.eventsURL = keys.Entry(placeholderEventsURL, false)
	s.eventsURL.OnChanged = func(string) {
		if !s.filling {
			s.onChange(auth.FieldEventsURL)
		}
	}
	for i, e := range s.entries() {
		e.OnChanged = func(string) {
			if !s.filling {
				s.onChange(s.fieldOf(e))
			}
		}
		what := s.fieldOf(e)
		s.copyURL[i] = keys.Button("Copy", theme.ContentCopyIcon(), func() { copyURL(e.Text, what) })
	}
	return s
}

func (s *endpointSection) entries() []*kit.FormEntry {
	return []*kit.FormEntry{s.authorizeURL, s.tokenURL, s.revokeURL, s.apiURL}
}

// rows adds the section's fields to ff; help is the preset row's help.
func (s *endpointSection) rows(ff *formFields, help string) []*field {
	s.ownHelp = help
	s.presetFl = ff.add(auth.FieldEndpoints, "Endpoints", help, s.preset)
	rows := []*field{s.presetFl}
	for i, e := range s.entries() {
		name := s.fieldOf(e)
		s.urlFls[i] = ff.add(name, name, "", container.NewBorder(nil, nil, nil, s.copyURL[i], e))
		rows = append(rows, s.urlFls[i])
	}
	s.apiFl = s.urlFls[3]
	s.eventsFl = ff.add(auth.FieldEventsURL, auth.FieldEventsURL, "", s.eventsURL)
	rows = append(rows, s.eventsFl)
	s.render()
	return rows
}

// endpointFields are the names of the section's fields.
var endpointFields = []string{auth.FieldEndpoints, auth.FieldAuthorizeURL, auth.FieldTokenURL, auth.FieldRevokeURL, auth.FieldAPIURL, auth.FieldEventsURL}

func (s *endpointSection) fieldOf(e *kit.FormEntry) string {
	switch e {
	case s.authorizeURL:
		return auth.FieldAuthorizeURL
	case s.tokenURL:
		return auth.FieldTokenURL
	case s.revokeURL:
		return auth.FieldRevokeURL
	case s.apiURL:
		return auth.FieldAPIURL
	}
	return ""
}

// setOwn fills in the item's own stored endpoints.
func (s *endpointSection) setOwn(ep auth.Endpoints) {
	s.remember()
	s.own = view.PresetLabel(ep.Preset)
	if ep.Preset == auth.PresetCustom {
		s.custom = ep
	}
	s.render()
}

// useOwn shows the item's own endpoints again, as last chosen;
// noAuthorize says the item never opens an authorize URL.
func (s *endpointSection) useOwn(noAuthorize bool) {
	s.remember()
	s.inherited, s.clientID, s.client = false, "", nil
	s.noAuthorize = noAuthorize
	s.render()
}

// inherit shows the endpoints of the OAuth client id (ep nil when none is
// chosen). api is the connection's stored API base URL for that client
// ("" for the client's); it is kept as typed while the same client stays
// chosen.
func (s *endpointSection) inherit(id string, ep *auth.Endpoints, api string) {
	s.remember()
	if !s.inherited || id != s.clientID {
		s.api = api
	}
	s.inherited, s.clientID, s.client = true, id, ep
	s.noAuthorize = false
	s.render()
}

// ownPreset is the preset chosen for the item's own endpoints.
func (s *endpointSection) ownPreset() auth.EndpointPreset {
	switch s.own {
	case view.PresetGovL:
		return auth.PresetZoomGov
	case view.PresetCustomL:
		return auth.PresetCustom
	}
	return auth.PresetZoom
}

// isCustom reports whether the section shows custom endpoints (its own, or
// the client's).
func (s *endpointSection) isCustom() bool {
	if s.inherited {
		return s.client != nil && s.client.Preset == auth.PresetCustom
	}
	return s.ownPreset() == auth.PresetCustom
}

// endpointsInput is what the form submits. An OAuth 2.0 connection sends
// only its client's preset and, on a custom client, its API base URL: the
// URLs its secrets go to are never taken from this form.
func (s *endpointSection) endpointsInput() auth.Endpoints {
	if s.inherited {
		switch {
		case s.client == nil:
			return auth.Endpoints{}
		case s.client.Preset == auth.PresetCustom:
			return auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: s.apiURL.Text}
		}
		return auth.Endpoints{Preset: s.client.Preset}
	}
	if p := s.ownPreset(); p != auth.PresetCustom {
		return auth.Endpoints{Preset: p}
	}
	authorize := s.authorizeURL.Text
	if s.noAuthorize {
		authorize = ""
	}
	ep := auth.CustomEndpoints(authorize, s.tokenURL.Text, s.revokeURL.Text, s.apiURL.Text)
	ep.EventsURL = s.eventsURL.Text
	// Set on the command line (--mcp-url); the form keeps it as it is.
	ep.MCPURL = s.custom.MCPURL
	return ep
}

// remember keeps what the user typed in the entries shown now, before
// they are refilled.
func (s *endpointSection) remember() {
	switch s.shown {
	case shownCustom:
		mcp := s.custom.MCPURL
		s.custom = auth.CustomEndpoints(s.authorizeURL.Text, s.tokenURL.Text, s.revokeURL.Text, s.apiURL.Text)
		s.custom.EventsURL, s.custom.MCPURL = s.eventsURL.Text, mcp
	case shownInheritedCustom:
		s.api = s.apiURL.Text
	}
}

// render puts the current mode's values in the widgets.
func (s *endpointSection) render() {
	if s.presetFl == nil {
		return // still building
	}
	s.filling = true
	defer func() { s.filling = false }()
	var ep auth.Endpoints
	editable := [4]bool{} // authorize, token, revoke, API
	apiHelp := ""
	switch {
	case s.inherited && s.client == nil:
		s.shown = shownInherited
		s.preset.ClearSelected()
		s.preset.Disable()
		s.presetFl.setHint(helpInheritedNone)
	case s.inherited:
		ep = *s.client
		s.shown = shownInherited
		if ep.Preset == auth.PresetCustom {
			s.shown = shownInheritedCustom
			editable[3] = true
			apiHelp = helpInheritedAPI
			if s.api != "" {
				ep.APIBaseURL = s.api
			}
		}
		s.preset.SetSelected(view.PresetLabel(ep.Preset))
		s.preset.Disable()
		s.presetFl.setHint(helpInherited)
	default:
		s.preset.SetSelected(s.own)
		s.preset.Enable()
		s.presetFl.setHint(s.ownHelp)
		var isPreset bool
		ep, isPreset = auth.PresetEndpoints(s.ownPreset())
		s.shown = shownPreset
		if !isPreset {
			s.shown = shownCustom
			editable = [4]bool{true, true, true, true}
			ep = s.custom
			if ep.AuthorizeURL == "" && ep.TokenURL == "" && ep.RevokeURL == "" && ep.APIBaseURL == "" {
				// Start from Zoom's URLs: usually only the host changes.
				ep, _ = auth.PresetEndpoints(auth.PresetZoom)
			}
		}
	}
	s.apiFl.setHint(apiHelp)
	s.presetFl.setRequired(!s.inherited)
	vals := []string{ep.AuthorizeURL, ep.TokenURL, ep.RevokeURL, ep.APIBaseURL}
	for i, e := range s.entries() {
		e.SetText(vals[i])
		e.SetReadOnly(!editable[i], urlPlaceholders[i])
		kit.SetVisible(s.copyURL[i], !editable[i] && vals[i] != "")
		// Only the item's own custom URLs must be typed; a connection's API
		// base URL on a custom client may stay empty.
		s.urlFls[i].setRequired(s.shown == shownCustom && (i > 0 || !s.noAuthorize))
	}
	// The events socket: typed for own custom URLs, else the deployment's.
	events, eventsHelp := ep.EventsBase(), helpEventsURLPreset
	switch {
	case s.shown == shownCustom:
		events, eventsHelp = ep.EventsURL, helpEventsURLCustom
	case s.inherited:
		eventsHelp = helpInherited
	case events == "":
		eventsHelp = helpEventsURLUnknown
	}
	s.eventsURL.SetText(events)
	s.eventsURL.SetReadOnly(s.shown != shownCustom, placeholderEventsURL)
	s.eventsFl.setHint(eventsHelp)
}
