package store

import "zoomconn/auth"

// Seams for this package's external tests (package store_test), which
// otherwise see only what the other packages see.

// SetWriteFile makes s write the metadata file with fn instead of the
// atomic write (nil restores it), so a test can make the write fail.
func (s *Store) SetWriteFile(fn func(path string, data []byte) error) { s.writeFile = fn }

// Write writes d as the metadata file as a save would, without a lock or
// validation, to seed a large store quickly.
func (s *Store) Write(d *auth.Data) error { return s.write(d) }

// MaxImportItems bounds each kind of item of one import file.
const MaxImportItems = maxImportItems
