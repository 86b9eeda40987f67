package store

// On Windows a directory's mode bits mean nothing (os.Chmod only sets the
// read-only flag): its owner and its DACL say who may read or replace its
// files. A private directory is owned by this user (or by SYSTEM or the
// Administrators, who can take anything over anyway) and its DACL allows
// nobody else; makePrivate makes it so with a protected DACL, the
// equivalent of chmod 700.

import (
	"fmt"
	"io/fs"

	"unsafe"

	"golang.org/x/sys/windows"
)

// trusted are the SIDs besides the user's own that may own or open the
// directory: SYSTEM, the Administrators group, and the owner placeholders
// (CREATOR OWNER, OWNER RIGHTS), which stand for the owner.
var trusted = []windows.WELL_KNOWN_SID_TYPE{
	windows.WinLocalSystemSid, windows.WinBuiltinAdministratorsSid,
	windows.WinCreatorOwnerSid, windows.WinCreatorOwnerRightsSid,
}

// currentUser is the SID of the user this process runs as.
func currentUser() (*windows.SID, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, err
	}
	return u.User.Sid, nil
}

// ours reports whether sid is this user's or a trusted one.
func ours(sid, user *windows.SID) bool {
	if sid.Equals(user) {
		return true
	}
	for _, t := range trusted {
		if sid.IsWellKnown(t) {
			return true
		}
	}
	return false
}

// ownedByOther reports whether dir's owner is another user. A directory
// whose owner cannot be read (a file system without security, such as
// FAT) counts as ours, as a Unix file system without owners would.
func ownedByOther(dir string, _ fs.FileInfo) bool {
	user, err := currentUser()
	if err != nil {
		return false
	}
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return false
	}
	owner, _, err := sd.Owner()
	if err != nil || owner == nil {
		return false
	}
	return !ours(owner, user)
}

// makePrivate replaces dir's DACL with a protected one (nothing inherited)
// allowing only this user, SYSTEM and the Administrators, unless it allows
// nobody else already.
func makePrivate(dir string, _ fs.FileInfo) error {
	user, err := currentUser()
	if err != nil {
		return err
	}
	private, err := privateDACL(dir, user)
	if err != nil || private {
		return err
	}
	sd, err := windows.SecurityDescriptorFromString(fmt.Sprintf("D:P(A;OICI;FA;;;%s)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)", user))
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	// As chmod on Unix, a success is taken at its word: Wine 8.0 accepts a
	// directory's DACL and keeps its Unix mode, so a check after this
	// would refuse every directory there (Windows keeps it).
	return windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
}

// privateDACL reports whether dir's DACL allows access to nobody but user
// and the trusted SIDs. A missing (NULL) DACL allows everyone.
func privateDACL(dir string, user *windows.SID) (bool, error) {
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return false, err
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		return false, nil
	}
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return false, err
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 {
			continue // a deny, or one for what is created inside only
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if !ours(sid, user) {
			return false, nil
		}
	}
	return true, nil
}
