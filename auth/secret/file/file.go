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
	"sync"
	"unicode/utf8"
	"zoomconn/auth/secret"
	"zoomconn/internal/atomicfile"

	"github.com/gofrs/flock"
	"golang.org/x/crypto/argon2"
)

// MinPassphraseLen is the minimum length, in characters, of the passphrase
// of a new secrets file (or of a new passphrase for an existing one).
const MinPassphraseLen = 8

// MaxSecretBytes is the largest secret [Store.Set] accepts.
const MaxSecretBytes = 64 << 10

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
		return nil, f.errf(op, key, secret.ErrUnavailable, "is missing (moved or deleted after it was opened)", nil)
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
		return bad("it is not a secrets file")
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
