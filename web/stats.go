package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"reel"
	"reel/grade"
	"reel/store"
)

// statsPage is the view-model of the stats page (Year 0: all time) and of
// a year in review.
type statsPage struct {
	Head      userHead
	Year      int
	Years     []int // years with viewings, latest first, for links
	Films     int   // distinct films
	Viewings  int
	Rewatches int
	Hours     int
	Graded    int
	PerYear   barChart
	PerMonth  barChart
	MonthOf   int // the year PerMonth shows
	Ratings   barChart
	Decades   barChart
	Tables    []countTable // most watched directors, actors, genres
	Best      []filmRef    // the year's highest graded films
}

// countTable is a "most watched" table.
type countTable struct {
	Caption string
	What    string // the first column's heading
	Rows    []countRow
}

// countRow is one line of a "most watched" table.
type countRow struct {
	Name  string
	URL   string
	Count int
}

// Sizes of the stats tables.
const (
	statsTop  = 10
	statsCast = 5 // the top-billed actors of each film that count
	yearBest  = 10
)

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	s.serveStats(w, r, 0)
}

func (s *Server) handleYear(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1870 || year > time.Now().Year()+1 {
		s.fail(w, r, reel.Errorf(reel.NotFound, "There is no year %q in a diary.", r.PathValue("year")))
		return
	}
	s.serveStats(w, r, year)
}

