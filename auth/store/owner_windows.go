package store

import "io/fs"

// ownedByOther is false on Windows: the profile directory's ACLs, not an
// owner and mode bits, keep other users out of it.
func ownedByOther(fs.FileInfo) bool { return false }
