package linker

import (
	"context"
	"slices"
	"testing"

	"reel"
)

func TestTitleVariants(t *testing.T) {
	for _, tc := range []struct {
		title, numeral, spaced string
	}{
		{"Sorority House Massacre II", "Sorority House Massacre 2", ""},
		{"Scream 2", "Scream II", ""},
		{"Rocky IV", "Rocky 4", ""},
		{"U.S. Marshals", "", "U. S. Marshals"},
		{"G.I. Joe: The Movie", "", "G. I. Joe: The Movie"},
		{"V for Vendetta", "", ""},      // a first word is no sequel number
		{"Mr. Hulot's Holiday", "", ""}, // an abbreviation, not an initialism
		{"Malcolm X", "", ""},
	} {
		if got, ok := numeralVariant(tc.title); got != tc.numeral || ok != (tc.numeral != "") {
			t.Errorf("numeralVariant(%q) = %q, %v; want %q", tc.title, got, ok, tc.numeral)
		}
		if got, ok := spacedInitialism(tc.title); ok != (tc.spaced != "") || ok && got != tc.spaced {
			t.Errorf("spacedInitialism(%q) = %q, %v; want %q", tc.title, got, ok, tc.spaced)
		}
	}
}

// A tokenised corpus sets periods off with spaces; after an initial or an
// abbreviation that is no sentence end.
func TestSpacedPeriods(t *testing.T) {
	toks := tokenize("snipes in u . s . marshals . then mr . hulot came")
	sent := map[string]int32{}
	for _, tk := range toks {
		sent[tk.key] = tk.sent
	}
	if sent["u"] != sent["marshals"] || sent["mr"] != sent["hulot"] {
		t.Errorf("sentences: %v", sent)
	}
	if sent["marshals"] == sent["then"] {
		t.Errorf("the period after a word ends its sentence: %v", sent)
	}
}

