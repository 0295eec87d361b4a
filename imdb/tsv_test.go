package imdb

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

var testCols = []string{"a", "b", "c"}

type row struct {
	line   int64
	fields []string
	bad    string
}

func readAll(t *testing.T, input string) ([]row, error) {
	t.Helper()
	r, err := newTSVReader("test.tsv", strings.NewReader(input), testCols)
	if err != nil {
		return nil, err
	}
	var rows []row
	for r.Next() {
		rw := row{line: r.Line(), bad: r.Bad()}
		if rw.bad == "" {
			for i := range testCols {
				rw.fields = append(rw.fields, r.Str(i))
			}
		}
		rows = append(rows, rw)
	}
	return rows, r.Err()
}

func TestTSVTraps(t *testing.T) {
	long := strings.Repeat("x", 3<<20) // longer than the 1 MiB read buffer
	input := "a\tb\tc\n" +
		"1\tStephen \"Dr\" Love\t\\N\n" + // bare quotes, null
		"2\t[\"Woman - (segment: \\\"Fire\\\")\"]\tx\r\n" + // JSON with escaped quotes, CRLF
		"3\tonly two\n" + // too few fields
		"4\ta\tb\tc\n" + // too many
		"5\t\xff\xfe\tz\n" + // invalid UTF-8
		"6\t" + long + "\tend\n" + // very long line
		"\n" + // blank line
		"7\tlast\tno newline"
	rows, err := readAll(t, input)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{2, []string{"1", `Stephen "Dr" Love`, `\N`}, ""},
		{3, []string{"2", `["Woman - (segment: \"Fire\")"]`, "x"}, ""},
		{4, nil, "2 fields, want 3"},
		{5, nil, "4 fields, want 3"},
		{6, nil, "invalid UTF-8"},
		{7, []string{"6", long, "end"}, ""},
		{8, nil, "1 fields, want 3"},
		{9, []string{"7", "last", "no newline"}, ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		g, w := rows[i], want[i]
		if g.line != w.line || g.bad != w.bad || strings.Join(g.fields, "|") != strings.Join(w.fields, "|") {
			t.Errorf("row %d: got line %d bad %q %.60q, want line %d bad %q %.60q", i, g.line, g.bad, g.fields, w.line, w.bad, w.fields)
		}
	}
}

func TestTSVLineTooLong(t *testing.T) {
	input := "a\tb\tc\n1\t" + strings.Repeat("y", MaxLine+10) + "\tz\n2\tok\tfine\n"
	rows, err := readAll(t, input)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !strings.Contains(rows[0].bad, "longer than") || rows[1].bad != "" || rows[1].line != 3 {
		t.Fatalf("rows: %d, first bad %q, second %+v", len(rows), rows[0].bad, rows[len(rows)-1].line)
	}
}

func TestTSVHeader(t *testing.T) {
	for _, input := range []string{"", "a\tb\n", "a\tc\tb\n1\t2\t3\n"} {
		_, err := readAll(t, input)
		if err == nil {
			t.Errorf("header of %q accepted", input)
			continue
		}
		if !strings.Contains(err.Error(), "test.tsv") || !strings.Contains(err.Error(), `"a" "b" "c"`) {
			t.Errorf("unclear header error: %v", err)
		}
	}
	if _, err := readAll(t, "\xef\xbb\xbfa\tb\tc\n"); err != nil {
		t.Errorf("BOM before the header: %v", err)
	}
}

func TestTSVTruncatedGzip(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, "a\tb\tc\n")
	for i := 0; i < 20000; i++ {
		io.WriteString(zw, "1\ttwo\tthree four five six\n")
	}
	zw.Close()
	cut := b.Bytes()[:b.Len()/2]
	zr, err := gzip.NewReader(bytes.NewReader(cut))
	if err != nil {
		t.Fatal(err)
	}
	r, err := newTSVReader("t.tsv.gz", zr, testCols)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r.Next() {
		n++
	}
	if r.Err() == nil || !strings.Contains(r.Err().Error(), "truncated") || !strings.Contains(r.Err().Error(), "t.tsv.gz") {
		t.Fatalf("after %d rows: %v, want a truncation error naming the file", n, r.Err())
	}
}

