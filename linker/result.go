package linker

// FilmHint names the film a review is about, when the caller knows it (a
// review written on a film's page). Either field may be empty; with neither,
// Link infers the film from the text. Written, when not 0, is the year the
// text was written: no film released after the next year links, since a
// critic cannot name a film that did not exist ("the martian" in a 1998
// review is not the 2015 film).
type FilmHint struct {
	ID      string // tconst, e.g. "tt0441909"
	Title   string // a title as the critic gave it
	Year    int
	Written int
}

// Mention is one name in the text linked to the catalog. Offsets are bytes
// of the input. For a character, ID is "FILM/ACTOR" (tconst/nconst) and FilmID
// and ActorID hold the two parts.
type Mention struct {
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Kind       string  `json:"kind"` // "film", "person" or "character"
	ID         string  `json:"id"`
	Name       string  `json:"name"` // canonical title or name
	Confidence float64 `json:"confidence"`
	FilmID     string  `json:"film_id,omitempty"`
	ActorID    string  `json:"actor_id,omitempty"`
}

// Mention kinds.
const (
	KindFilm      = "film"
	KindPerson    = "person"
	KindCharacter = "character"
)

// Check is a probable factual slip next to a linked mention, with the fix.
type Check struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Kind       string `json:"kind"` // "spelling", "year" or "credit"
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// Check kinds.
const (
	CheckSpelling = "spelling"
	CheckYear     = "year"
	CheckCredit   = "credit"
)

// FilmUnderReview is the film the text is about.
type FilmUnderReview struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Year       int     `json:"year,omitempty"`
	Confidence float64 `json:"confidence"`
	// Strength is the inference's raw margin (the best film's support over
	// its rival's), from which Confidence is calibrated; 0.9 and 1 for a
	// film the caller named. Not in the JSON.
	Strength float64 `json:"-"`
}

// Result is what Link finds in a text.
type Result struct {
	Film     *FilmUnderReview `json:"film,omitempty"`
	Mentions []Mention        `json:"mentions"`
	Checks   []Check          `json:"checks"`
}
