package copydesk

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"reel"
	"reel/grade"
	"reel/linker"
	"reel/matchkey"
	"reel/sentiment"
)

// MaxInput is the largest text Analyze reads, in bytes: a long essay is
// 50 KB, so 1 MiB leaves room for pasted HTML while keeping one call's memory
// (about 10 bytes per input byte) and time (about 10 ms) bounded.
const MaxInput = 1 << 20

// Formats Analyze reads.
const (
	FormatAuto     = ""
	FormatPlain    = "plain"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

// The years a text can have been written in: films began in the 1880s.
const (
	minWritten = 1880
	maxWritten = 9999
)

// Options tune Analyze.
type Options struct {
	// Linker links names to the catalog and checks them; nil scores,
	// splits and marks spoilers without a catalog.
	Linker *linker.Linker
	// FilmHint names the film under review when the caller knows it, and
	// the year the text was written (FilmHint.Written): no film released
	// after the next year is linked. Callers pass the review's date, or
	// the current year for a text being written now.
	FilmHint linker.FilmHint
	// Format is one of the Format constants; FormatAuto guesses it.
	Format string
}

// Analyze reads one review. It fails with a reel.Invalid error for an empty
// text, a text over MaxInput, binary data or an unknown format; anything
// else, invalid UTF-8 and foreign languages included, gets a Report (a
// foreign text scores with a low confidence).
func Analyze(ctx context.Context, text string, opts Options) (Report, error) {
	a, err := analyze(ctx, text, opts)
	if err != nil {
		return Report{}, err
	}
	return a.rep, nil
}

// analyze runs every step and keeps the intermediate results for tests.
func analyze(ctx context.Context, text string, opts Options) (*analysis, error) {
	if err := checkInput(text); err != nil {
		return nil, err
	}
	if w := opts.FilmHint.Written; w != 0 && (w < minWritten || w > maxWritten) {
		return nil, reel.Errorf(reel.Invalid, "the year written must be between %d and %d, not %d", minWritten, maxWritten, w)
	}
	format, err := detectFormat(text, opts.Format)
	if err != nil {
		return nil, err
	}
	p := toPlain(text, format)
	pt := string(p.text)
	if strings.TrimSpace(pt) == "" {
		return nil, reel.Errorf(reel.Invalid, "the %s text holds no readable words", format)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a := &analysis{in: text, p: p, plain: pt, format: format}
	a.rep = Report{Format: format, Mentions: []Mention{}, Checks: []Check{}, Spoilers: []Spoiler{}}
	a.doc = sentiment.NewDoc(pt)
	defer a.doc.Release()
	a.score(sentiment.Default())
	if opts.Linker != nil {
		a.link(opts.Linker, opts.FilmHint)
	}
	a.sentences = splitSentences(pt)
	a.rep.Sentences = len(a.sentences)
	a.spoilers()
	a.quote(sentiment.Default())
	return a, nil
}

// checkInput refuses what is not a review text at all.
func checkInput(text string) error {
	switch {
	case len(text) > MaxInput:
		return reel.Errorf(reel.Invalid, "the text is %d bytes; the limit is %d (1 MiB)", len(text), MaxInput)
	case strings.TrimSpace(text) == "":
		return reel.Errorf(reel.Invalid, "the text is empty")
	case isBinary(text):
		return reel.Errorf(reel.Invalid, "the input looks like binary data, not text")
	}
	return nil
}

// isBinary looks at the first 8 KB: a NUL byte, or more than one byte in ten
// that is a control character or not UTF-8, is not text anyone wrote.
func isBinary(text string) bool {
	head := text[:min(len(text), 8<<10)]
	if strings.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRuneInString(head[i:])
		if r == utf8.RuneError && n <= 1 && len(head)-i >= utf8.UTFMax || r < ' ' && r != '\n' && r != '\r' && r != '\t' {
			bad++
		}
		i += n
	}
	return bad*10 > len(head)
}

// detectFormat checks or guesses the format: HTML when the text starts a
// document or holds common tags, Markdown when it holds Markdown's block or
// emphasis marks, plain otherwise.
func detectFormat(text, format string) (string, error) {
	switch format {
	case FormatPlain, FormatMarkdown, FormatHTML:
		return format, nil
	case FormatAuto, "auto":
	default:
		return "", reel.Errorf(reel.Invalid, "unknown format %q (use auto, plain, markdown or html)", format)
	}
	// The first 64 KB decide, read in place: lower-casing a copy and
	// prefixing it with a newline for each Markdown mark cost more than the
	// rest of reading a plain review.
	head := text[:min(len(text), 64<<10)]
	if hasHTMLTag(head) {
		return FormatHTML, nil
	}
	for _, mark := range markdownMarks {
		if strings.Contains(head, mark) || mark[0] == '\n' && strings.HasPrefix(head, mark[1:]) {
			return FormatMarkdown, nil
		}
	}
	return FormatPlain, nil
}

// htmlTags are the openings (lower case) that make a text HTML.
var htmlTags = []string{"<!doctype", "<html", "<body", "<p>", "<p ", "<br", "<div", "</p>", "<script", "<em>", "<i>", "<b>", "<strong>", "<a href", "<span", "<li>", "<h1", "<h2", "<h3"}

// markdownMarks are Markdown's block and emphasis marks; one starting with
// a newline also counts at the start of the text.
var markdownMarks = []string{"\n#", "\n> ", "\n- ", "\n* ", "**", "__", "](", "||", ">!", "\n```"}

// hasHTMLTag reports whether s holds one of htmlTags in any ASCII case.
func hasHTMLTag(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		for _, tag := range htmlTags {
			if len(s)-i >= len(tag) && strings.EqualFold(s[i:i+len(tag)], tag) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func toPlain(text, format string) *plain {
	switch format {
	case FormatHTML:
		return fromHTML(text)
	case FormatMarkdown:
		return fromMarkdown(text)
	}
	return fromPlain(text)
}

// analysis carries one call's state between its steps.
type analysis struct {
	in, plain string
	p         *plain
	format    string
	sentences []sentence
	mentions  []linker.Mention // plain offsets
	rep       Report
	cands     []quoteCandidate
	doc       *sentiment.Doc // the plain text's tokens, for the score and the pull quote
}

// span maps plain offsets to input offsets.
func (a *analysis) span(s, e int) (int, int) { return a.p.span(s, e) }

func (a *analysis) score(m *sentiment.Model) {
	r := m.ScoreDoc(a.doc)
	a.rep.Score = Score{Value: r.Value, Verdict: r.Verdict, Confidence: r.Confidence, Evidence: []Phrase{}}
	for _, ph := range r.Evidence {
		a.rep.Score.Evidence = append(a.rep.Score.Evidence, a.phrase(ph))
	}
	if r.Grade != nil {
		g := a.phrase(*r.Grade)
		a.rep.Score.Grade = &g
	}
}

func (a *analysis) phrase(ph sentiment.Phrase) Phrase {
	s, e := a.span(ph.Start, ph.End)
	return Phrase{Start: s, End: e, Text: ph.Text, Weight: ph.Weight}
}

func (a *analysis) link(l *linker.Linker, hint linker.FilmHint) {
	res := l.Link(a.plain, hint)
	a.rep.Catalog = true
	if f := res.Film; f != nil {
		a.rep.Film = &Film{ID: f.ID, Title: f.Title, Year: f.Year, Confidence: f.Confidence}
	}
	a.mentions = res.Mentions
	a.rep.Mentions = make([]Mention, 0, len(res.Mentions))
	for _, m := range res.Mentions {
		s, e := a.span(m.Start, m.End)
		a.rep.Mentions = append(a.rep.Mentions, Mention{Start: s, End: e, Text: m.Text, Kind: m.Kind,
			ID: m.ID, Name: m.Name, Confidence: m.Confidence, FilmID: m.FilmID, ActorID: m.ActorID})
	}
	for _, c := range res.Checks {
		s, e := a.span(c.Start, c.End)
		a.rep.Checks = append(a.rep.Checks, Check{Start: s, End: e, Kind: c.Kind, Message: c.Message, Suggestion: c.Suggestion})
	}
}

// explicitSpoilers returns the spoiler markup's hidden spans in input
// offsets. Markdown keeps its markers in the input; HTML pasted from a forum
// may carry them in its text.
func (a *analysis) explicitSpoilers() [][2]int {
	var out [][2]int
	if a.format == FormatHTML {
		for _, sp := range grade.Spoilers(a.plain) {
			s, e := a.span(sp.InnerStart, sp.InnerEnd)
			out = append(out, [2]int{s, e})
		}
		return out
	}
	for _, sp := range grade.Spoilers(a.in) {
		out = append(out, [2]int{sp.InnerStart, sp.InnerEnd})
	}
	return out
}

// sentenceScores scores every sentence for spoilers, in plain order.
func (a *analysis) sentenceScores() ([]float64, [][]string, [][]string) {
	marked := a.explicitSpoilers()
	scores := make([]float64, len(a.sentences))
	reasons := make([][]string, len(a.sentences))
	allWords := make([][]string, len(a.sentences))
	warnedPara := -1
	mi := 0
	// The sentences' words share one backing array and one lowered copy
	// of the text (see appendWords); a review has about a word per space
	// or line break.
	lower := matchkey.LowerASCII(a.plain)
	buf := make([]string, 0, strings.Count(a.plain, " ")+strings.Count(a.plain, "\n")+len(a.sentences))
	for i, st := range a.sentences {
		n := len(buf)
		buf = appendWords(buf, a.plain[st.Start:st.End], lower[st.Start:st.End])
		ws := buf[n:len(buf):len(buf)]
		allWords[i] = ws
		s, e := a.span(st.Start, st.End)
		if overlapsAny(s, e, marked) {
			scores[i], reasons[i] = 1, []string{ReasonMarked}
			continue
		}
		named := false
		for mi < len(a.mentions) && a.mentions[mi].End <= st.Start {
			mi++
		}
		for k := mi; k < len(a.mentions) && a.mentions[k].Start < st.End; k++ {
			named = named || a.mentions[k].Kind != linker.KindFilm
		}
		warned := warnedPara >= 0 && st.Para <= warnedPara+1
		scores[i], reasons[i] = sentenceSpoiler(spoilerInput{words: ws, text: a.plain[st.Start:st.End], index: i, count: len(a.sentences), named: named, warned: warned})
		if isWarning(ws) {
			warnedPara = st.Para
		}
	}
	return scores, reasons, allWords
}

func overlapsAny(s, e int, spans [][2]int) bool {
	for _, sp := range spans {
		if s < sp[1] && sp[0] < e {
			return true
		}
	}
	return false
}

func (a *analysis) spoilers() {
	scores, reasons, ws := a.sentenceScores()
	cands := make([]quoteCandidate, 0, len(a.sentences))
	last := 0
	if n := len(a.sentences); n > 0 {
		last = a.sentences[n-1].Para
	}
	for i, st := range a.sentences {
		text := a.plain[st.Start:st.End]
		if scores[i] >= SpoilerThreshold {
			s, e := a.span(st.Start, st.End)
			a.rep.Spoilers = append(a.rep.Spoilers, Spoiler{Start: s, End: e, Text: text, Score: scores[i], Reasons: reasons[i]})
		}
		cands = append(cands, quoteCandidate{index: i, start: st.Start, text: text, words: ws[i], spoiler: scores[i],
			para: st.Para, lastPar: last, film: a.namesFilm(st)})
	}
	a.cands = cands
}

// namesFilm reports whether the sentence names the film under review.
func (a *analysis) namesFilm(st sentence) bool {
	if a.rep.Film == nil {
		return false
	}
	k := sort.Search(len(a.mentions), func(k int) bool { return a.mentions[k].Start >= st.Start })
	for _, m := range a.mentions[k:] {
		if m.Start >= st.End {
			break
		}
		if m.End <= st.End && m.Kind == linker.KindFilm && m.ID == a.rep.Film.ID {
			return true
		}
	}
	return false
}

func (a *analysis) quote(m *sentiment.Model) {
	i := pickQuote(m, a.doc, a.cands, a.rep.Score.Verdict)
	if i < 0 {
		return
	}
	st := a.sentences[i]
	s, e := a.span(st.Start, st.End)
	a.rep.PullQuote = &PullQuote{Start: s, End: e, Text: strings.Join(strings.Fields(a.plain[st.Start:st.End]), " ")}
}
