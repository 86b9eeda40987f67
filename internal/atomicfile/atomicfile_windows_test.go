package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file another process is reading cannot be replaced on Windows until
// it is closed: Write waits for that (here the reader closes it at
// Write's first pause) instead of failing the save. scripts/test-windows.sh
// runs it under Wine.
func TestWriteWaitsForAReaderToClose(t *testing.T) {
	// Not t.TempDir: its RemoveAll fails under Wine 8.0 ("Invalid
	// function"), which lacks the POSIX-semantics delete Go 1.26 uses there.
	dir, err := os.MkdirTemp("", "atomicfile")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "connections.json")
	t.Cleanup(func() { os.Remove(path); os.Remove(dir) })
	if err := Write(path, []byte("old")); err != nil {
		t.Fatal(err)
	}
	reader, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	pauses := 0
	pause = func(time.Duration) {
		pauses++
		reader.Close()
	}
	t.Cleanup(func() { pause = time.Sleep })
	if err := Write(path, []byte("new")); err != nil {
		t.Fatalf("Write while a reader had the file open: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Fatalf("after Write: %q, %v", got, err)
	}
	t.Logf("Write paused %d time(s) for the reader", pauses)
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".connections.json-*.tmp"))
	if len(left) != 0 {
		t.Fatalf("temp files left: %v", left)
	}
}
