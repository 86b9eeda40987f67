package secrettest

import (
	"sort"
	"sync"
	"zoomconn/auth/secret"
)

// Memory is an in-memory [secret.Store] for tests. It passes
// the same contract suite as the real stores. Real secrets belong in the
// keyring or the encrypted file.
type Memory struct {
	mu    sync.Mutex
	items map[string]string
	// Fail, when set, is asked before every operation ("read", "save",
	// "delete"); a non-nil result is returned instead of doing it.
	Fail func(op, key string) error
}

func (m *Memory) Get(key string) (string, error) {
	if err := m.fail("read", key); err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.items[key]
	if !ok {
		return "", &secret.Error{Op: "read", Key: key, Kind: secret.ErrNotFound}
	}
	return v, nil
}

func (m *Memory) Set(key, value string) error {
	if err := m.fail("save", key); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.items == nil {
		m.items = map[string]string{}
	}
	m.items[key] = value
	return nil
}

func (m *Memory) Delete(key string) error {
	if err := m.fail("delete", key); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.items[key]; !ok {
		return &secret.Error{Op: "delete", Key: key, Kind: secret.ErrNotFound}
	}
	delete(m.items, key)
	return nil
}

// Snapshot returns a copy of every item, for comparing states in tests.
func (m *Memory) Snapshot() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]string, len(m.items))
	for k, v := range m.items {
		out[k] = v
	}
	return out
}

// Keys returns the stored keys, sorted.
func (m *Memory) Keys() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	keys := make([]string, 0, len(m.items))
	for k := range m.items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (m *Memory) fail(op, key string) error {
	if m.Fail == nil {
		return nil
	}
	return m.Fail(op, key)
}
