package sentiment

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func model(t testing.TB) *Model {
	t.Helper()
	m := Default()
	if err := LoadError(); err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return m
}

func TestVerdictBands(t *testing.T) {
	for v, want := range map[float64]string{0: Negative, 39: Negative, 39.4: Negative, 40: Mixed, 59: Mixed, 60: Positive, 100: Positive} {
		if got := VerdictOf(v); got != want {
			t.Errorf("VerdictOf(%v) = %s, want %s", v, got, want)
		}
	}
}

// Sentences written for this test, not taken from any corpus.
func TestScoreSamples(t *testing.T) {
	m := model(t)
	cases := []struct {
		text string
		want string
	}{
		{"A triumph: the best film of the year, beautifully acted and deeply moving.", Positive},
		{"Funny, warm and wise, it is a pleasure from the first scene to the last.", Positive},
		{"The plot is thin, but the performances are wonderful and the ending soars.", Positive},
		{"A dull, lifeless mess. Avoid it.", Negative},
		{"Tedious, badly written and far too long; I wanted to leave after twenty minutes.", Negative},
		{"It looks gorgeous, but the script is lazy and the characters are paper thin.", Negative},
		{"It is only very good instead of a triumph.", Mixed},
		{"Grade: B+", Positive},
		{"Verdict: a minor work.", Mixed},
		{"Rating: ★☆☆☆☆", Negative},
		{"Rating: ★★☆☆☆", Mixed}, // 2/5 = 40, the bottom of the mixed band
	}
	for _, c := range cases {
		r := m.Score(c.text)
		if r.Verdict != c.want {
			t.Errorf("%q: %s (%.1f, conf %.2f), want %s", c.text, r.Verdict, r.Value, r.Confidence, c.want)
		}
	}
}

// 'worthwhile, but not the career summation it should be' is a guarded
// review: the contrast must pull it well below an unqualified
// 'worthwhile' and out of the positive band.
func TestContrastLowersScore(t *testing.T) {
	m := model(t)
	plain := m.Score("A worthwhile film.")
	hedged := m.Score("A worthwhile film, but not the career summation it should be.")
	if hedged.Value >= plain.Value-10 {
		t.Errorf("hedged %.1f not clearly below plain %.1f", hedged.Value, plain.Value)
	}
	if hedged.Verdict == Positive {
		t.Errorf("hedged review judged positive (%.1f)", hedged.Value)
	}
}

func TestEvidenceSpans(t *testing.T) {
	m := model(t)
	text := "The acting is superb, but the story is a tedious, predictable mess."
	r := m.Score(text)
	if len(r.Evidence) == 0 {
		t.Fatal("no evidence")
	}
	var pos, neg bool
	for _, p := range r.Evidence {
		if text[p.Start:p.End] != p.Text {
			t.Errorf("span %d:%d is %q, Text %q", p.Start, p.End, text[p.Start:p.End], p.Text)
		}
		pos = pos || p.Weight > 0
		neg = neg || p.Weight < 0
	}
	if !pos || !neg {
		t.Errorf("evidence should show both sides: %+v", r.Evidence)
	}
}

func TestForeignTextHasLowConfidence(t *testing.T) {
	m := model(t)
	en := m.Score("A wonderful, moving film with superb performances; one of the best of the year.")
	fr := m.Score("Un film merveilleux et émouvant, avec des interprètes superbes ; l'un des meilleurs de l'année.")
	if fr.Confidence >= 0.5 || fr.Confidence >= en.Confidence {
		t.Errorf("French confidence %.2f (English %.2f)", fr.Confidence, en.Confidence)
	}
}

func TestOddInputs(t *testing.T) {
	m := model(t)
	inputs := []string{"", " \n\n ", "\xff\xfe\x00garbage\x80", string([]byte{0, 1, 2, 3}),
		strings.Repeat("a great film but boring. ", 450000)} // ~11 MB, read up to MaxInput
	for _, s := range inputs {
		r := m.Score(s)
		if r.Value < 0 || r.Value > 100 || math.IsNaN(r.Value) || math.IsNaN(r.Confidence) || r.Confidence < 0 || r.Confidence > 1 {
			t.Errorf("bad result for %d-byte input: %+v", len(s), r)
		}
	}
	if r := m.Score(""); r.Verdict != Mixed || r.Confidence != 0 {
		t.Errorf("empty text: %+v", r)
	}
}

// Huge inputs are read up to MaxInput bytes, cut at a rune boundary, and
// flagged; the cut text scores exactly like the clipped prefix.
func TestMaxInput(t *testing.T) {
	m := model(t)
	short := m.Score("A fine film.")
	if short.Truncated {
		t.Error("short text flagged as truncated")
	}
	// 'é' is two bytes: with an odd prefix the limit falls inside a rune.
	huge := "x" + strings.Repeat("é", MaxInput)
	clipped, cut := Clip(huge)
	if !cut || len(clipped) > MaxInput || !utf8.ValidString(clipped) {
		t.Fatalf("Clip: cut=%v len=%d valid=%v", cut, len(clipped), utf8.ValidString(clipped))
	}
	if len(clipped) < MaxInput-utf8.UTFMax {
		t.Fatalf("Clip cut too much: %d bytes", len(clipped))
	}
	r := m.Score(huge)
	if !r.Truncated {
		t.Error("huge text not flagged as truncated")
	}
	p := m.Score(clipped)
	r.Truncated = false
	if !reflect.DeepEqual(r, p) {
		t.Errorf("huge text scored %+v, its clipped prefix %+v", r, p)
	}
	if s, cut := Clip(strings.Repeat("a", MaxInput)); cut || len(s) != MaxInput {
		t.Errorf("text of exactly MaxInput bytes was cut")
	}
}

