package copydesk

import (
	"unicode/utf8"

	"reel/sentiment"
)

// Pull quote bounds, in characters.
const (
	quoteMin = 40
	quoteMax = 200
)

// needsContext are first words that lean on an earlier sentence: a quote
// starting with them reads as a fragment on a poster.
var needsContext = setOf("he", "she", "it", "they", "this", "that", "these", "those", "but",
	"and", "or", "so", "yet", "also", "however", "still", "then", "which", "his", "her", "its",
	"their", "him", "them", "here", "there", "both", "neither", "nor", "instead", "otherwise",
	"besides", "meanwhile", "thus", "hence", "though", "although", "because", "as", "for",
	"such", "another", "other", "again", "too", "plus", "nevertheless", "nonetheless", "anyway")

// narration are first words of a critic telling their own viewing or a
// plot summary's "we": not what an aggregator quotes.
var narration = setOf("i", "we", "my", "our", "me", "i'm", "i've", "i'd", "we're", "when", "after", "before", "while")

// evaluative words judge a film; a quote must hold at least one.
var evaluative = setOf("masterpiece", "masterful", "masterfully", "brilliant", "brilliantly",
	"superb", "excellent", "outstanding", "remarkable", "extraordinary", "stunning", "beautiful",
	"beautifully", "gorgeous", "moving", "powerful", "gripping", "riveting", "compelling",
	"thrilling", "delightful", "charming", "funny", "hilarious", "witty", "clever", "smart",
	"intelligent", "wonderful", "great", "good", "fine", "best", "finest", "triumph", "gem",
	"haunting", "luminous", "dazzling", "exhilarating", "tender", "affecting", "absorbing",
	"engrossing", "entertaining", "fun", "enjoyable", "satisfying", "assured", "confident",
	"ambitious", "bold", "daring", "original", "fresh", "inventive", "memorable", "essential",
	"unmissable", "recommended", "must", "worth", "worthwhile", "solid", "decent", "strong",
	"weak", "bad", "poor", "awful", "terrible", "dreadful", "dull", "boring", "tedious",
	"tiresome", "bland", "lifeless", "flat", "clumsy", "muddled", "incoherent", "mess",
	"disaster", "failure", "fails", "failed", "disappointing", "disappointment", "mediocre",
	"forgettable", "predictable", "pretentious", "overlong", "bloated", "lazy", "cheap",
	"silly", "stupid", "worst", "unwatchable", "misfire", "uneven", "flawed", "slight", "minor",
	"competent", "serviceable", "middling", "ordinary", "routine", "formulaic", "generic",
	"film", "movie", "performance", "performances", "direction", "script", "screenplay")

// judging holds the words of evaluative that judge by themselves; the rest
// ("film", "performance") only say what is judged.
var judging = func() map[string]bool {
	m := map[string]bool{}
	for w := range evaluative {
		m[w] = true
	}
	for _, w := range []string{"film", "movie", "performance", "performances", "direction", "script", "screenplay"} {
		delete(m, w)
	}
	return m
}()

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// quoteCandidate is a sentence with what the pull quote choice needs.
type quoteCandidate struct {
	index   int // into the sentences
	start   int // text's offset in the plain text
	text    string
	words   []string
	spoiler float64
	para    int
	lastPar int
	film    bool // names the film under review
}

// pickQuote returns the index of the candidate that best states the verdict,
// or -1. Cheap filters run first; only the survivors are scored, from the
// tokens of doc, the plain text the candidates are sentences of.
func pickQuote(m *sentiment.Model, doc *sentiment.Doc, cands []quoteCandidate, verdict string) int {
	best, bestRank := -1, 0.0
	for _, c := range cands {
		judging, ok := quotable(c)
		if !ok {
			continue
		}
		// The two heads, without Score's evidence search: only the value
		// and how sure it is matter here.
		h := m.SpanHeads(doc, c.start, c.start+len(c.text))
		v := m.Value(h)
		agree := agreement(v, verdict)
		if agree <= 0 {
			continue
		}
		rank := agree*sentiment.BandProb(v, m.Sigma(h)) + 8*float64(min(judging, 3))
		// Posters want punch: past 120 characters each ten cost a point.
		if n := utf8.RuneCountInString(c.text); n > 120 {
			rank -= float64(n-120) / 10
		}
		if c.film {
			rank += 5
		}
		if c.para == 0 || c.para == c.lastPar {
			rank += 5
		}
		if rank > bestRank {
			best, bestRank = c.index, rank
		}
	}
	return best
}

// quotable reports whether a candidate may be the pull quote, with its
// count of judging words, which the rank reuses.
func quotable(c quoteCandidate) (judging int, ok bool) {
	n := utf8.RuneCountInString(c.text)
	if n < quoteMin || n > quoteMax || c.spoiler >= 0.3 || len(c.words) == 0 {
		return 0, false
	}
	if needsContext[c.words[0]] || narration[c.words[0]] || c.text[len(c.text)-1] == '?' {
		return 0, false
	}
	judging = judgingWords(c.words)
	return judging, judging > 0
}

func judgingWords(ws []string) int {
	n := 0
	for _, w := range ws {
		if judging[w] {
			n++
		}
	}
	return n
}

// agreement is how firmly a sentence's value sides with the review's
// verdict, from 0 (not at all) up.
func agreement(v float64, verdict string) float64 {
	switch verdict {
	case sentiment.Positive:
		return v - 55
	case sentiment.Negative:
		return 45 - v
	}
	return 15 - abs(v-50)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
