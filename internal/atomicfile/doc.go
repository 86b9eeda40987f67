// Package atomicfile replaces a file so that a crash at any instant leaves
// either the old or the new content, never a mix, with mode 0600. It is the
// one writer of the metadata file and the encrypted secrets file.
package atomicfile
