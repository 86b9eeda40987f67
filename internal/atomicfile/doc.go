// Package atomicfile replaces a file so that a crash at any instant leaves
// either the old or the new content, never a mix, with mode 0600. It is the
// one writer of the metadata file, the encrypted secrets file and the
// window's remembered layout.
package atomicfile