// The fallback of a broken build scores everything mixed with zero
// confidence instead of panicking.
func TestEmptyModel(t *testing.T) {
	m := &Model{Opts: Options{Bits: 1}}
	for _, s := range []string{"", "A triumph.", "Dull. Avoid it."} {
		r := m.Score(s)
		if r.Verdict != Mixed || r.Value != 50 || r.Confidence != 0 || len(r.Evidence) != 0 {
			t.Errorf("%q: %+v", s, r)
		}
	}
}

// A second load of the embedded weights equals the one Default made, and
// scores alike.
func TestDeterministicLoadAndScore(t *testing.T) {
	a := model(t)
	b, err := Load(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	if a.Opts != b.Opts || a.Params != b.Params || !slices.Equal(a.W, b.W) || !slices.Equal(a.Vocab, b.Vocab) {
		t.Fatal("two loads differ")
	}
	text := "Worthwhile, but not the career summation it should be. Still, the last act is very good."
	if ra, rb := a.Score(text), b.Score(text); !reflect.DeepEqual(ra, rb) {
		t.Fatalf("scores differ: %+v vs %+v", ra, rb)
	}
}

// Save quantises each head's weights to int16 of its largest magnitude:
// a round trip moves a weight by at most half a step, and a quantised
// model round-trips exactly. A small random model keeps this fast under
// -race (compressing the 4M-bucket embedded one takes a minute there).
func TestSaveLoadRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := &Model{Opts: Options{Bits: 10, Bigrams: true, Negation: true, Tail: true}}
	m.W = make([]float32, NumHeads<<m.Opts.Bits)
	for i := range m.W {
		if rng.IntN(3) > 0 { // sparse, like the trained heads
			m.W[i] = float32(rng.NormFloat64() * float64(1+i%NumHeads))
		}
	}
	m.Params.PolBias, m.Params.StackLong[3], m.Params.SigmaShort = 0.5, -1.25, 23
	m.Vocab = []uint64{3, 17, 1 << 40, 1<<63 + 5}
	save := func(m *Model) *Model {
		t.Helper()
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		out, err := Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	q := save(m)
	if q.Opts != m.Opts || q.Params != m.Params || !slices.Equal(q.Vocab, m.Vocab) {
		t.Fatalf("options, params or vocabulary changed: %+v %+v", q.Opts, q.Params)
	}
	var scale [NumHeads]float64
	for i, w := range m.W {
		scale[i%NumHeads] = math.Max(scale[i%NumHeads], math.Abs(float64(w)))
	}
	for i := range m.W {
		step := scale[i%NumHeads] / math.MaxInt16
		if d := math.Abs(float64(q.W[i] - m.W[i])); d > step/2*1.001 {
			t.Fatalf("weight %d moved by %g, half a step is %g", i, d, step/2)
		}
	}
	if r := save(q); !slices.Equal(r.W, q.W) || r.Params != q.Params {
		t.Fatal("a quantised model did not round-trip exactly")
	}
}

func TestEmbeddedSize(t *testing.T) {
	if len(embedded) > 30<<20 {
		t.Fatalf("embedded weights %d bytes > 30 MB", len(embedded))
	}
}

func FuzzScore(f *testing.F) {
	for _, s := range []string{"", "Grade: B+", "not good, but great", "\xff\xfe", "Verdict: very good\n\n***1/2", "…—“”"} {
		f.Add(s)
	}
	m := model(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := m.Score(s)
		if r.Value < 0 || r.Value > 100 || math.IsNaN(r.Value) || r.Confidence < 0 || r.Confidence > 1 || math.IsNaN(r.Confidence) {
			t.Fatalf("bad result %+v", r)
		}
		if r.Verdict != VerdictOf(r.Value) {
			t.Fatalf("verdict %s for value %v", r.Verdict, r.Value)
		}
		for _, p := range r.Evidence {
			if p.Start < 0 || p.End > len(s) || p.Start >= p.End || s[p.Start:p.End] != p.Text {
				t.Fatalf("bad span %+v", p)
			}
		}
	})
}

// review is a ~1,000-word review built from sentences written for the
// benchmark.
func review() string {
	parts := []string{
		"The director returns with a film about memory and the families we invent.",
		"Its first hour is patient, even slow, and the plot summary would make it sound like a thriller it never becomes.",
		"The lead performance is extraordinary, all nerves and silences, and the supporting cast is nearly as good.",
		"Yet the screenplay keeps explaining what the images already said, and the score underlines every feeling twice.",
		"By the last act, though, the film finds its nerve: the final scene is as moving as anything this year.",
	}
	var b strings.Builder
	for b.Len() < 6000 {
		for _, p := range parts {
			b.WriteString(p)
			b.WriteString(" ")
		}
		b.WriteString("\n\n")
	}
	b.WriteString("Verdict: very good, if not the masterpiece some will call it.")
	return b.String()
}

func BenchmarkScore1000Words(b *testing.B) {
	m := model(b)
	text := review()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		m.Score(text)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}
