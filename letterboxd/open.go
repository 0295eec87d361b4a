package letterboxd

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"reel"
)

// Open reads an export from a .zip file or an unpacked folder.
func Open(path string) (*Export, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot open %s", path)
	}
	if info.IsDir() {
		return openDir(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot open %s", path)
	}
	defer f.Close()
	return OpenZip(f, info.Size())
}

// openDir reads a folder through an os.Root, so that no link inside it
// reaches a file outside.
func openDir(path string) (*Export, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: cannot open %s", path)
	}
	defer root.Close()
	return Read(root.FS())
}

// OpenZip reads an export from a zip archive of size bytes, such as an
// upload. Entries that leave the export, links, and archives that expand
// past the limits are refused before anything is read.
func OpenZip(r io.ReaderAt, size int64) (*Export, error) {
	zr, err := zip.NewReader(r, size)
	// With GODEBUG=zipinsecurepath=0 the reader comes back with
	// ErrInsecurePath; checkZip then names the entry.
	if zr == nil || err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, reel.Wrap(err, reel.Invalid, "letterboxd: not a zip file")
	}
	if err := checkZip(zr); err != nil {
		return nil, err
	}
	return Read(zr)
}

// checkZip vets the archive's directory. The sizes it checks are what the
// archive claims; load enforces the same limits on the bytes actually
// inflated, and archive/zip rejects an entry that inflates past its claim.
func checkZip(zr *zip.Reader) error {
	if len(zr.File) > MaxFiles {
		return reel.Errorf(reel.Invalid, "letterboxd: the zip holds %d entries, over the limit of %d", len(zr.File), MaxFiles)
	}
	seen := make(map[string]bool, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if err := checkEntry(f); err != nil {
			return err
		}
		name := strings.TrimSuffix(f.Name, "/")
		if seen[name] {
			return reel.Errorf(reel.Invalid, "letterboxd: zip entry %q appears twice", f.Name)
		}
		seen[name] = true
		total += f.UncompressedSize64
		if total > MaxTotalBytes {
			return reel.Errorf(reel.Invalid, "letterboxd: the zip expands past the limit of %d MB", MaxTotalBytes>>20)
		}
	}
	return nil
}

func checkEntry(f *zip.File) error {
	name := strings.TrimSuffix(f.Name, "/")
	if !fs.ValidPath(name) || strings.Contains(name, `\`) || strings.Contains(name, ":") {
		return reel.Errorf(reel.Invalid, "letterboxd: zip entry %q points outside the export", f.Name)
	}
	mode := f.Mode()
	if mode&fs.ModeSymlink != 0 || !(mode.IsRegular() || mode.IsDir()) {
		return reel.Errorf(reel.Invalid, "letterboxd: zip entry %q is a link or device, not a file", f.Name)
	}
	if f.UncompressedSize64 > MaxFileBytes {
		return reel.Errorf(reel.Invalid, "letterboxd: zip entry %q expands to %d MB, over the limit of %d MB",
			f.Name, f.UncompressedSize64>>20, MaxFileBytes>>20)
	}
	if f.UncompressedSize64 > RatioFloor && f.UncompressedSize64 > MaxRatio*f.CompressedSize64 {
		return reel.Errorf(reel.Invalid, "letterboxd: zip entry %q expands more than %d times: refusing a likely zip bomb", f.Name, MaxRatio)
	}
	return nil
}
