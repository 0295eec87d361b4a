package linkeval

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"reel/linker"
)

// Counts are matches of predicted against gold mentions: a true positive
// needs the same span, kind and id.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 1 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Kinds are the mention kinds, in report order.
var Kinds = []string{linker.KindFilm, linker.KindPerson, linker.KindCharacter}

// Report is the evaluation of one set of texts.
type Report struct {
	Name        string
	Texts       int
	Words       int
	ByKind      map[string]*Counts
	FilmRight   int // film under review found
	FilmTotal   int // texts with a film under review
	FilmWrong   int // a film under review given that is not the right one
	Checks      int // checks raised
	FalseAlarms int // checks raised away from known slips
	Slips       int // known slips in the texts
	SlipsCaught int // known slips a check points at
	Errors      []string
	Alarms      []string
}

// Evaluate links every text (with no hint: the film under review must be
// found too) and scores the result.
func Evaluate(name string, l *linker.Linker, texts []Text) *Report {
	r := &Report{Name: name, ByKind: map[string]*Counts{}}
	for _, k := range Kinds {
		r.ByKind[k] = &Counts{}
	}
	for i := range texts {
		r.add(&texts[i], l.Link(texts[i].Body, linker.FilmHint{Written: texts[i].Written}))
	}
	return r
}

type key struct {
	start, end int
	kind, id   string
}

func (r *Report) add(t *Text, res linker.Result) {
	r.Texts++
	r.Words += len(strings.FieldsFunc(t.Body, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }))
	gold := map[key]bool{}
	for _, g := range t.Gold {
		gold[key{g.Start, g.End, g.Kind, g.ID}] = true
	}
	got := map[key]bool{}
	for _, m := range res.Mentions {
		k := key{m.Start, m.End, m.Kind, m.ID}
		got[k] = true
		c := r.ByKind[m.Kind]
		if gold[k] {
			c.TP++
		} else {
			c.FP++
			r.Errors = append(r.Errors, fmt.Sprintf("FP %s %s %q -> %s %s%s\n\t%s", t.File, m.Kind, m.Text, m.ID, m.Name,
				goldAt(t, m.Start, m.End), around(t.Body, m.Start, m.End)))
		}
	}
	for _, g := range t.Gold {
		if !got[key{g.Start, g.End, g.Kind, g.ID}] {
			r.ByKind[g.Kind].FN++
			r.Errors = append(r.Errors, fmt.Sprintf("FN %s %s %q %s\n\t%s", t.File, g.Kind, t.Body[g.Start:g.End], g.ID, around(t.Body, g.Start, g.End)))
		}
	}
	if t.Film != "" {
		r.FilmTotal++
	}
	if res.Film != nil {
		if res.Film.ID == t.Film {
			r.FilmRight++
		} else {
			r.FilmWrong++
			r.Errors = append(r.Errors, fmt.Sprintf("REVIEW %s: %s %s (%.2f), want %q", t.File, res.Film.ID, res.Film.Title, res.Film.Confidence, t.Film))
		}
	} else if t.Film != "" {
		r.Errors = append(r.Errors, fmt.Sprintf("REVIEW %s: none, want %s", t.File, t.Film))
	}
	r.Slips += len(t.Slips)
	for _, sl := range t.Slips {
		if slices.ContainsFunc(res.Checks, func(c linker.Check) bool { return c.Start < sl.End && sl.Start < c.End }) {
			r.SlipsCaught++
		}
	}
	for _, c := range res.Checks {
		r.Checks++
		if !slices.ContainsFunc(t.Slips, func(s Span) bool { return c.Start < s.End && s.Start < c.End }) {
			r.FalseAlarms++
			r.Alarms = append(r.Alarms, fmt.Sprintf("%s %s %q: %s", t.File, c.Kind, t.Body[c.Start:c.End], c.Message))
		}
	}
}

// goldAt names the gold mentions overlapping a false positive, so that a
// wrong id or a wrong span reads as such.
func goldAt(t *Text, s, e int) string {
	var out []string
	for _, g := range t.Gold {
		if g.Start < e && s < g.End {
			out = append(out, fmt.Sprintf("%s %s %q", g.Kind, g.ID, t.Body[g.Start:g.End]))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (gold: " + strings.Join(out, "; ") + ")"
}

// around quotes a mention in its context, the span in brackets, on one line:
// what a reader of the error list needs to judge it.
func around(body string, s, e int) string {
	const width = 70
	lo, hi := max(s-width, 0), min(e+width, len(body))
	for lo > 0 && !utf8.RuneStart(body[lo]) {
		lo--
	}
	for hi < len(body) && !utf8.RuneStart(body[hi]) {
		hi++
	}
	out := body[lo:s] + "[[" + body[s:e] + "]]" + body[e:hi]
	return strings.Join(strings.Fields(out), " ")
}

// Total sums the counts over kinds.
func (r *Report) Total() Counts {
	var t Counts
	for _, c := range r.ByKind {
		t.TP, t.FP, t.FN = t.TP+c.TP, t.FP+c.FP, t.FN+c.FN
	}
	return t
}

// AlarmsPer5000 is the false-alarm rate per 5,000 words.
func (r *Report) AlarmsPer5000() float64 {
	if r.Words == 0 {
		return 0
	}
	return float64(r.FalseAlarms) * 5000 / float64(r.Words)
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%s: %d texts, %d words\n", r.Name, r.Texts, r.Words)
	fmt.Fprintf(w, "  %-10s %6s %6s %6s %9s %7s\n", "kind", "gold", "TP", "FP", "precision", "recall")
	kinds := append(slices.Clone(Kinds), "all")
	for _, k := range kinds {
		var c Counts
		if k == "all" {
			c = r.Total()
		} else {
			c = *r.ByKind[k]
		}
		fmt.Fprintf(w, "  %-10s %6d %6d %6d %9.3f %7.3f\n", k, c.TP+c.FN, c.TP, c.FP, c.Precision(), c.Recall())
	}
	fmt.Fprintf(w, "  film under review: %d/%d right, %d wrong\n", r.FilmRight, r.FilmTotal, r.FilmWrong)
	fmt.Fprintf(w, "  checks: %d raised, %d false alarms = %.2f per 5,000 words; %d of %d known slips flagged\n",
		r.Checks, r.FalseAlarms, r.AlarmsPer5000(), r.SlipsCaught, r.Slips)
}

// Merge sums reports.
func Merge(name string, rs ...*Report) *Report {
	out := &Report{Name: name, ByKind: map[string]*Counts{}}
	for _, k := range Kinds {
		out.ByKind[k] = &Counts{}
	}
	for _, r := range rs {
		out.Texts += r.Texts
		out.Words += r.Words
		for k, c := range r.ByKind {
			o := out.ByKind[k]
			o.TP, o.FP, o.FN = o.TP+c.TP, o.FP+c.FP, o.FN+c.FN
		}
		out.FilmRight += r.FilmRight
		out.FilmTotal += r.FilmTotal
		out.FilmWrong += r.FilmWrong
		out.Checks += r.Checks
		out.FalseAlarms += r.FalseAlarms
		out.Slips += r.Slips
		out.SlipsCaught += r.SlipsCaught
		out.Errors = append(out.Errors, r.Errors...)
		out.Alarms = append(out.Alarms, r.Alarms...)
	}
	sort.Strings(out.Errors)
	return out
}