func TestParticleVariant(t *testing.T) {
	for name, want := range map[string]string{
		"Robert De Niro":     "Robert Deniro",
		"Brian De Palma":     "Brian Depalma",
		"Leonardo DiCaprio":  "Leonardo Di Caprio",
		"Steven E. de Souza": "Steven E. desouza",
		"Tom Hanks":          "",
		"Danny DeVito":       "Danny De Vito",
		"De Niro":            "",
	} {
		if got, ok := particleVariant(name); got != want || ok != (want != "") {
			t.Errorf("particleVariant(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

func TestJoinedInitials(t *testing.T) {
	for name, want := range map[string]string{
		"S. Z. Sakall":       "S.Z. Sakall",
		"H. R. Giger":        "H.R. Giger",
		"J. R. R. Tolkien":   "J.R.R. Tolkien",
		"Steven E. de Souza": "",
		"P.D. James":         "",
	} {
		if got, ok := joinedInitials(name); got != want && ok || ok != (want != "") {
			t.Errorf("joinedInitials(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

func TestAbbreviationsSpelt(t *testing.T) {
	for title, want := range map[string]string{
		"48 Hrs.":                  "48 Hours",
		"Kill Bill: Vol. 1":        "Kill Bill: Volume 1",
		"Another 48 Hrs.":          "Another 48 Hours",
		"Mr. Hulot's Holiday":      "",
		"Hrs":                      "",
		"The Man Who Wasn't There": "",
	} {
		if got, ok := abbreviationsSpelt(title); got != want || ok != (want != "") {
			t.Errorf("abbreviationsSpelt(%q) = %q, %v; want %q", title, got, ok, want)
		}
	}
}

func TestGenericSubtitle(t *testing.T) {
	for sub, want := range map[string]bool{
		"The Movie":           true,
		"The Motion Picture":  true,
		"the film":            true,
		"Part II":             false, // "the ending of " part ii "": a part of a series
		"First Contact":       false,
		"The Next Generation": false,
	} {
		if got := genericSubtitle(sub); got != want {
			t.Errorf("genericSubtitle(%q) = %v, want %v", sub, got, want)
		}
	}
}

// "X: The Movie" is made from X: X alone names the source, and a quoted X
// is no title of the film.
func TestSourceNamed(t *testing.T) {
	for title, want := range map[string]bool{
		"Comic Book: The Movie":                 true,
		"Star Trek: The Motion Picture":         true,
		"Star Trek: First Contact":              false,
		"The Movie":                             false,
		"Austin Powers: The Spy Who Shagged Me": false,
	} {
		if got := sourceNamed(title); got != want {
			t.Errorf("sourceNamed(%q) = %v, want %v", title, got, want)
		}
	}
	l, err := Build(context.Background(), &Mem{Films: []reel.Film{
		{ID: 361462, Type: "movie", Title: "Comic Book: The Movie", OriginalTitle: "Comic Book: The Movie", Year: 2004, Votes: 2000},
	}})
	if err != nil {
		t.Fatal(err)
	}
	text := `what schumacher does not understand is that " comic book " doesn't automatically equal unbearable idiocy .` +
		" the rest of the review goes on about the plot , the score and the acting in plain words ." // a text without capitals
	for _, m := range l.Link(text, FilmHint{}).Mentions {
		t.Errorf("%q linked to %s, want no link", m.Text, m.ID)
	}
	text = `his " comic book : the movie " is a mockumentary of fandom .` +
		" the rest of the review goes on about the plot , the score and the acting in plain words ."
	if ms := l.Link(text, FilmHint{}).Mentions; len(ms) != 1 || ms[0].ID != "tt0361462" {
		t.Errorf("full title linked %+v, want tt0361462", ms)
	}
}

// checkAfter runs a test of the words after a span on each text, the span
// ending at the last token whose key is one of keys: the cases map text to
// the answer wanted.
func checkAfter(t *testing.T, name string, test func(r *run, j int) bool, keys []string, cases map[string]bool) {
	t.Helper()
	l, err := Build(context.Background(), &Mem{})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range cases {
		r := new(run)
		r.reset(l, text)
		r.tokenize()
		k := slices.IndexFunc(r.toks, func(t token) bool { return slices.Contains(keys, t.key) })
		if got := test(r, k+1); got != want {
			t.Errorf("%q: %s = %v, want %v", text, name, got, want)
		}
	}
}

// A word right before a determiner takes an object: a verb or a
// preposition, not a title ("saw the final cut"); a film noun after the
// determiner leaves it a title ("titanic the movie").
func TestObjectAfter(t *testing.T) {
	checkAfter(t, "objectAfter", (*run).objectAfter, []string{"saw", "go", "titanic"}, map[string]bool{
		"how the producers of this movie saw the final cut": true,
		"he wants to go his own way":                        true,
		"they sold titanic the movie as a romance":          false,
		"i saw , the final cut":                             false,
		"i saw it":                                          false,
	})
}

// A span before a word for a ship's or a town's people names the ship or
// the town ("the event horizon crew"); a possessive span does not take the
// word after it ("insurrection's comic tone").
func TestOtherThingAfter(t *testing.T) {
	checkAfter(t, "otherThingAfter", (*run).otherThingAfter, []string{"horizon", "horizons", "pleasantville", "insurrections", "city"}, map[string]bool{
		"it was the video of the event horizon crew being taken over": true,
		"the pleasantville residents are shocked":                     true,
		"cage plays a corrupt atlantic city policeman":                true,
		"the event horizon is a ship":                                 false,
		"event horizon's crew is doomed":                              false,
		"star trek : insurrection's comic tone":                       false,
	})
}

// A determiner before a title of everyday words is the critic's unless the
// title modifies a noun after it ("the star wars phenomena").
func TestModifiesNoun(t *testing.T) {
	checkAfter(t, "modifiesNoun", (*run).modifiesNoun, []string{"wars", "night", "room"}, map[string]bool{
		"not the pinnacle of the star wars phenomena":        true,
		"the star wars is a saga":                            false,
		"their last night of life":                           false,
		"installment in the star wars .":                     false,
		"the boiler room turns a tad schmaltzy near the end": false,
	})
}
