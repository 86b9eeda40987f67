package store_test

import (
	"fmt"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// seedStore writes n connections straight to the metadata file.
func seedStore(tb testing.TB, n int) *store.Store {
	s := storetest.New(tb, &secrettest.Memory{})
	d := &auth.Data{Schema: auth.SchemaVersion, Clients: []auth.OAuthClient{{ID: "c", Name: "Client", ClientID: "x", Kind: auth.Public}}}
	ep, _ := auth.PresetEndpoints(auth.PresetZoom)
	for i := range n {
		c := auth.Connection{ID: fmt.Sprintf("id-%06d", i), Name: fmt.Sprintf("Connection %06d", i), Type: auth.AuthS2S, AccountID: "acct", ClientID: "client", Endpoints: ep}
		if i%2 == 1 {
			c.Type, c.AccountID, c.ClientID, c.OAuthClientID = auth.AuthOAuth, "", "", "c"
		}
		d.Connections = append(d.Connections, c)
	}
	if err := s.Write(d); err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkLoad10k is a process's first read of a store of 10,000: a
// fresh Store each time, so no remembered parse helps.
func BenchmarkLoad10k(b *testing.B) {
	s := seedStore(b, 10_000)
	for b.Loop() {
		fresh, err := store.Open(s.Dir(), s.Secrets())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := fresh.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReload10k reads the unchanged file again in the same process
// (a token request does so up to four times).
func BenchmarkReload10k(b *testing.B) {
	s := seedStore(b, 10_000)
	if _, err := s.Load(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave10k saves one connection into a store of 10,000: lock,
// load, validate, write the whole file atomically with fsync.
func BenchmarkSave10k(b *testing.B) {
	s := seedStore(b, 10_000)
	d, _ := s.Load()
	c := d.Connections[0]
	for i := 0; b.Loop(); i++ {
		in := auth.ConnectionInput{ID: c.ID, Name: fmt.Sprintf("Renamed %d", i), Type: auth.AuthS2S, AccountID: "acct", ClientID: "client"}
		if _, err := s.SaveConnection(in); err != nil {
			b.Fatal(err)
		}
	}
}
