package letterboxd

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Source is where a row came from, for reports and error messages.
type Source struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Where formats the source as "file:line". (Not String: rows embed
// Source, and %v of a row should print the row.)
func (s Source) Where() string {
	if s.Line == 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// Film is the film a row refers to, as Letterboxd names it.
type Film struct {
	Name string `json:"name"`
	Year int    `json:"year,omitempty"` // 0 when the export leaves it blank
	// URI is the row's boxd.it link. In diary.csv and reviews.csv it points
	// at the diary entry, elsewhere at the film; it is empty for films
	// Letterboxd has since removed.
	URI string `json:"uri,omitempty"`
	// ID is the IMDb tconst once the film is matched to the catalog, or
	// when a reel export recorded it (reel/films.csv); "" otherwise.
	ID string `json:"id,omitempty"`
}

// Stars is a Letterboxd rating exactly as the export writes it: "0.5" to
// "5" in half stars, "" when the film is unrated. Keeping the text makes
// a written export byte-identical to what was read.
type Stars string

// Half returns the rating in half stars, 1–10 (Letterboxd's Rating10),
// and 0 when unrated.
func (s Stars) Half() int {
	n, _ := parseStars(string(s))
	return n
}

// parseStars accepts "0.5" to "5" in half stars, with or without ".0":
// what Letterboxd writes, and nothing ParseFloat would also take ("+4",
// "4e0"), so the text written back is the text read.
func parseStars(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	whole, frac, dotted := strings.Cut(s, ".")
	half := -1
	if len(whole) == 1 && whole[0] >= '0' && whole[0] <= '5' && (!dotted || frac == "0" || frac == "5") {
		half = int(whole[0]-'0') * 2
		if frac == "5" {
			half++
		}
	}
	if half < 1 || half > 10 {
		return 0, fmt.Errorf("rating %q is not 0.5 to 5 in half stars", s)
	}
	return half, nil
}

// DateLayout is how every date in an export is written.
const DateLayout = "2006-01-02"

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// splitTags reads Letterboxd's comma-separated Tags field.
func splitTags(s string) []string {
	var tags []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

func joinTags(tags []string) string { return strings.Join(tags, ", ") }

// DiaryEntry is one row of diary.csv: one viewing, rewatches included.
type DiaryEntry struct {
	Source
	Film
	Logged  time.Time `json:"logged"`            // the Date column: when the entry was logged
	Watched time.Time `json:"watched,omitempty"` // the Watched Date column; zero when blank
	Rating  Stars     `json:"rating,omitempty"`
	Rewatch bool      `json:"rewatch,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
	// Review is the text of the reviews.csv row describing this entry,
	// raw HTML and line breaks as written; ReviewSource is that row.
	Review       string `json:"review,omitempty"`
	ReviewSource Source `json:"review_source,omitzero"`
}

// Review is one row of reviews.csv.
type Review struct {
	Source
	Film
	Logged  time.Time `json:"logged"`
	Watched time.Time `json:"watched,omitempty"`
	Rating  Stars     `json:"rating,omitempty"`
	Rewatch bool      `json:"rewatch,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
	Text    string    `json:"text"` // raw HTML, line breaks kept
	// InDiary is set when the review describes a diary entry, whose Review
	// now holds the text: an importer stores it there, not a second time.
	InDiary bool `json:"in_diary,omitempty"`
}

// Rating is one row of ratings.csv: the member's current rating of a film.
type Rating struct {
	Source
	Film
	Date   time.Time `json:"date"`
	Rating Stars     `json:"rating"`
}

// Watched is one row of watched.csv: a film marked as seen.
type Watched struct {
	Source
	Film
	Date time.Time `json:"date"`
}

// WatchlistEntry is one row of watchlist.csv.
type WatchlistEntry struct {
	Source
	Film
	Date time.Time `json:"date"`
}

// LikedFilm is one row of likes/films.csv.
type LikedFilm struct {
	Source
	Film
	Date time.Time `json:"date"`
}

// Comment is one row of comments.csv: a comment the member left on
// someone's review or list.
type Comment struct {
	Source
	Date    time.Time `json:"date"`
	Content string    `json:"content"` // link to what was commented on
	Text    string    `json:"text"`
}

// List is one file of lists/.
type List struct {
	Source
	Date        time.Time `json:"date"`
	Name        string    `json:"name"`
	Tags        []string  `json:"tags,omitempty"`
	URL         string    `json:"url,omitempty"`
	Description string    `json:"description,omitempty"`
	// Ranked is set when every entry has a Position. Letterboxd's export
	// does not say whether a list is ranked; reel writes unranked lists
	// with blank positions, so its own exports keep the distinction.
	Ranked  bool        `json:"ranked"`
	Entries []ListEntry `json:"entries"`
}

// ListEntry is one film of a list.
type ListEntry struct {
	Source
	Film
	Position    int    `json:"position,omitempty"` // 0 when blank
	Description string `json:"description,omitempty"`
}

// Export is everything read from one Letterboxd export, and everything
// WriteZip writes.
type Export struct {
	Diary     []DiaryEntry     `json:"diary"`
	Reviews   []Review         `json:"reviews"`
	Ratings   []Rating         `json:"ratings"`
	Watched   []Watched        `json:"watched"`
	Watchlist []WatchlistEntry `json:"watchlist"`
	Likes     []LikedFilm      `json:"likes"`
	Lists     []List           `json:"lists"`
	Comments  []Comment        `json:"comments"`
	// Ignored names the files present but not read (profile.csv, deleted/,
	// likes/lists.csv …), so a report can say what was left out.
	Ignored []string `json:"ignored,omitempty"`
}
