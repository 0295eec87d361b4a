package linker_test

import (
	"context"
	"path/filepath"
	"reel/researchdata"
	"reflect"
	"testing"

	"reel/linker"
	"reel/linker/linkeval"
)

// TestPruneKeepsResults links every text of the copy-desk set with and
// without pruning and wants the same results: prune may drop only the
// candidates that no context evidence can lift to their bar, so its bounds
// (maxContextFilm, maxContextPerson) must stay true as the scoring changes.
func TestPruneKeepsResults(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	set := linkeval.Set{Repo: root, Data: researchdata.Optional(t)}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	texts, err := set.All()
	if err != nil {
		t.Fatal(err)
	}
	defer linker.SetPrune(true)
	for _, tx := range texts {
		linker.SetPrune(false)
		want := l.Link(tx.Body, linker.FilmHint{})
		linker.SetPrune(true)
		got := l.Link(tx.Body, linker.FilmHint{})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: pruning changed the result:\n got %+v\nwant %+v", tx.File, got, want)
		}
	}
	if len(texts) < 100 {
		t.Errorf("only %d texts linked", len(texts))
	}
}