// FuzzTSVReader checks the reader's invariants on any input: no panic, good
// rows have exactly the header's field count with no tab or newline inside a
// field and valid UTF-8, and line numbers grow by one.
func FuzzTSVReader(f *testing.F) {
	f.Add("a\tb\tc\n1\t2\t3\n")
	f.Add("a\tb\tc\n1\tStephen \"Dr\" Love\t\\N")
	f.Add("a\tb\tc\r\n1\t[\"x \\\"y\\\"\"]\t3\r\n\n\n")
	f.Add("a\tb\tc\n1\t\xff\t3\n1\t2\n1\t2\t3\t4\n")
	f.Add("\xef\xbb\xbfa\tb\tc\n\t\t\n")
	f.Fuzz(func(t *testing.T, input string) {
		r, err := newTSVReader("f.tsv", strings.NewReader(input), testCols)
		if err != nil {
			return
		}
		line := int64(1)
		for r.Next() {
			line++
			if r.Line() != line {
				t.Fatalf("line %d, want %d", r.Line(), line)
			}
			if r.Bad() != "" {
				continue
			}
			var parts []string
			for i := range testCols {
				s := r.Str(i)
				if strings.ContainsAny(s, "\t\n") || !utf8.ValidString(s) || string(r.Bytes(i)) != s {
					t.Fatalf("field %d = %q", i, s)
				}
				parts = append(parts, s)
			}
			if got := strings.Join(parts, "\t"); !strings.Contains(input, got) {
				t.Fatalf("row %q is not in the input", got)
			}
		}
		if r.Err() != nil {
			t.Fatalf("error on in-memory input: %v", r.Err())
		}
	})
}

// FuzzFieldParsers checks that the field parsers never panic and only accept
// what they claim to.
func FuzzFieldParsers(f *testing.F) {
	for _, s := range []string{"tt0000001", "nm123", "7.3", "10", "10.0", `\N`, "1999", "Pain & Glory", "8½ Schindler's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if id, ok := parseID(b, "tt"); ok && (id == 0 || !strings.HasPrefix(s, "tt")) {
			t.Fatalf("parseID(%q) = %d", s, id)
		}
		if v, ok := parseTenths(b); ok && (v < 0 || v > 100) {
			t.Fatalf("parseTenths(%q) = %d", s, v)
		}
		if v, ok := parseOptInt(b); ok && v < 0 {
			t.Fatalf("parseOptInt(%q) = %d", s, v)
		}
		seen := map[string]bool{}
		for _, k := range appendKeys(nil, s) {
			if k == "" || len(k) > maxKeyLen || seen[k] || strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") {
				t.Fatalf("appendKeys(%q) gave key %q", s, k)
			}
			seen[k] = true
		}
	})
}

func TestAppendKeys(t *testing.T) {
	got := appendKeys(nil, "Pedro Almodóvar")
	got = appendKeys(got, "pedro ALMODOVAR") // same keys: not repeated
	if strings.Join(got, "|") != "pedro almodovar|almodovar" {
		t.Fatalf("keys %q", got)
	}
}

func TestRatingsLookup(t *testing.T) {
	r := newRatings()
	r.add(30, 73, 1000)
	r.add(10, 50, 5)
	r.add(30, 80, 2000) // a later duplicate wins
	r.finish()
	if v, tenths, ok := r.get(30); !ok || v != 2000 || tenths != 80 {
		t.Errorf("get(30) = %d %d %v", v, tenths, ok)
	}
	if v, _, ok := r.get(10); !ok || v != 5 {
		t.Errorf("get(10) = %d %v", v, ok)
	}
	if _, _, ok := r.get(20); ok {
		t.Error("get(20) found a rating")
	}
}

func TestIDSet(t *testing.T) {
	var s idSet
	for _, id := range []uint32{1, 65535, 65536, maxID} {
		if !s.Add(id) || s.Add(id) || !s.Has(id) {
			t.Fatalf("id %d", id)
		}
	}
	if s.Has(2) || s.Len() != 4 {
		t.Fatal("set has an id never added")
	}
	var v idValues
	v.Max(7, 3)
	v.Max(7, 2)
	if v.Get(7) != 3 || v.Get(8) != 0 {
		t.Fatal("idValues.Max")
	}
}
