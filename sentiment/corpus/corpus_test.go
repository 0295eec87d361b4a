package corpus

import (
	"os"
	"testing"
)

// dataDir returns the corpora directory or skips; under CI a missing
// directory is a failure, because CI is expected to have the data.
func dataDir(t *testing.T) string {
	t.Helper()
	d := Dir()
	if !Available(d) {
		if os.Getenv("CI") != "" {
			t.Fatalf("corpora missing at %s under CI", d)
		}
		t.Skipf("corpora not present at %s", d)
	}
	return d
}

func TestParseTree(t *testing.T) {
	label, leaves, err := ParseTree("(2 (3 (3 Effective) (2 but)) (1 (1 too-tepid) (2 biopic)))")
	if err != nil || label != 2 {
		t.Fatalf("label=%d err=%v", label, err)
	}
	want := []string{"Effective", "but", "too-tepid", "biopic"}
	if len(leaves) != len(want) {
		t.Fatalf("leaves %q", leaves)
	}
	for i := range want {
		if leaves[i] != want[i] {
			t.Fatalf("leaves %q", leaves)
		}
	}
	if _, _, err := ParseTree("(2 (3 x)"); err == nil {
		t.Fatal("unbalanced tree accepted")
	}
}

func TestTreeNodes(t *testing.T) {
	nodes, err := treeNodes("(2 (3 (3 Effective) (2 but)) (1 (1 too-tepid) (2 biopic)))")
	if err != nil {
		t.Fatal(err)
	}
	want := []Node{{"Effective", 3, 0}, {"but", 2, 0}, {"Effective but", 3, 0},
		{"too-tepid", 1, 0}, {"biopic", 2, 0}, {"too-tepid biopic", 1, 0},
		{"Effective but too-tepid biopic", 2, 0}}
	if len(nodes) != len(want) {
		t.Fatalf("got %+v", nodes)
	}
	for i := range want {
		if nodes[i] != want[i] {
			t.Fatalf("node %d: got %+v, want %+v", i, nodes[i], want[i])
		}
	}
	for _, bad := range []string{"(2 (3 x)", "(2 x))", "(x y)"} {
		if _, err := treeNodes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestDetokenize(t *testing.T) {
	got := Detokenize([]string{"It", "does", "n't", "-LRB-", "really", "-RRB-", "``", "work", "''", "."})
	if got != `It doesn't ( really ) " work " .` {
		t.Fatalf("got %q", got)
	}
}

func TestKey(t *testing.T) {
	if k := Key(`The Rock 's  "destined" -- to be…`); k != "the rock s destined to be" {
		t.Fatalf("got %q", k)
	}
}

func TestReadAll(t *testing.T) {
	d := dataDir(t)
	rt, err := SentencePolarity(d)
	if err != nil || len(rt) != 10662 {
		t.Fatalf("rt: %d %v", len(rt), err)
	}
	pv, err := PolarityV2(d)
	if err != nil || len(pv) != 1800 {
		t.Fatalf("v2: %d %v", len(pv), err)
	}
	folds := map[int]int{}
	for _, x := range pv {
		folds[PolarityFold(x)]++
	}
	if len(folds) != 10 || folds[0] != 180 {
		t.Fatalf("folds %v", folds)
	}
	sc, err := Scale(d)
	if err != nil || len(sc) < 4000 {
		t.Fatalf("scale: %d %v", len(sc), err)
	}
	for _, x := range sc {
		if x.Score < 0 || x.Score > 100 || x.Label < 0 || x.Label > 3 {
			t.Fatalf("bad scale doc %s", x.ID)
		}
	}
	tr, err := SST(d, "train")
	if err != nil || len(tr) != 8544 {
		t.Fatalf("sst: %d %v", len(tr), err)
	}
	// The last node of each tree is its root: the sentence SST returns.
	nodes, err := SSTNodes(d, "train")
	if err != nil || len(nodes) < 100000 {
		t.Fatalf("sst nodes: %d %v", len(nodes), err)
	}
	for i, n := range nodes {
		if i+1 == len(nodes) || nodes[i+1].Tree != n.Tree {
			if n.Text != tr[n.Tree].Text || n.Label != tr[n.Tree].Label {
				t.Fatalf("root of tree %d is %q/%d, SST has %q/%d", n.Tree, n.Text, n.Label, tr[n.Tree].Text, tr[n.Tree].Label)
			}
		}
	}
}
