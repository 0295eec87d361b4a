package letterboxd

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io/fs"
	"strings"
	"testing"

	"reel"
)

type entry struct {
	name string
	data string
	mode fs.FileMode
}

func buildZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.data == "" {
			h.Method = zip.Store // a flate writer per empty entry is slow
		}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip holds one entry whose header claims claimed bytes while its
// deflate stream inflates to n zero bytes.
func lyingZip(t testing.TB, name string, n int, claimed uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for written := 0; written < n; written += len(zeros) {
		chunk := zeros[:min(len(zeros), n-written)]
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: claimed,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestOpenZipRefusesHostileArchives(t *testing.T) {
	const watched = "Date,Name,Year,Letterboxd URI\n"
	many := make([]entry, MaxFiles+1)
	for i := range many {
		many[i] = entry{name: strings.Repeat("d/", 1) + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + ".txt"}
	}
	tests := []struct {
		name string
		zip  []byte
		want string
	}{
		{"parent path", buildZip(t, entry{name: "../watched.csv", data: watched}), `"../watched.csv" points outside`},
		{"nested parent path", buildZip(t, entry{name: "lists/../../x.csv", data: watched}), "points outside"},
		{"absolute path", buildZip(t, entry{name: "/etc/watched.csv", data: watched}), "points outside"},
		{"windows path", buildZip(t, entry{name: `..\watched.csv`, data: watched}), "points outside"},
		{"symlink", buildZip(t, entry{name: "watched.csv", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777}), "is a link"},
		{"duplicate", buildZip(t, entry{name: "watched.csv", data: watched}, entry{name: "watched.csv", data: watched}), "appears twice"},
		{"too many files", buildZip(t, many...), "entries, over the limit"},
		{"bomb by ratio", lyingZip(t, "watched.csv", 8<<20, 8<<20), "zip bomb"},
		{"bomb past the file limit", lyingZip(t, "watched.csv", 1<<20, MaxFileBytes+1), "over the limit"},
		{"bomb lying about its size", lyingZip(t, "watched.csv", 4<<20, 100), "cannot read watched.csv"},
		{"not a zip", []byte("Date,Name,Year\n"), "not a zip file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp, err := OpenZip(bytes.NewReader(tt.zip), int64(len(tt.zip)))
			if err == nil || exp != nil {
				t.Fatalf("accepted: %v", exp)
			}
			if reel.ErrorCode(err) != reel.Invalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v (%s), want invalid containing %q", err, reel.ErrorCode(err), tt.want)
			}
		})
	}
}

func TestOpenZipTotalBudget(t *testing.T) {
	// Each file is under the per-file limit and compresses modestly, but
	// together they claim more than MaxTotalBytes.
	n := MaxTotalBytes/MaxFileBytes + 1
	var entries []*zip.FileHeader
	for i := range n {
		entries = append(entries, &zip.FileHeader{Name: "lists/" + string(rune('a'+i)) + ".csv", UncompressedSize64: MaxFileBytes})
	}
	zr := &zip.Reader{}
	for _, h := range entries {
		h.CompressedSize64 = h.UncompressedSize64 / 2
		zr.File = append(zr.File, &zip.File{FileHeader: *h})
	}
	err := checkZip(zr)
	if err == nil || !strings.Contains(err.Error(), "expands past the limit") {
		t.Fatalf("err = %v", err)
	}
}
