package linkeval

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reel"
	"reel/linker"
	"reel/researchdata"
	"slices"
	"strconv"
	"testing"
)

// TestAuditDump writes, to $LINKEVAL_AUDIT_OUT, every film the linker links
// in polarity reviews outside the annotated set (every k-th of the 1,800 of
// cv000-cv899 that no spec names, $LINKEVAL_AUDIT_N of them, default 400),
// with its context, one JSON object a line: the input of a precision audit,
// where readers judge each link (see testdata/copydesk/audit). Skipped
// unless asked for.
func TestAuditDump(t *testing.T) {
	out := os.Getenv("LINKEVAL_AUDIT_OUT")
	if out == "" {
		t.Skip("set LINKEVAL_AUDIT_OUT to a file to write the audit's input to")
	}
	n := 400
	if s := os.Getenv("LINKEVAL_AUDIT_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	set := Set{Repo: repo(t), Data: researchdata.Dir(t)}
	l := build(t, set)
	films := filmFacts(t, set)
	files := auditFiles(t, set, n)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	links := 0
	for _, name := range files {
		body, err := os.ReadFile(filepath.Join(set.Data, name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(body)
		res := l.Link(text, linker.FilmHint{Written: corpusWritten})
		review := ""
		if res.Film != nil {
			review = res.Film.Title + " (" + strconv.Itoa(res.Film.Year) + ")"
		}
		for _, m := range res.Mentions {
			if m.Kind != linker.KindFilm {
				continue
			}
			links++
			fact := films[m.ID]
			err := enc.Encode(map[string]any{
				"n": links, "file": name, "start": m.Start, "end": m.End, "text": m.Text,
				"id": m.ID, "title": fact.Title, "year": fact.Year, "type": fact.Type, "confidence": m.Confidence,
				"review": review, "context": text[max(0, m.Start-300):m.Start] + "[[" + m.Text + "]]" + text[m.End:min(len(text), m.End+200)],
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d texts, %d film links written to %s", len(files), links, out)
}

// filmFacts reads the catalog's films by id.
func filmFacts(t *testing.T, set Set) map[string]reel.Film {
	src, err := set.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	films := map[string]reel.Film{}
	err = src.EachFilm(context.Background(), func(f reel.Film) error {
		films[f.ID.String()] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return films
}

// auditFiles picks n polarity reviews of cv000-cv899 that the annotated set
// does not hold, spread evenly over the sorted list.
func auditFiles(t *testing.T, set Set, n int) []string {
	known, _, err := set.films()
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, dir := range []string{"neg", "pos"} {
		rel := filepath.Join("pang-lee-polarity-v2.0", "txt_sentoken", dir)
		names, err := filepath.Glob(filepath.Join(set.Data, rel, "cv[0-8]*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range names {
			name := filepath.ToSlash(filepath.Join(rel, filepath.Base(p)))
			if _, ok := known[name]; !ok {
				all = append(all, name)
			}
		}
	}
	slices.Sort(all)
	if n >= len(all) {
		return all
	}
	picked := make([]string, 0, n)
	for k := range n {
		picked = append(picked, all[k*len(all)/n])
	}
	return picked
}

// TestLinkedTitleAgainInFull links a review outside the annotated set that
// names Boiler Room in full nine times: every mention takes the whole title,
// as the first linked one did, not its part "boiler" with a stray "room".
func TestLinkedTitleAgainInFull(t *testing.T) {
	set := Set{Repo: repo(t), Data: researchdata.Dir(t)}
	l := build(t, set)
	body, err := os.ReadFile(filepath.Join(set.Data, "pang-lee-polarity-v2.0/txt_sentoken/pos/cv673_24714.txt"))
	if err != nil {
		t.Fatal(err)
	}
	full := 0
	for _, m := range l.Link(string(body), linker.FilmHint{Written: corpusWritten}).Mentions {
		if m.ID != "tt0181984" {
			continue
		}
		if m.Text != "boiler room" && m.Text != "boiler room's" {
			t.Errorf("Boiler Room linked by %q at %d", m.Text, m.Start)
		}
		full++
	}
	if full < 8 {
		t.Errorf("Boiler Room linked %d times in full, want 8 or more", full)
	}
}
