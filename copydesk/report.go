package copydesk

// Report is what Analyze finds in one text. Offsets are bytes of the input
// as given, whatever its format; Text fields hold the plain text (markup
// removed, entities decoded). docs/copydesk.md documents the JSON shape.
type Report struct {
	Format    string     `json:"format"`     // the format read: plain, markdown or html
	Film      *Film      `json:"film"`       // the film under review; null without a catalog or a clue
	Score     Score      `json:"score"`      // the inferred score and verdict
	Mentions  []Mention  `json:"mentions"`   // linked names, in text order; empty without a catalog
	Checks    []Check    `json:"checks"`     // probable factual slips; empty without a catalog
	Spoilers  []Spoiler  `json:"spoilers"`   // sentences scoring at least SpoilerThreshold
	PullQuote *PullQuote `json:"pull_quote"` // null when no sentence qualifies
	Sentences int        `json:"sentences"`  // how many sentences the text was split into
	Catalog   bool       `json:"catalog"`    // whether a catalog was used to link and check
}

// Film is the film a review is about.
type Film struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Year       int     `json:"year,omitempty"`
	Confidence float64 `json:"confidence"`
}

// Score is the verdict the text states or implies.
type Score struct {
	Value      float64  `json:"value"`      // 0–100
	Verdict    string   `json:"verdict"`    // positive (≥ 60), mixed or negative (< 40)
	Confidence float64  `json:"confidence"` // calibrated probability that Verdict is right
	Grade      *Phrase  `json:"grade,omitempty"`
	Evidence   []Phrase `json:"evidence"` // the phrases that moved the score most, strongest first
}

// Phrase is a span of the input with the weight it carried; a positive
// weight pushed the score up.
type Phrase struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Text   string  `json:"text"`
	Weight float64 `json:"weight"`
}

// Mention is a name linked to the catalog. For a character, ID is
// "FILM/ACTOR" and FilmID and ActorID hold the two parts.
type Mention struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Kind       string  `json:"kind"` // film, person or character
	ID         string  `json:"id"`
	Name       string  `json:"name"` // the canonical title or name
	Confidence float64 `json:"confidence"`
	FilmID     string  `json:"film_id,omitempty"`
	ActorID    string  `json:"actor_id,omitempty"`
}

// Check is a probable factual slip with its fix.
type Check struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Kind       string `json:"kind"` // spelling, year or credit
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// Spoiler is a sentence that probably gives the plot away.
type Spoiler struct {
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Text    string   `json:"text"`
	Score   float64  `json:"score"`   // 0–1; 1 for text the critic marked as a spoiler
	Reasons []string `json:"reasons"` // why, from the Reason* constants
}

// PullQuote is the sentence proposed for a poster or a list of reviews.
type PullQuote struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}