func (s *Server) serveStats(w http.ResponseWriter, r *http.Request, year int) {
	u, err := s.userByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.loadStats(r.Context(), viewerID(r), u, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tab, title, page := "stats", headOf(u, "", r).Name+"'s stats", "stats"
	if year != 0 {
		tab, title, page = "year", headOf(u, "", r).Name+"'s "+strconv.Itoa(year)+" in film", "year"
	}
	p.Head = headOf(u, tab, r)
	s.render(w, r, http.StatusOK, page, view{Title: title, Page: p})
}

// loadStats reads what stats need: the viewings, their films and people.
func (s *Server) loadStats(ctx context.Context, viewer store.UserID, u store.User, year int) (statsPage, error) {
	views, err := s.store.Viewings(ctx, viewer, u.ID)
	if err != nil {
		return statsPage{}, err
	}
	years := yearsOf(views)
	if year != 0 {
		views = slices.DeleteFunc(views, func(v store.Viewing) bool { return yearOf(v.WatchedOn) != year })
	}
	ids := filmIDs(views)
	films, err := s.filmsByID(ctx, ids)
	if err != nil {
		return statsPage{}, err
	}
	people, err := s.store.PeopleOfFilms(ctx, ids, statsCast)
	if err != nil {
		return statsPage{}, err
	}
	p := computeStats(views, films, people, year)
	p.Years = years
	return p, nil
}

// computeStats aggregates viewings; films and people are keyed by film.
// Directors, actors, genres and decades count each film once, however
// often it was watched; years and months count viewings.
func computeStats(views []store.Viewing, films map[reel.FilmID]reel.Film, people map[reel.FilmID]*store.FilmPeople, year int) statsPage {
	p := statsPage{Year: year, Viewings: len(views)}
	var halves [11]int64
	for _, v := range views {
		if v.Rewatch {
			p.Rewatches++
		}
		if v.Graded {
			p.Graded++
			halves[grade.HalfStars(v.Value)]++
		}
	}
	ids := filmIDs(views)
	p.Films = len(ids)
	directors, actors, genres, decades := counter{}, counter{}, counter{}, map[int]int64{}
	minutes := 0
	for _, id := range ids {
		f := films[id]
		minutes += f.Runtime
		for _, g := range f.Genres {
			genres.add(g, "")
		}
		if f.Year > 0 {
			decades[f.Year/10*10]++
		}
		if fp := people[id]; fp != nil {
			for _, d := range fp.Directors {
				directors.add(d.Name, personURL(d.ID))
			}
			for _, a := range fp.Cast {
				actors.add(a.Name, personURL(a.ID))
			}
		}
	}
	p.Hours = minutes / 60
	p.Tables = []countTable{
		{"Most watched directors", "Director", directors.top(statsTop)},
		{"Most watched actors", "Actor", actors.top(statsTop)},
		{"Most watched genres", "Genre", genres.top(statsTop)},
	}
	p.Ratings = newBarChart("ratings", "Ratings, in half stars", halfStarLabels, halves[:])
	p.Decades = decadeChart(decades)
	p.PerYear = yearChart(views)
	p.MonthOf = year
	if year == 0 && len(views) > 0 {
		p.MonthOf = yearOf(views[0].WatchedOn) // the latest year with a viewing
	}
	p.PerMonth = monthChart(views, p.MonthOf)
	p.Best = bestOf(views, films)
	return p
}

// counter counts films per name, remembering each name's link.
type counter map[string]*countRow

func (c counter) add(name, url string) {
	if r, ok := c[name]; ok {
		r.Count++
		return
	}
	c[name] = &countRow{Name: name, URL: url, Count: 1}
}

// top returns the n largest counts, ties in name order.
func (c counter) top(n int) []countRow {
	out := make([]countRow, 0, len(c))
	for _, r := range c {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b countRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	return out[:min(n, len(out))]
}

func filmIDs(views []store.Viewing) []reel.FilmID {
	seen := map[reel.FilmID]bool{}
	var ids []reel.FilmID
	for _, v := range views {
		if !seen[v.FilmID] {
			seen[v.FilmID] = true
			ids = append(ids, v.FilmID)
		}
	}
	return ids
}

// yearOf is the year of a YYYY-MM-DD date; 0 when it has none.
func yearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(date[:4])
	return y
}

func yearsOf(views []store.Viewing) []int {
	var ys []int
	for _, v := range views {
		if y := yearOf(v.WatchedOn); y != 0 && !slices.Contains(ys, y) {
			ys = append(ys, y)
		}
	}
	slices.SortFunc(ys, func(a, b int) int { return b - a })
	return ys
}

// yearChart counts viewings per year, every year from the first to the last.
func yearChart(views []store.Viewing) barChart {
	counts := map[int]int64{}
	lo, hi := 0, 0
	for _, v := range views {
		y := yearOf(v.WatchedOn)
		if y == 0 {
			continue
		}
		counts[y]++
		if lo == 0 || y < lo {
			lo = y
		}
		hi = max(hi, y)
	}
	var labels []string
	var values []int64
	for y := lo; lo != 0 && y <= hi; y++ {
		labels = append(labels, strconv.Itoa(y))
		values = append(values, counts[y])
	}
	return newBarChart("per-year", "Films watched per year", labels, values)
}

var monthLabels = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthChart counts the viewings of one year per month.
func monthChart(views []store.Viewing, year int) barChart {
	values := make([]int64, 12)
	for _, v := range views {
		if yearOf(v.WatchedOn) != year || len(v.WatchedOn) < 7 {
			continue
		}
		if m, err := strconv.Atoi(v.WatchedOn[5:7]); err == nil && m >= 1 && m <= 12 {
			values[m-1]++
		}
	}
	return newBarChart("per-month", "Films watched per month in "+strconv.Itoa(year), monthLabels, values)
}

// decadeChart counts films per decade of release, every decade from the
// first to the last.
func decadeChart(decades map[int]int64) barChart {
	lo, hi := 0, 0
	for d := range decades {
		if lo == 0 || d < lo {
			lo = d
		}
		hi = max(hi, d)
	}
	var labels []string
	var values []int64
	for d := lo; lo != 0 && d <= hi; d += 10 {
		labels = append(labels, strconv.Itoa(d)+"s")
		values = append(values, decades[d])
	}
	return newBarChart("decades", "Films per decade of release", labels, values)
}

// bestOf lists the highest graded films, each once at its best grade.
func bestOf(views []store.Viewing, films map[reel.FilmID]reel.Film) []filmRef {
	best := map[reel.FilmID]float64{}
	for _, v := range views {
		if old, ok := best[v.FilmID]; v.Graded && (!ok || v.Value > old) {
			best[v.FilmID] = v.Value
		}
	}
	ids := make([]reel.FilmID, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b reel.FilmID) int {
		return cmp.Or(cmp.Compare(best[b], best[a]), cmp.Compare(films[a].Title, films[b].Title))
	})
	out := make([]filmRef, 0, min(len(ids), yearBest))
	for _, id := range ids[:min(len(ids), yearBest)] {
		out = append(out, filmRef{Film: films[id], URL: filmURL(id)})
	}
	return out
}
