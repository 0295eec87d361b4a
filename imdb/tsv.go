package imdb

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxLine bounds one line of a dump. Real lines stay under a few kilobytes; the
// bound keeps a corrupt file (a binary blob without newlines) from costing
// unbounded memory. A longer line is a bad row, skipped like any other.
const MaxLine = 8 << 20

// null is how the dumps write a missing value.
const null = `\N`

// tsvReader reads one IMDb TSV file. The format is not CSV: there is no quoting
// (a bare " is an ordinary character), fields are split on every tab, rows end
// with LF (the last one may not), and each line must carry exactly as many
// fields as the header. Rows with another count, invalid UTF-8 or an over-long
// line are reported through Bad and skipped by the caller.
type tsvReader struct {
	name  string
	br    *bufio.Reader
	ncols int
	line  int64 // 1-based number of the current line; the header is line 1

	raw  []byte // current line, without the line end
	long []byte // accumulates lines longer than the bufio buffer
	offs []int  // field i is raw[offs[i] : offs[i+1]-1]
	str  string // raw as a string, made on the first call to Str
	conv bool

	bad string // why the current line is bad, "" when it is good
	err error  // fatal: I/O, truncated gzip
	eof bool
}

// newTSVReader reads the header and checks it against want.
func newTSVReader(name string, r io.Reader, want []string) (*tsvReader, error) {
	t := &tsvReader{name: name, br: bufio.NewReaderSize(r, 1<<20), ncols: len(want)}
	t.offs = make([]int, 0, len(want)+1)
	if !t.readLine() {
		if t.err != nil {
			return nil, t.err
		}
		return nil, fmt.Errorf("%s is empty: expected a header with columns %q", name, want)
	}
	head := bytes.TrimPrefix(t.raw, []byte("\xef\xbb\xbf"))
	got := strings.Split(string(head), "\t")
	if !equalStrings(got, want) {
		return nil, fmt.Errorf("%s has the wrong header: expected columns %q, found %q", name, want, got)
	}
	return t, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Next advances to the next row. It returns false at the end of the file or on
// a fatal error (see Err). A bad row is still returned, with Bad set.
func (t *tsvReader) Next() bool {
	if !t.readLine() {
		return false
	}
	t.split()
	return true
}

// Err returns the fatal error that ended reading, if any.
func (t *tsvReader) Err() error { return t.err }

// Line is the 1-based line number of the current row.
func (t *tsvReader) Line() int64 { return t.line }

// Bad says why the current row is unusable, or "" when it is fine.
func (t *tsvReader) Bad() string { return t.bad }

// Bytes returns field i of the current row; valid until the next call to Next.
func (t *tsvReader) Bytes(i int) []byte { return t.raw[t.offs[i] : t.offs[i+1]-1] }

// Str returns field i as a string. The whole line is converted once and fields
// are substrings of it, so a row costs one allocation however many fields are
// kept.
func (t *tsvReader) Str(i int) string {
	if !t.conv {
		t.str = string(t.raw)
		t.conv = true
	}
	return t.str[t.offs[i] : t.offs[i+1]-1]
}

// IsNull reports whether field i is \N.
func (t *tsvReader) IsNull(i int) bool { return string(t.Bytes(i)) == null }

// readLine loads the next line into raw, handling lines longer than the
// buffer, a missing final newline and CRLF endings.
func (t *tsvReader) readLine() bool {
	if t.eof || t.err != nil {
		return false
	}
	t.conv, t.bad = false, ""
	t.line++
	t.long = t.long[:0]
	tooLong := false
	for {
		chunk, err := t.br.ReadSlice('\n')
		if !tooLong {
			if len(t.long)+len(chunk) > MaxLine {
				tooLong = true
				t.long = t.long[:0]
			} else if err == bufio.ErrBufferFull || len(t.long) > 0 {
				t.long = append(t.long, chunk...)
			}
		}
		switch {
		case err == nil:
			if !tooLong && len(t.long) > 0 {
				chunk = t.long
			}
			t.raw = trimEOL(chunk)
		case err == bufio.ErrBufferFull:
			continue
		case errors.Is(err, io.EOF):
			t.eof = true
			if !tooLong && len(t.long) > 0 {
				chunk = t.long
			}
			if len(chunk) == 0 && !tooLong {
				return false // the file ended with a newline
			}
			t.raw = trimEOL(chunk)
		default:
			t.err = readError(t.name, t.line, err)
			return false
		}
		if tooLong {
			t.raw = t.raw[:0]
			t.bad = fmt.Sprintf("line longer than %d MiB", MaxLine>>20)
		}
		return true
	}
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte{'\n'})
	return bytes.TrimSuffix(b, []byte{'\r'})
}

// readError names the file and line of an I/O failure; a gzip stream that
// ends early is the common case and gets a plain explanation.
func readError(name string, line int64, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s is truncated (the compressed stream ends early, near line %d): download it again: %w", name, line, err)
	}
	return fmt.Errorf("%s: read error near line %d: %w", name, line, err)
}

// split records field offsets and classifies the row.
func (t *tsvReader) split() {
	if t.bad != "" {
		return
	}
	t.offs = append(t.offs[:0], 0)
	n := 1
	for i, c := range t.raw {
		if c == '\t' {
			n++
			if n > t.ncols {
				break
			}
			t.offs = append(t.offs, i+1)
		}
	}
	if n != t.ncols {
		if n > t.ncols {
			n = bytes.Count(t.raw, []byte{'\t'}) + 1
		}
		t.bad = fmt.Sprintf("%d fields, want %d", n, t.ncols)
		return
	}
	t.offs = append(t.offs, len(t.raw)+1)
	if !utf8.Valid(t.raw) {
		t.bad = "invalid UTF-8"
	}
}
