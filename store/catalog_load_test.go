package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeySorterRuns sorts enough keys to spill several runs and checks the
// merged stream against an in-memory sort: same order, duplicates folded with
// their highest pop.
func TestKeySorterRuns(t *testing.T) {
	defer func(n int) { keyRunBytes = n }(keyRunBytes)
	keyRunBytes = 4 << 10
	r := rand.New(rand.NewPCG(1, 2))
	var k keySorter
	defer k.close()
	want := map[keyRec]int64{}
	for i := 0; i < 5000; i++ {
		rec := keyRec{key: fmt.Sprintf("w%d", r.IntN(700)), kind: 1 + int64(r.IntN(2)), ref: int64(r.IntN(5))}
		pop := int64(r.IntN(1000))
		if err := k.add(keyRec{rec.key, rec.kind, rec.ref, pop}); err != nil {
			t.Fatal(err)
		}
		want[rec] = max(want[rec], pop)
	}
	if len(k.runs) < 3 {
		t.Fatalf("only %d runs: the merge is not exercised", len(k.runs))
	}
	var got []keyRec
	err := k.each(func(r keyRec) error { got = append(got, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d keys out, %d distinct in", len(got), len(want))
	}
	if !slices.IsSortedFunc(got, compareKeys) {
		t.Fatal("merged keys out of order")
	}
	for _, g := range got {
		if p := want[keyRec{g.key, g.kind, g.ref, 0}]; p != g.pop {
			t.Fatalf("%+v: pop %d, want %d", g, g.pop, p)
		}
	}
}
