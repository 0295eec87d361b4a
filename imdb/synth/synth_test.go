package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteIsDeterministicAndSized writes the same config twice and checks the
// files are identical, have the configured row counts and end without a
// newline, as the real truncated dumps do.
func TestWriteIsDeterministicAndSized(t *testing.T) {
	c := Scaled(2000)
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, c); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, c); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"title.basics.tsv": c.Titles, "title.crew.tsv": c.Titles, "title.akas.tsv": c.Akas,
		"title.principals.tsv": c.Principals, "name.basics.tsv": c.Names, "title.ratings.tsv": c.Ratings,
	}
	total := 0
	for name, rows := range want {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		lines := strings.Split(string(x), "\n")
		if got := len(lines) - 1; got != rows {
			t.Errorf("%s: %d data rows, want %d", name, got, rows)
		}
		if bytes.HasSuffix(x, []byte("\n")) {
			t.Errorf("%s ends with a newline", name)
		}
		head := strings.Count(lines[0], "\t")
		for i, l := range lines {
			if strings.Count(l, "\t") != head {
				t.Fatalf("%s:%d has %d tabs, header %d", name, i+1, strings.Count(l, "\t"), head)
			}
		}
		total += rows
	}
	if total != c.Rows() {
		t.Errorf("Rows() = %d, files hold %d", c.Rows(), total)
	}
}
