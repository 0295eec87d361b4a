// Package reel holds the domain types shared by every part of the application:
// the catalog (films, people, credits) and the one error type. Storage, import,
// the web layer and the CLI live in packages named for what they hold.
package reel

import (
	"strconv"
	"strings"
)

// FilmID is the numeric part of an IMDb tconst ("tt0287467" → 287467). Using the
// IMDb number as the primary key makes re-imports idempotent without lookups and
// keeps ids identical on every storage engine.
type FilmID int64

// PersonID is the numeric part of an IMDb nconst ("nm0000264" → 264).
type PersonID int64

// String formats the id the way IMDb does: at least seven digits.
func (id FilmID) String() string { return formatIMDb("tt", int64(id)) }

// String formats the id the way IMDb does: at least seven digits.
func (id PersonID) String() string { return formatIMDb("nm", int64(id)) }

func formatIMDb(prefix string, n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	return prefix + s
}

// ParseFilmID accepts "tt0287467" or a bare number.
func ParseFilmID(s string) (FilmID, error) {
	n, err := parseIMDb("tt", s)
	return FilmID(n), err
}

// ParsePersonID accepts "nm0000264" or a bare number.
func ParsePersonID(s string) (PersonID, error) {
	n, err := parseIMDb("nm", s)
	return PersonID(n), err
}

func parseIMDb(prefix, s string) (int64, error) {
	digits := strings.TrimPrefix(s, prefix)
	if digits == "" || len(digits) > 12 {
		return 0, Errorf(Invalid, "invalid id %q: want %s followed by digits", s, prefix)
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n <= 0 {
		return 0, Errorf(Invalid, "invalid id %q: want %s followed by digits", s, prefix)
	}
	return n, nil
}

// Film is a catalog title.
type Film struct {
	ID            FilmID   `json:"id"`
	Type          string   `json:"type"`
	Title         string   `json:"title"`
	OriginalTitle string   `json:"original_title"`
	Year          int      `json:"year,omitempty"`
	EndYear       int      `json:"end_year,omitempty"`
	Runtime       int      `json:"runtime_minutes,omitempty"`
	Genres        []string `json:"genres"`
	Adult         bool     `json:"adult,omitempty"`
	Rating        float64  `json:"imdb_rating,omitempty"`
	Votes         int      `json:"imdb_votes,omitempty"`
}

// AltTitle is a regional or alternative title of a film (IMDb title.akas).
type AltTitle struct {
	Title    string `json:"title"`
	Region   string `json:"region,omitempty"`
	Language string `json:"language,omitempty"`
	Types    string `json:"types,omitempty"`
	Original bool   `json:"original,omitempty"`
}

// Person is someone credited in the catalog.
type Person struct {
	ID          PersonID `json:"id"`
	Name        string   `json:"name"`
	BirthYear   int      `json:"birth_year,omitempty"`
	DeathYear   int      `json:"death_year,omitempty"`
	Professions []string `json:"professions"`
}

// Credit categories as IMDb names them; cast are "actor", "actress" and "self".
const (
	CategoryDirector = "director"
	CategoryWriter   = "writer"
)

// Credit links a person to a film. Ordering is the billing order; Characters is
// empty for crew.
type Credit struct {
	FilmID     FilmID   `json:"film_id"`
	PersonID   PersonID `json:"person_id"`
	Ordering   int      `json:"ordering"`
	Category   string   `json:"category"`
	Job        string   `json:"job,omitempty"`
	Characters []string `json:"characters,omitempty"`
}

// IsCast reports whether the credit is an on-screen role.
func (c Credit) IsCast() bool {
	return c.Category == "actor" || c.Category == "actress" || c.Category == "self"
}

// FilmDetail is a film with its alternate titles and credits, people included.
type FilmDetail struct {
	Film
	AltTitles []AltTitle     `json:"alt_titles"`
	Credits   []PersonCredit `json:"credits"`
}

// PersonCredit is a credit with the person's name, for a film's page.
type PersonCredit struct {
	Credit
	Name string `json:"name"`
}

// PersonDetail is a person with their filmography.
type PersonDetail struct {
	Person
	Filmography []FilmCredit `json:"filmography"`
}

// FilmCredit is a credit with the film's title and year, for a person's page.
type FilmCredit struct {
	Credit
	Title string `json:"title"`
	Year  int    `json:"year,omitempty"`
}

// SearchHit is one result of a catalog search.
type SearchHit struct {
	Kind  string  `json:"kind"` // "film" or "person"
	ID    string  `json:"id"`   // tconst or nconst
	Name  string  `json:"name"` // title or person name
	Year  int     `json:"year,omitempty"`
	Extra string  `json:"extra,omitempty"` // matched alternate title, or known-for professions
	Score float64 `json:"score"`
}
