package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// setDACL gives dir the access list sddl describes.
func setDACL(t *testing.T, dir, sddl string) {
	t.Helper()
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		t.Fatal(err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	if err := windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil); err != nil {
		t.Fatal(err)
	}
}

// The Windows check reads the owner and the access list: a directory this
// user made is ours; one that lets Everyone in is not private, and
// PrivateDir replaces its list (Windows keeps the new one; Wine 8.0
// accepts it without keeping it, so the last check runs on Windows only).
// scripts/test-windows.sh runs it under Wine.
func TestPrivateDirOnWindowsMeansOwnerAndDACL(t *testing.T) {
	// Not t.TempDir: its RemoveAll fails under Wine 8.0.
	parent, err := os.MkdirTemp("", "zoomconn-owner")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "zoomconn")
	t.Cleanup(func() { os.Remove(dir); os.Remove(parent) })
	if err := PrivateDir(dir); err != nil {
		t.Fatalf("PrivateDir of a new directory: %v", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ownedByOther(dir, fi) {
		t.Fatal("a directory this process made counts as another user's")
	}
	user, err := currentUser()
	if err != nil {
		t.Fatal(err)
	}
	everyone, err := windows.CreateWellKnownSid(windows.WinWorldSid)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		owner *windows.SID
		want  bool
	}{{"this user", user, true}, {"Everyone", everyone, false}} {
		if got := ours(tt.owner, user); got != tt.want {
			t.Errorf("ours(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	setDACL(t, dir, fmt.Sprintf("D:P(A;OICI;FA;;;%s)(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;WD)", user))
	private, err := privateDACL(dir, user)
	if err != nil {
		t.Fatal(err)
	}
	if private {
		t.Fatal("a DACL letting Everyone read counts as private")
	}
	if err := PrivateDir(dir); err != nil {
		t.Fatalf("PrivateDir of a directory Everyone may read: %v", err)
	}
	if private, err = privateDACL(dir, user); err != nil || (!private && !underWine()) {
		t.Fatalf("after PrivateDir: private %v, %v", private, err)
	}
}

// underWine reports whether this runs under Wine, whose ntdll exports
// wine_get_version.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
