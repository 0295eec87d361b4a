package linkeval

import (
	"context"
	"fmt"
	"os"
	"reel/researchdata"
	"testing"

	"reel/linker"
)

// TestClassifyFN sorts the research set's missed films by cause: the film
// under review's own title (with the film under review found right, wrong or
// not at all) or another film. A tool for choosing what to work on, run with
// LINKEVAL_CLASSIFY=1 and -v; skipped otherwise.
func TestClassifyFN(t *testing.T) {
	if os.Getenv("LINKEVAL_CLASSIFY") == "" {
		t.Skip("set LINKEVAL_CLASSIFY=1 to list the missed films by cause")
	}
	root := repo(t)
	set := Set{Repo: root, Data: researchdata.Dir(t)}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	research, err := set.Research()
	if err != nil {
		t.Fatal(err)
	}
	classes := map[string]int{}
	for _, tx := range research {
		res := l.Link(tx.Body, linker.FilmHint{Written: tx.Written})
		got := map[key]bool{}
		for _, m := range res.Mentions {
			got[key{m.Start, m.End, m.Kind, m.ID}] = true
		}
		rev := ""
		if res.Film != nil {
			rev = res.Film.ID
		}
		for _, g := range tx.Gold {
			if g.Kind != "film" || got[key{g.Start, g.End, g.Kind, g.ID}] {
				continue
			}
			cls := "other film"
			if g.ID == tx.Film {
				if rev == tx.Film {
					cls = "own title, review right"
				} else if rev == "" {
					cls = "own title, review none"
				} else {
					cls = "own title, review wrong"
				}
			}
			classes[cls]++
			fmt.Printf("%-26s %s %q\n", cls, tx.File[len(tx.File)-16:], tx.Body[g.Start:g.End])
		}
	}
	fmt.Println(classes)
}
