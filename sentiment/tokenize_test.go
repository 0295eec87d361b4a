package sentiment

import (
	"testing"
)

func words(text string) []uint64 {
	var hs []uint64
	for _, t := range Tokenize(text, nil) {
		hs = append(hs, t.H)
	}
	return hs
}

// Raw user text and the corpora's lowercase pre-tokenised form must give
// the same token hashes.
func TestTokenizeRawMatchesCorpusForm(t *testing.T) {
	pairs := [][2]string{
		{`It’s **not** a “masterpiece” — but Don't miss it!`, `it's not a " masterpiece " -- but don't miss it !`},
		{"A well-made, 3.5/5 film...", "a well-made , 3.5/5 film ..."},
		{"# Verdict\n\nVery Good.", "verdict . very good ."},
	}
	for _, p := range pairs {
		a, b := words(p[0]), words(p[1])
		if len(a) != len(b) {
			t.Fatalf("%q: %d tokens, %q: %d", p[0], len(a), p[1], len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%q vs %q differ at token %d", p[0], p[1], i)
			}
		}
	}
}

func TestTokenizeSpans(t *testing.T) {
	text := "Isn't it  great?"
	toks := Tokenize(text, nil)
	want := []string{"Isn't", "it", "great", "?"}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens", len(toks))
	}
	for i, tk := range toks {
		if got := text[tk.Start:tk.End]; got != want[i] {
			t.Errorf("token %d = %q, want %q", i, got, want[i])
		}
	}
	if !toks[0].NegSuffix || toks[1].NegSuffix {
		t.Error("n't not detected on the right token")
	}
	if toks[3].Kind != SentEnd {
		t.Error("? should end a sentence")
	}
}

// collect returns the feature ids of text under o.
func collect(o Options, text string) map[uint32]bool {
	ids := map[uint32]bool{}
	o.Extract(Tokenize(text, nil), func(id uint32, _, _ int32) { ids[id] = true })
	return ids
}

func TestNegationScope(t *testing.T) {
	o := Options{Bits: 22, Negation: true}
	good := collect(o, "good")
	var goodID uint32
	for id := range good {
		goodID = id
	}
	if collect(o, "not good")[goodID] {
		t.Error(`"not good" still has the plain "good" feature`)
	}
	if collect(o, "wasn't very good")[goodID] {
		t.Error(`"wasn't very good" still has the plain "good" feature`)
	}
	// Punctuation and contrast words end the scope.
	if !collect(o, "not bad , good")[goodID] {
		t.Error("negation scope crossed a comma")
	}
	if !collect(o, "not long but good")[goodID] {
		t.Error("negation scope crossed 'but'")
	}
}

func TestContrastAndTail(t *testing.T) {
	o := Options{Bits: 22, Contrast: true}
	if len(collect(o, "dull but moving")) != 4 { // 3 words + 1 post-contrast copy
		t.Errorf("contrast copy missing: %d features", len(collect(o, "dull but moving")))
	}
	long := "a . b . c . d . e . f . g . h . i . j ."
	toks := Tokenize(long, nil)
	ts := TailStart(toks)
	if ts <= 0 || ts >= len(toks) {
		t.Fatalf("tail of a 10-sentence text starts at %d of %d", ts, len(toks))
	}
	if got := long[toks[ts].Start:]; got != "i . j ." {
		t.Errorf("tail = %q, want the last two sentences", got)
	}
	if TailStart(Tokenize("one . two .", nil)) != 2*2 {
		t.Error("short texts must have no tail")
	}
}
