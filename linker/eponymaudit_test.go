package linker

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"reel/researchdata"
)

// TestEponymAudit tallies eponymReading against judged spans
// ($EPONYM_AUDIT, JSON lines of file, start, end, label right|character):
// a tool for tuning, skipped otherwise.
func TestEponymAudit(t *testing.T) {
	path := os.Getenv("EPONYM_AUDIT")
	if path == "" {
		t.Skip("set EPONYM_AUDIT")
	}
	data := researchdata.Dir(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l := &Linker{words: newDict(), str: newStrtab()}
	l.indexKinds()
	tally := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var it struct {
			File       string
			Start, End int
			Label      string
		}
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatal(err)
		}
		body, err := os.ReadFile(filepath.Join(data, it.File))
		if err != nil {
			t.Fatal(err)
		}
		r := &run{}
		r.reset(l, string(body))
		r.tokenize()
		i, j := -1, -1
		for k, tk := range r.toks {
			if int(tk.start) == it.Start {
				i = k
			}
			if int(tk.end) == it.End {
				j = k + 1
			}
		}
		if i < 0 || j <= i {
			continue
		}
		reading := []string{"unknown", "film", "char"}[r.eponymReadingQuoted(i, j)]
		tally[it.Label+" -> "+reading]++
		if os.Getenv("EPONYM_SHOW") == it.Label+" -> "+reading {
			s, e := int(r.toks[i].start), int(r.toks[j-1].end)
			fmt.Printf("%s | %s[[%s]]%s\n", it.Label, body[max(0, s-80):s], body[s:e], body[e:min(len(body), e+60)])
		}
	}
	for k, v := range tally {
		t.Logf("%-22s %d", k, v)
	}
}
