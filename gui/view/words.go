package view

import "zoomconn/auth"

// The app's words for what the core names.

// AuthTypeLabel is how the app names an auth type wherever it shows one
// (form, list, details): the seed's label, and for "Custom" what Zoom
// calls it, so nobody has to guess.
func AuthTypeLabel(t auth.AuthType) string {
	if t == auth.AuthS2S {
		return t.Label() + " (Server-to-Server OAuth)"
	}
	return t.Label()
}

// PresetLabel is how the app names an endpoint choice. "Custom URLs", not
// the core's "Custom", which is already the name of an auth type.
func PresetLabel(p auth.EndpointPreset) string {
	if p == auth.PresetCustom {
		return PresetCustomL
	}
	return p.Label()
}

// The endpoint choices as the app names them.
const (
	PresetZoomL   = "Zoom"
	PresetGovL    = "ZoomGov"
	PresetCustomL = "Custom URLs"
)
