package file

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"unicode/utf8"
	"zoomconn/auth/secret"
	"zoomconn/internal/atomicfile"

	"github.com/gofrs/flock"
	"golang.org/x/crypto/argon2"
)

// Errors of the encrypted file store, matched with [errors.Is]. The errors
// themselves are [*Error]s whose messages are sentences for the user.
var (
	// ErrWrongPassphrase: the passphrase does not unlock the file. Nothing
	// was changed; ask for the passphrase again.
	ErrWrongPassphrase = errors.New("wrong passphrase for the secrets file")
	// ErrStoreTampered: the file is truncated, garbled or was modified by
	// something other than zoomconn. It is left exactly as it was.
	ErrStoreTampered = errors.New("secrets file damaged or tampered with")
	// ErrStoreTooNew: the file was written by a newer zoomconn.
	ErrStoreTooNew = errors.New("secrets file written by a newer zoomconn")
	// ErrPassphraseTooShort: the passphrase is empty, or shorter than
	// [MinPassphraseLen] characters for a new file.
	ErrPassphraseTooShort = errors.New("passphrase empty or too short")
)

// MinPassphraseLen is the minimum length, in characters, of the passphrase
// of a new secrets file (or of a new passphrase for an existing one).
const MinPassphraseLen = 8

// MaxSecretBytes is the largest secret [Store.Set] accepts.
const MaxSecretBytes = 64 << 10

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

// Store is a [secret.Store] in one encrypted file, for machines with no
// keyring. The key is derived from a passphrase once, in [Open],
// and kept in memory; the passphrase itself is not kept. Every call re-reads
// the file, so changes made by other processes are seen; changes take a
// file lock (the file's path plus ".lock") and replace the file atomically
// with mode 0600, so concurrent processes never lose each other's items.
type Store struct {
	path string

	mu     sync.RWMutex // guards the fields below; held for writes
	header []byte       // exact header bytes of the file we opened
	check  []byte       // its key-check value
	aead   cipher.AEAD

	writeFile func(path string, data []byte) error // seam for fault tests
}

// Error is a failure of a [Store]. Its message is a sentence
// for the user that names the file; errors.Is matches Kind, and, for
// Get/Set/Delete failures that are not a [secret.Store] kind already,
// [secret.ErrUnavailable] too, so callers of the [secret.Store] interface see
// exactly one of its kinds. It never contains a secret.
type Error struct {
	Path   string
	Op     string // "open", "read", "save", "delete" or "change the passphrase of"
	Key    string // for read/save/delete
	Kind   error
	Reason string // a short fixed phrase, for ErrStoreTampered and unavailability
	Err    error  // underlying error; may be nil
}

