package copydesk

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel/researchdata"
)

// fixtureDir returns the research spoiler fixtures' folder (see its
// SOURCE.md), skipping the test where the data is absent (failing in CI).
func fixtureDir(t *testing.T) string {
	t.Helper()
	return researchdata.Dir(t, "spoiler-fixtures")
}

// labelled is a text split into sentences with a spoiler label each.
type labelled struct {
	sentences []string
	spoiler   []bool
}

// confusion counts sentence-level spoiler decisions.
type confusion struct{ tp, fp, fn, tn int }

func (c *confusion) add(pred, gold bool) {
	switch {
	case pred && gold:
		c.tp++
	case pred:
		c.fp++
	case gold:
		c.fn++
	default:
		c.tn++
	}
}

func (c confusion) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c confusion) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// scoreLabelled scores the sentences of one text as Analyze does without a
// catalog, in the order given, so position and the previous sentence's score
// read the review's own order.
func scoreLabelled(doc labelled) []float64 {
	return scoreWith(&spoilerWeights, doc)
}

// scoreWith scores a text's sentences with the given weights, the way
// Analyze's sentence loop does: a warning raises what follows it (a list of
// sentences is one paragraph here).
func scoreWith(w *[numFeatures]float64, doc labelled) []float64 {
	out := make([]float64, len(doc.sentences))
	warned := false
	var x [numFeatures]float64
	for i, s := range doc.sentences {
		in := spoilerInput{words: words(s, nil), text: s, index: i, count: len(doc.sentences), warned: warned}
		spoilerFeatures(in, &x)
		out[i] = spoilerScore(w, &x)
		warned = warned || isWarning(in.words)
	}
	return out
}

func readGoodreads(t *testing.T) []labelled {
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), "goodreads.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out []labelled
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var rec struct {
			Sentences [][2]any `json:"review_sentences"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		var doc labelled
		for _, s := range rec.Sentences {
			label, _ := s[0].(float64)
			text, _ := s[1].(string)
			doc.sentences = append(doc.sentences, text)
			doc.spoiler = append(doc.spoiler, label == 1)
		}
		out = append(out, doc)
	}
	return out
}

func readTVTropes(t *testing.T) labelled {
	f, err := os.Open(filepath.Join(fixtureDir(t), "tvtropes_movie.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var doc labelled
	for _, r := range rows[1:] {
		doc.sentences = append(doc.sentences, r[0])
		doc.spoiler = append(doc.spoiler, r[1] == "True")
	}
	return doc
}

// TestSpoilerFixtures prints precision and recall on the research fixtures
// and holds them to the floor they reach today. TV Tropes sentences stand
// alone, so the position features are off for them.
func TestSpoilerFixtures(t *testing.T) {
	fixtureDir(t)
	grScores, grGold := scoreDocs(readGoodreads(t))
	tvDoc := readTVTropes(t)
	var tvScores []float64
	for _, s := range tvDoc.sentences {
		score, _ := sentenceSpoiler(spoilerInput{words: words(s, nil), text: s})
		tvScores = append(tvScores, score)
	}
	gr, tv := at(grScores, grGold, SpoilerThreshold), at(tvScores, tvDoc.spoiler, SpoilerThreshold)
	t.Logf("goodreads: %d sentences, %d spoilers\n%s", len(grGold), gr.tp+gr.fn, prTable(grScores, grGold))
	t.Logf("tvtropes: %d sentences, %d spoilers\n%s", len(tvScores), tv.tp+tv.fn, prTable(tvScores, tvDoc.spoiler))
	if gr.precision() < floorGoodreadsP || gr.recall() < floorGoodreadsR {
		t.Errorf("goodreads below the floor (P ≥ %.2f, R ≥ %.2f)", floorGoodreadsP, floorGoodreadsR)
	}
}

// Floors set from the figures the shipped model reaches (docs/quality.md);
// they guard against regressions, not a target. On ten book reviews one
// sentence moves precision by 0.05 or more, so these say little.
const (
	floorGoodreadsP = 0.15
	floorGoodreadsR = 0.02
)
