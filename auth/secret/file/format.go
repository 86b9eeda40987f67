package file

import (
	"crypto/rand"
	"encoding/binary"
	"sort"
)

// File format, version 1. All integers are big-endian.
//
//	header (authenticated as GCM additional data):
//	  0   8  magic "ZCSECRET"
//	  8   1  format version (1)
//	  9   1  KDF (1 = Argon2id)
//	  10  4  Argon2 time (passes)
//	  14  4  Argon2 memory in KiB
//	  18  1  Argon2 threads
//	  19  1  salt length n (16..64)
//	  20  n  salt (random, fresh for each file and each passphrase change)
//	check   32  HMAC-SHA256(master key, "zoomconn filestore v1 key-check")
//	nonce   12  random, fresh for each write
//	sealed  AES-256-GCM(payload) including its 16-byte tag
//	digest  32  SHA-256 of everything before it
//
// The digest is not a security measure (anyone can recompute it): it tells
// accidental damage (a flipped bit in the salt, a truncated copy) apart from
// a wrong passphrase, which would otherwise look the same. Security comes
// from GCM, which authenticates the header and the payload under a key only
// the passphrase yields. The check value tells a wrong passphrase (check
// differs) apart from a modified payload (check matches, GCM fails).
//
// The payload is a count (uint32) followed by, for each item in key order,
// uvarint length + key bytes and uvarint length + value bytes, then zero
// padding to a multiple of 256 bytes so the file size only loosely reveals
// how much is stored. Keys and values are kept byte for byte.
const (
	fileMagic      = "ZCSECRET"
	fileVersion    = 1
	kdfArgon2id    = 1
	fixedHeaderLen = 20
	checkLen       = 32
	nonceLen       = 12
	tagLen         = 16
	digestLen      = 32
	payloadPad     = 256
	maxFileBytes   = 32 << 20 // refuse to read (or grow past) this much
)

// kdfParams are the Argon2id settings stored in a file's header.
type kdfParams struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// defaultKDF is what new files get. Argon2id rather than scrypt: it is the
// memory-hard KDF RFC 9106 and OWASP recommend today, it resists both GPU
// cracking and side channels, and these are RFC 9106's second recommended
// settings (t=3, 64 MiB, 4 lanes) — twice scrypt N=2^15's memory for a
// similar cost. It runs once per Open (tens of milliseconds); the
// derived key is then kept in memory for the whole run. Tests lower it.
var defaultKDF = kdfParams{Time: 3, Memory: 64 << 10, Threads: 4}

// Bounds on KDF settings read from a file, so a hostile or damaged file
// cannot make us allocate gigabytes or spin for minutes. The lower bounds are
// Argon2's own minimums; weak settings only hurt the file's own owner.
const (
	kdfMaxTime    = 10
	kdfMinMemory  = 8 << 10   // 8 MiB
	kdfMaxMemory  = 256 << 10 // 256 MiB
	kdfMaxThreads = 16
	saltMinLen    = 16
	saltMaxLen    = 64
	newSaltLen    = 16
)

type header struct {
	raw  []byte
	kdf  kdfParams
	salt []byte
}

func newHeader(p kdfParams) (header, error) {
	salt := make([]byte, newSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return header{}, err
	}
	raw := make([]byte, 0, fixedHeaderLen+len(salt))
	raw = append(raw, fileMagic...)
	raw = append(raw, fileVersion, kdfArgon2id)
	raw = binary.BigEndian.AppendUint32(raw, p.Time)
	raw = binary.BigEndian.AppendUint32(raw, p.Memory)
	raw = append(raw, p.Threads, byte(len(salt)))
	raw = append(raw, salt...)
	return header{raw: raw, kdf: p, salt: salt}, nil
}

// parse splits and checks a file's framing: size, digest, header and KDF
// bounds. It does not need the key.
func encodePayload(items map[string]string) []byte {
	keys := make([]string, 0, len(items))
	n := 4
	for k, v := range items {
		keys = append(keys, k)
		n += 2*binary.MaxVarintLen64 + len(k) + len(v)
	}
	sort.Strings(keys)
	b := make([]byte, 0, n+payloadPad)
	b = binary.BigEndian.AppendUint32(b, uint32(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(items[k])))
		b = append(b, items[k]...)
	}
	pad := payloadPad - len(b)%payloadPad
	return append(b, make([]byte, pad)...)
}

func decodePayload(b []byte) (map[string]string, bool) {
	if len(b) < 4 {
		return nil, false
	}
	n := binary.BigEndian.Uint32(b)
	b = b[4:]
	if uint64(n) > uint64(len(b)/2) { // each item takes at least 2 bytes
		return nil, false
	}
	next := func() (string, bool) {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return "", false
		}
		s := string(b[k : k+int(l)])
		b = b[k+int(l):]
		return s, true
	}
	items := make(map[string]string, n)
	for range n {
		k, ok1 := next()
		v, ok2 := next()
		if !ok1 || !ok2 {
			return nil, false
		}
		items[k] = v
	}
	for _, c := range b { // only zero padding may follow
		if c != 0 {
			return nil, false
		}
	}
	return items, true
}
