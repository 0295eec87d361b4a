package sentiment

import "sort"

// Doc is a text tokenized once for its score and for the heads of spans of
// it: a review is scored whole, then sentence by sentence for its pull
// quote, and the sentences' tokens are mostly the review's own. A Doc is
// not safe for concurrent use.
type Doc struct {
	in   string // the text as given
	text string // in as Score reads it: clipped to MaxInput
	cut  bool
	toks []Token
	sc   *scratch // from the pool: toks live in it, the heads use the rest
}

// NewDoc tokenizes text. Release hands its buffers back.
func NewDoc(text string) *Doc {
	d := &Doc{in: text, sc: getScratch()}
	d.text, d.cut = Clip(text)
	d.sc.toks = Tokenize(d.text, d.sc.toks)
	d.toks = d.sc.toks
	return d
}

// Release returns the doc's buffers to the pool Score and Heads draw on;
// the doc must not be used after.
func (d *Doc) Release() {
	putScratch(d.sc)
	d.sc, d.toks = nil, nil
}

// ScoreDoc is Score of the doc's text.
func (m *Model) ScoreDoc(d *Doc) Result {
	return m.score(d.text, d.cut, d.toks, d.sc)
}

// SpanHeads is Heads of the doc's text[s:e], read from the doc's tokens
// when they are those Tokenize would make of the span alone (see
// spanTokens), else from tokenizing the span.
func (m *Model) SpanHeads(d *Doc, s, e int) Heads {
	toks, ok := d.spanTokens(s, e)
	if !ok {
		return m.Heads(d.in[s:e])
	}
	h := m.headsOf(toks, d.sc) // leaves the scratch's tokens, the doc's, alone
	h.feats = nil              // they live in the scratch
	return h
}

// spanTokens returns the doc's tokens inside text[s:e], and whether
// Tokenize of the span alone makes the same ones (offsets aside, which the
// heads only compare). Tokenize reads ahead and behind only inside a
// token, and carries two things from one token to the next: the newlines
// seen since the last mark, and whether the last token ends a sentence,
// which together decide a paragraph break's token. Both are in step once
// the span's first token or mark is read, so the tokens are the same
// unless a token crosses s or e, or the span's first token is a paragraph
// break (the span alone has no earlier token to end). A rune that s or e
// cuts and no token holds is skipped whole or as invalid bytes alike. A
// text cut at maxTokens may lack the span's tokens. TestSpanHeadsIsHeadsOfTheSpan tries
// every span of texts made of these cases.
func (d *Doc) spanTokens(s, e int) ([]Token, bool) {
	if len(d.toks) >= maxTokens || s < 0 || s >= e || e > len(d.text) {
		return nil, false
	}
	i := sort.Search(len(d.toks), func(k int) bool { return int(d.toks[k].Start) >= s })
	j := i + sort.Search(len(d.toks)-i, func(k int) bool { return int(d.toks[i+k].Start) >= e })
	if i > 0 && int(d.toks[i-1].End) > s || j > i && int(d.toks[j-1].End) > e ||
		j > i && d.toks[i].Start == d.toks[i].End {
		return nil, false
	}
	return d.toks[i:j], true
}
