package linker_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reel/researchdata"
	"strings"
	"testing"

	"reel/linker"
	"reel/linker/linkeval"
)

// TestDebugText links the texts of the copy-desk set whose file name
// contains $LINKDEBUG, against the evaluation's catalog (distractors
// included), and prints the film candidates' scores and the result: a tool
// for tuning, skipped otherwise. A path to an existing file is linked too.
func TestDebugText(t *testing.T) {
	want := os.Getenv("LINKDEBUG")
	if want == "" {
		t.Skip("set LINKDEBUG to a file name (part) of the copy-desk set, or a text file")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := researchdata.Find()
	set := linkeval.Set{Repo: root, Data: data}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var texts []linkeval.Text
	if body, err := os.ReadFile(want); err == nil {
		texts = append(texts, linkeval.Text{File: want, Body: string(body)})
	} else {
		own, err := set.Own()
		if err != nil {
			t.Fatal(err)
		}
		texts = own
		if set.Data != "" { // the test half is left out: its texts' errors are not to be read
			research, err := set.Research()
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, research...)
			val, err := set.Validation()
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, val...)
		}
	}
	for _, tx := range texts {
		if tx.File != want && !strings.Contains(tx.File, want) {
			continue
		}
		fmt.Printf("== %s\n", tx.File)
		linker.SetDebugOut(os.Stdout)
		res := l.Link(tx.Body, linker.FilmHint{Written: tx.Written})
		linker.SetDebugOut(nil)
		if res.Film != nil {
			fmt.Printf("film under review: %s %s %.2f\n", res.Film.ID, res.Film.Title, res.Film.Confidence)
		}
		for _, m := range res.Mentions {
			fmt.Printf("%5d %-9s %-24q %s %s %.2f\n", m.Start, m.Kind, m.Text, m.ID, m.Name, m.Confidence)
		}
		for _, c := range res.Checks {
			fmt.Printf("CHECK %s %q %s\n", c.Kind, tx.Body[c.Start:c.End], c.Message)
		}
	}
}