func (e *Error) Unwrap() []error {
	errs := []error{e.Kind}
	if e.Op == "read" || e.Op == "save" || e.Op == "delete" {
		switch e.Kind {
		case secret.ErrNotFound, secret.ErrUnavailable, secret.ErrTimeout, secret.ErrTooLarge:
		default:
			errs = append(errs, secret.ErrUnavailable)
		}
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func (e *Error) Error() string {
	so := "" // ", so zoomconn could not read a connection's refresh token"
	if e.Key != "" {
		so = fmt.Sprintf(", so zoomconn could not %s %s", e.Op, secret.Describe(e.Key))
	}
	switch e.Kind {
	case ErrWrongPassphrase:
		if e.Op == "open" {
			return fmt.Sprintf("The passphrase does not unlock the secrets file %s. Nothing was changed; enter the passphrase again (check Caps Lock and the keyboard layout).", e.Path)
		}
		return fmt.Sprintf("The secrets file %s was re-encrypted with another passphrase after zoomconn opened it, probably by another zoomconn window or command%s. Restart zoomconn and enter the new passphrase.", e.Path, so)
	case ErrStoreTampered:
		return fmt.Sprintf("The secrets file %s is damaged or was modified outside zoomconn: %s%s. zoomconn has left it untouched; restore it from a backup, or move it aside to start with an empty one (its secrets must then be entered again).", e.Path, e.Reason, so)
	case ErrStoreTooNew:
		return fmt.Sprintf("The secrets file %s was written by a newer version of zoomconn (%s)%s. Update zoomconn; the file has been left untouched.", e.Path, e.Reason, so)
	case ErrPassphraseTooShort:
		return e.Reason + " Nothing was changed."
	case secret.ErrTooLarge:
		return fmt.Sprintf("zoomconn could not %s %s in the secrets file %s because %s.", e.Op, secret.Describe(e.Key), e.Path, e.Reason)
	}
	detail := ""
	if e.Err != nil {
		detail = " (" + e.Err.Error() + ")"
	}
	return fmt.Sprintf("The secrets file %s %s%s%s. Check that the file and its folder exist and that you may read and write them, then try again; if the file is gone, restart zoomconn to create an empty one.", e.Path, e.Reason, detail, so)
}

// Open opens the encrypted secrets file at path with passphrase,
// creating it (its directory with mode 0700, the file with 0600 and a fresh
// random salt) if it does not exist. Opening an existing file derives the
// key and checks it: a wrong passphrase is [ErrWrongPassphrase], a damaged
// file [ErrStoreTampered]; either way the file is not touched. A new file
// needs a passphrase of at least [MinPassphraseLen] characters. The caller
// may wipe passphrase once this returns.
func Open(path string, passphrase []byte) (*Store, error) {
	f := &Store{path: path}
	if len(passphrase) == 0 {
		return nil, f.errf("open", "", ErrPassphraseTooShort, "A passphrase is needed to open the secrets file "+path+"; it is empty.", nil)
	}
	raw, err := f.readRaw()
	if errors.Is(err, fs.ErrNotExist) {
		return f.create(passphrase)
	}
	if err != nil {
		return nil, f.errf("open", "", secret.ErrUnavailable, "could not be read", err)
	}
	hdr, check, _, err := f.parse("open", "", raw)
	if err != nil {
		return nil, err
	}
	aead, gotCheck, err := deriveKeys(passphrase, hdr)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(gotCheck, check) != 1 {
		return nil, f.errf("open", "", ErrWrongPassphrase, "", nil)
	}
	f.header, f.check, f.aead = hdr.raw, check, aead
	// Open the payload too, so a damaged file is reported now and not at
	// the first Get.
	if _, err := f.decrypt("open", "", raw); err != nil {
		return nil, err
	}
	return f, nil
}

// Path is the secrets file.
func (f *Store) Path() string { return f.path }

func (f *Store) Get(key string) (string, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	items, err := f.load("read", key)
	if err != nil {
		return "", err
	}
	v, ok := items[key]
	if !ok {
		return "", &secret.Error{Op: "read", Key: key, Kind: secret.ErrNotFound}
	}
	return v, nil
}

func (f *Store) Set(key, value string) error {
	if len(value) > MaxSecretBytes {
		return f.errf("save", key, secret.ErrTooLarge, fmt.Sprintf("it is larger than %d KiB", MaxSecretBytes>>10), nil)
	}
	return f.modify("save", key, func(items map[string]string) error {
		items[key] = value
		return nil
	})
}

func (f *Store) Delete(key string) error {
	return f.modify("delete", key, func(items map[string]string) error {
		if _, ok := items[key]; !ok {
			return &secret.Error{Op: "delete", Key: key, Kind: secret.ErrNotFound}
		}
		delete(items, key)
		return nil
	})
}

// ChangePassphrase re-encrypts the file under newPassphrase with a fresh
// salt. Other processes that have the file open then get
// [ErrWrongPassphrase] errors until they are restarted.
func (f *Store) ChangePassphrase(newPassphrase []byte) error {
	const op = "change the passphrase of"
	if err := checkNewPassphrase(f, op, newPassphrase); err != nil {
		return err
	}
	hdr, err := newHeader(defaultKDF)
	if err != nil {
		return err
	}
	aead, check, err := deriveKeys(newPassphrase, hdr)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	unlock, err := f.lock(op, "")
	if err != nil {
		return err
	}
	defer unlock()
	items, err := f.load(op, "")
	if err != nil {
		return err
	}
	oldHeader, oldCheck, oldAEAD := f.header, f.check, f.aead
	f.header, f.check, f.aead = hdr.raw, check, aead
	if err := f.write(op, "", items); err != nil {
		f.header, f.check, f.aead = oldHeader, oldCheck, oldAEAD
		return err
	}
	return nil
}

func checkNewPassphrase(f *Store, op string, p []byte) error {
	switch {
	case len(p) == 0:
		return f.errf(op, "", ErrPassphraseTooShort, "A passphrase is needed for the secrets file "+f.path+"; it is empty.", nil)
	case utf8.RuneCount(p) < MinPassphraseLen:
		return f.errf(op, "", ErrPassphraseTooShort, fmt.Sprintf("The passphrase for the secrets file %s must be at least %d characters long.", f.path, MinPassphraseLen), nil)
	}
	return nil
}

// create makes a new, empty secrets file, unless another process created
// one meanwhile, which is then opened instead.
func (f *Store) create(passphrase []byte) (*Store, error) {
	if err := checkNewPassphrase(f, "open", passphrase); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return nil, f.errf("open", "", secret.ErrUnavailable, "could not be created", err)
	}
	unlock, err := f.lock("open", "")
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(f.path); !errors.Is(err, fs.ErrNotExist) {
		unlock()
		return Open(f.path, passphrase) // lost the race, or unreadable: report that
	}
	defer unlock()
	hdr, err := newHeader(defaultKDF)
	if err != nil {
		return nil, err
	}
	if f.aead, f.check, err = deriveKeys(passphrase, hdr); err != nil {
		return nil, err
	}
	f.header = hdr.raw
	if err := f.write("open", "", map[string]string{}); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *Store) errf(op, key string, kind error, reason string, err error) *Error {
	return &Error{Path: f.path, Op: op, Key: key, Kind: kind, Reason: reason, Err: err}
}

// modify runs fn on the current items under the file lock, then writes them.
func (f *Store) modify(op, key string, fn func(map[string]string) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	unlock, err := f.lock(op, key)
	if err != nil {
		return err
	}
	defer unlock()
	items, err := f.load(op, key)
	if err != nil {
		return err
	}
	if err := fn(items); err != nil {
		return err
	}
	return f.write(op, key, items)
}

func (f *Store) lock(op, key string) (func(), error) {
	l := flock.New(f.path+".lock", flock.SetPermissions(0o600))
	if err := l.Lock(); err != nil {
		return nil, f.errf(op, key, secret.ErrUnavailable, "could not be locked", err)
	}
	return func() { _ = l.Unlock() }, nil
}

// load reads and decrypts the current file with the cached key.
func (f *Store) load(op, key string) (map[string]string, error) {
	raw, err := f.readRaw()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, f.errf(op, key, secret.ErrUnavailable, "is missing (moved or deleted after zoomconn opened it)", nil)
	}
	if err != nil {
		return nil, f.errf(op, key, secret.ErrUnavailable, "could not be read", err)
	}
	return f.decrypt(op, key, raw)
}

