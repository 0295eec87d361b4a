package letterboxd

import (
	"strconv"
	"time"

	"reel/matchkey"
)

// joinReviews attaches each reviews.csv row to the diary entry it
// describes, so an importer stores the review once. Letterboxd writes the
// diary entry's link in both files; name, year and watch date are the
// fallback for exports where the links differ or are missing. Each entry
// takes at most one review, so rewatches on one day stay apart.
func joinReviews(exp *Export) {
	byURI := make(map[string]int)
	byEntry := make(map[string][]int)
	for i, d := range exp.Diary {
		if d.URI != "" {
			byURI[d.URI] = i
		}
		k := entryKey(d.Film, d.Watched)
		byEntry[k] = append(byEntry[k], i)
	}
	taken := func(i int) bool { return exp.Diary[i].ReviewSource.File != "" }
	for j := range exp.Reviews {
		rv := &exp.Reviews[j]
		i, ok := byURI[rv.URI]
		if !ok || rv.URI == "" || taken(i) {
			ok = false
			for _, c := range byEntry[entryKey(rv.Film, rv.Watched)] {
				if !taken(c) {
					i, ok = c, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		exp.Diary[i].Review = rv.Text
		exp.Diary[i].ReviewSource = rv.Source
		rv.InDiary = true
	}
}

func entryKey(f Film, watched time.Time) string {
	return matchkey.Key(f.Name) + "\x00" + strconv.Itoa(f.Year) + "\x00" + formatDate(watched)
}

// filmRef is one film-bearing row, for matching and reports.
type filmRef struct {
	kind string // the file's role: diary, review, rating, …
	src  Source
	film *Film
	// joined marks a review held by a diary entry, which WriteZip writes
	// from the entry.
	joined bool
}

// films lists every row of exp that names a film, in file order.
func (e *Export) films() []filmRef {
	var refs []filmRef
	add := func(kind string, src Source, f *Film) { refs = append(refs, filmRef{kind: kind, src: src, film: f}) }
	for i := range e.Diary {
		add("diary", e.Diary[i].Source, &e.Diary[i].Film)
	}
	for i := range e.Reviews {
		add("review", e.Reviews[i].Source, &e.Reviews[i].Film)
		refs[len(refs)-1].joined = e.Reviews[i].InDiary
	}
	for i := range e.Ratings {
		add("rating", e.Ratings[i].Source, &e.Ratings[i].Film)
	}
	for i := range e.Watched {
		add("watched", e.Watched[i].Source, &e.Watched[i].Film)
	}
	for i := range e.Watchlist {
		add("watchlist", e.Watchlist[i].Source, &e.Watchlist[i].Film)
	}
	for i := range e.Likes {
		add("like", e.Likes[i].Source, &e.Likes[i].Film)
	}
	for i := range e.Lists {
		for j := range e.Lists[i].Entries {
			add("list", e.Lists[i].Entries[j].Source, &e.Lists[i].Entries[j].Film)
		}
	}
	return refs
}
