package keyring

// A secret longer than one keyring item holds (Windows Credential Manager
// takes 2,560 bytes; an OAuth access token with many scopes can be longer)
// is kept in parts: the item under its key holds a header naming how many
// parts there are, and items KEY#part1 … KEY#partN hold them in order.
// A header starts with a NUL byte, which no secret holds (a secret that
// does is kept in parts too, so it is never mistaken for one).

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	gokeyring "github.com/zalando/go-keyring"
)

// MaxParts is the most parts one secret is split into.
const MaxParts = 32

const partsHeader = "\x00keyring-parts:"

func partKey(key string, i int) string { return key + "#part" + strconv.Itoa(i) }

// countParts is the number of parts a header names; ok is false when v is
// a whole secret.
func countParts(v string) (n int, ok bool, err error) {
	rest, ok := strings.CutPrefix(v, partsHeader)
	if !ok {
		return 0, false, nil
	}
	n, err = strconv.Atoi(rest)
	if err != nil || n < 1 || n > MaxParts {
		return 0, true, fmt.Errorf("a damaged keyring item header (%d bytes)", len(v))
	}
	return n, true, nil
}

// getParts reads the secret under key, joining its parts if it has them.
// A missing part is ErrNotFound: the secret is not there whole.
func getParts(b api, service, key string) (string, error) {
	v, err := b.Get(service, key)
	if err != nil {
		return "", err
	}
	n, parted, err := countParts(v)
	if !parted || err != nil {
		return v, err
	}
	var whole strings.Builder
	for i := 1; i <= n; i++ {
		p, err := b.Get(service, partKey(key, i))
		if err != nil {
			return "", err
		}
		whole.WriteString(p)
	}
	return whole.String(), nil
}

// setParts saves value under key, in parts of at most max bytes when it is
// longer (max 0: never), and deletes the parts an earlier, longer value
// left. The parts are written before the header that names them.
func setParts(b api, service, key, value string, max int) error {
	old := 0
	if max > 0 {
		if v, err := b.Get(service, key); err == nil {
			old, _, _ = countParts(v)
		}
	}
	n := 0
	if max > 0 && (len(value) > max || strings.HasPrefix(value, "\x00")) {
		for rest := value; rest != ""; n++ {
			p := rest[:min(max, len(rest))]
			rest = rest[len(p):]
			if err := b.Set(service, partKey(key, n+1), p); err != nil {
				return err
			}
		}
		if err := b.Set(service, key, partsHeader+strconv.Itoa(n)); err != nil {
			return err
		}
	} else if err := b.Set(service, key, value); err != nil {
		return err
	}
	return deletePartsFrom(b, service, key, n+1, old)
}

// deleteParts deletes the secret under key and its parts (only a store
// with a limit, max > 0, writes parts).
func deleteParts(b api, service, key string, max int) error {
	n := 0
	if max > 0 {
		if v, err := b.Get(service, key); err == nil {
			n, _, _ = countParts(v)
		}
	}
	if err := b.Delete(service, key); err != nil {
		return err
	}
	return deletePartsFrom(b, service, key, 1, n)
}

// deletePartsFrom deletes parts from to last; one already gone is no error.
func deletePartsFrom(b api, service, key string, from, last int) error {
	for i := from; i <= last; i++ {
		if err := b.Delete(service, partKey(key, i)); err != nil && !errors.Is(err, gokeyring.ErrNotFound) {
			return err
		}
	}
	return nil
}