func (f *Store) readRaw() ([]byte, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, maxFileBytes+1))
}

// header is a parsed file header.
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
func (f *Store) parse(op, key string, raw []byte) (hdr header, check, sealed []byte, err error) {
	bad := func(reason string) (header, []byte, []byte, error) {
		return header{}, nil, nil, f.errf(op, key, ErrStoreTampered, reason, nil)
	}
	switch {
	case len(raw) == 0:
		return bad("it is empty")
	case len(raw) > maxFileBytes:
		return bad("it is far larger than a secrets file can be")
	case len(raw) < len(fileMagic) || string(raw[:len(fileMagic)]) != fileMagic:
		return bad("it is not a zoomconn secrets file")
	case len(raw) < fixedHeaderLen:
		return bad("it is cut short")
	}
	if v := raw[8]; v != fileVersion {
		if v > fileVersion {
			return header{}, nil, nil, f.errf(op, key, ErrStoreTooNew, fmt.Sprintf("format %d; this version reads format %d", v, fileVersion), nil)
		}
		return bad(fmt.Sprintf("unknown format %d", v))
	}
	saltLen := int(raw[19])
	hdrLen := fixedHeaderLen + saltLen
	if len(raw) < hdrLen+checkLen+nonceLen+tagLen+digestLen {
		return bad("it is cut short")
	}
	body, digest := raw[:len(raw)-digestLen], raw[len(raw)-digestLen:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], digest) {
		return bad("its checksum does not match; it may be cut short or corrupted")
	}
	p := kdfParams{
		Time:    binary.BigEndian.Uint32(raw[10:14]),
		Memory:  binary.BigEndian.Uint32(raw[14:18]),
		Threads: raw[18],
	}
	switch {
	case raw[9] != kdfArgon2id:
		return bad("it names an unknown key derivation")
	case p.Time < 1 || p.Time > kdfMaxTime,
		p.Threads < 1 || p.Threads > kdfMaxThreads,
		p.Memory < kdfMinMemory || p.Memory > kdfMaxMemory || p.Memory < 8*uint32(p.Threads):
		return bad("its key derivation settings are out of range")
	case saltLen < saltMinLen || saltLen > saltMaxLen:
		return bad("its salt has an invalid length")
	}
	hdr = header{raw: raw[:hdrLen:hdrLen], kdf: p, salt: raw[fixedHeaderLen:hdrLen:hdrLen]}
	return hdr, raw[hdrLen : hdrLen+checkLen], body[hdrLen+checkLen:], nil
}

