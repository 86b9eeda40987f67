// Package sdkjwt makes and reads the JWTs Zoom's SDKs join with: the
// Meeting SDK signature (appKey, sdkKey, mn, role, iat, exp, tokenExp) and
// the Video SDK token (app_key, role_type, tpc, version, iat, exp and its
// optional claims), signed HS256 with the SDK secret.
//
// It is pure: no storage, no network, no clock of its own (callers pass
// the time). Every limit Zoom sets is checked before signing, and a JWT is
// decoded claim by claim, so that a wrong one is named with the range Zoom
// accepts ([*ClaimError]). Signing uses the standard library's crypto/hmac:
// HS256 is one HMAC, and writing the claims here keeps their names, types
// and order exactly as Zoom's samples send them.
package sdkjwt
