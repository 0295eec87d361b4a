package journalio

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"reel"
	"reel/grade"
	"reel/letterboxd"
	"reel/store"
)

// Letterboxd converts a journal to a Letterboxd export. Dates are days
// (UTC): the diary's log date is the entry's creation day, which the
// importer restores, so export → import → export gives the same files.
// Grade-only reviews (an imported rating) export as ratings, not reviews.
func Letterboxd(j store.Journal) *letterboxd.Export {
	c := converter{j: j, reviews: map[store.ReviewID]store.Review{}}
	for _, r := range j.Reviews {
		c.reviews[r.ID] = r
	}
	exp := &letterboxd.Export{}
	exp.Diary, exp.Reviews = c.diary(), c.standaloneReviews()
	exp.Ratings = c.ratings()
	exp.Watched = c.watched()
	for _, d := range j.Watchlist {
		exp.Watchlist = append(exp.Watchlist, letterboxd.WatchlistEntry{Film: c.film(d.FilmID), Date: day(d.At)})
	}
	for _, d := range j.Likes {
		exp.Likes = append(exp.Likes, letterboxd.LikedFilm{Film: c.film(d.FilmID), Date: day(d.At)})
	}
	exp.Lists = c.lists()
	return exp
}

type converter struct {
	j       store.Journal
	reviews map[store.ReviewID]store.Review
	linked  map[store.ReviewID]bool // reviews a diary entry holds
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func parseDay(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s) // the store checked it
	return t
}

// film names a film as Letterboxd does, with its IMDb id so a re-import
// matches exactly.
func (c converter) film(id reel.FilmID) letterboxd.Film {
	f := c.j.Films[id]
	name := f.Title
	if name == "" {
		name = id.String() // a film since dropped from the catalog
	}
	return letterboxd.Film{Name: name, Year: f.Year, ID: id.String()}
}

// stars writes a grade as Letterboxd half stars, converting other notations.
func stars(g *store.ReviewGrade) letterboxd.Stars {
	if g == nil {
		return ""
	}
	lb := grade.FromValue(g.Value, grade.ScaleLetterboxd)
	return letterboxd.Stars(strconv.FormatFloat(lb.Points, 'f', -1, 64))
}

func (c *converter) diary() []letterboxd.DiaryEntry {
	c.linked = map[store.ReviewID]bool{}
	var out []letterboxd.DiaryEntry
	for _, e := range c.j.Diary {
		d := letterboxd.DiaryEntry{Film: c.film(e.FilmID), Logged: day(e.CreatedAt), Watched: parseDay(e.WatchedOn), Rating: stars(e.Grade), Rewatch: e.Rewatch}
		if r, ok := c.reviews[e.ReviewID]; ok && e.ReviewID != 0 {
			c.linked[r.ID] = true
			d.Review, d.Tags = r.Body, r.Tags
		}
		out = append(out, d)
	}
	return out
}

func (c *converter) standaloneReviews() []letterboxd.Review {
	var out []letterboxd.Review
	for _, r := range c.j.Reviews {
		if c.linked[r.ID] || r.Body == "" {
			continue
		}
		rv := letterboxd.Review{Film: c.film(r.FilmID), Logged: day(r.CreatedAt), Rating: stars(r.Grade), Rewatch: r.Rewatch, Tags: r.Tags, Text: r.Body}
		if r.WatchedOn != "" {
			rv.Watched = parseDay(r.WatchedOn)
		}
		out = append(out, rv)
	}
	return out
}

// ratings gives each graded film its latest grade, from the diary or a
// review, dated the day it was given.
func (c *converter) ratings() []letterboxd.Rating {
	type given struct {
		at time.Time
		g  *store.ReviewGrade
	}
	latest := map[reel.FilmID]given{}
	note := func(film reel.FilmID, at time.Time, g *store.ReviewGrade) {
		if g != nil && !at.Before(latest[film].at) {
			latest[film] = given{at, g}
		}
	}
	for _, r := range c.j.Reviews {
		note(r.FilmID, r.CreatedAt, r.Grade)
	}
	for _, e := range c.j.Diary {
		note(e.FilmID, e.CreatedAt, e.Grade)
	}
	var out []letterboxd.Rating
	for film, g := range latest {
		out = append(out, letterboxd.Rating{Film: c.film(film), Date: day(g.at), Rating: stars(g.g)})
	}
	slices.SortFunc(out, func(a, b letterboxd.Rating) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// watched lists every film seen: logged, reviewed or marked, on the first
// day it was.
func (c *converter) watched() []letterboxd.Watched {
	first := map[reel.FilmID]time.Time{}
	note := func(film reel.FilmID, at time.Time) {
		if old, ok := first[film]; !ok || at.Before(old) {
			first[film] = at
		}
	}
	for _, e := range c.j.Diary {
		note(e.FilmID, e.CreatedAt)
	}
	for _, r := range c.j.Reviews {
		note(r.FilmID, r.CreatedAt)
	}
	for _, w := range c.j.Watched {
		note(w.FilmID, w.At)
	}
	var out []letterboxd.Watched
	for film, at := range first {
		out = append(out, letterboxd.Watched{Film: c.film(film), Date: day(at)})
	}
	slices.SortFunc(out, func(a, b letterboxd.Watched) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func (c *converter) lists() []letterboxd.List {
	var out []letterboxd.List
	for _, l := range c.j.Lists {
		ll := letterboxd.List{Date: day(l.CreatedAt), Name: l.Name, Description: l.Description, Ranked: l.Ranked}
		for _, e := range l.Entries {
			le := letterboxd.ListEntry{Film: c.film(e.FilmID), Description: e.Note}
			if l.Ranked {
				le.Position = e.Position
			}
			ll.Entries = append(ll.Entries, le)
		}
		out = append(out, ll)
	}
	return out
}