// deriveKeys runs Argon2id once and derives, with HKDF-SHA256, the AES-256
// key and the key-check value. The master key is dropped.
func deriveKeys(passphrase []byte, h header) (cipher.AEAD, []byte, error) {
	master := argon2.IDKey(passphrase, h.salt, h.kdf.Time, h.kdf.Memory, h.kdf.Threads, 32)
	defer clear(master)
	encKey, err := hkdf.Expand(sha256.New, master, "zoomconn filestore v1 aes-256-gcm", 32)
	if err != nil {
		return nil, nil, err
	}
	defer clear(encKey)
	mac := hmac.New(sha256.New, master)
	mac.Write([]byte("zoomconn filestore v1 key-check"))
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, nil, err
	}
	return aead, mac.Sum(nil), nil
}

// decrypt checks a file read now against the key we hold and returns its items.
func (f *Store) decrypt(op, key string, raw []byte) (map[string]string, error) {
	hdr, check, sealed, err := f.parse(op, key, raw)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(hdr.raw, f.header) {
		// A new salt or KDF settings with a valid checksum: another
		// zoomconn changed the passphrase (or someone replaced the file).
		return nil, f.errf(op, key, ErrWrongPassphrase, "", nil)
	}
	if subtle.ConstantTimeCompare(check, f.check) != 1 {
		return nil, f.errf(op, key, ErrStoreTampered, "its passphrase check was altered", nil)
	}
	plain, err := f.aead.Open(nil, sealed[:nonceLen], sealed[nonceLen:], hdr.raw)
	if err != nil {
		return nil, f.errf(op, key, ErrStoreTampered, "its encrypted contents fail authentication", nil)
	}
	defer clear(plain)
	items, ok := decodePayload(plain)
	if !ok {
		return nil, f.errf(op, key, ErrStoreTampered, "its decrypted contents are malformed", nil)
	}
	return items, nil
}

// write encrypts items under the cached key with a fresh nonce and
// replaces the file atomically. Callers hold the file lock.
func (f *Store) write(op, key string, items map[string]string) error {
	plain := encodePayload(items)
	defer clear(plain)
	size := len(f.header) + checkLen + nonceLen + len(plain) + tagLen + digestLen
	if size > maxFileBytes {
		return f.errf(op, key, secret.ErrTooLarge, "the file would grow past its size limit", nil)
	}
	out := make([]byte, 0, size)
	out = append(out, f.header...)
	out = append(out, f.check...)
	nonce := make([]byte, nonceLen)
	if _, err := rand.Read(nonce); err != nil {
		return f.errf(op, key, secret.ErrUnavailable, "could not be written", err)
	}
	out = append(out, nonce...)
	out = f.aead.Seal(out, nonce, plain, f.header)
	sum := sha256.Sum256(out)
	out = append(out, sum[:]...)

	writeFile := f.writeFile
	if writeFile == nil {
		writeFile = atomicfile.Write
	}
	if err := writeFile(f.path, out); err != nil {
		return f.errf(op, key, secret.ErrUnavailable, "could not be written, so nothing was saved", err)
	}
	return nil
}

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
