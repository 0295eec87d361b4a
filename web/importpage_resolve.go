package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"reel"
	"reel/letterboxd"
	"reel/matchkey"
	"reel/store"
)

// Resolving in the browser: the report lists each film the matcher could
// not settle once (all its rows together, as a resolution file does), with
// its candidates as radio buttons, a field for an IMDb id or a title to
// search the catalog for, and "skip". Submitting records the answers on the
// job and runs the import of the same export again with them: rows stored
// before are recognised by their import keys and not added twice.

// maxResolveFilms bounds the films one page of the form offers: an export
// of a catalog reel lacks can leave thousands unsettled. The "find" box
// reaches the others, and resolved or skipped films leave the list.
const maxResolveFilms = 25

// maxSearchCandidates bounds the films a member's search offers.
const maxSearchCandidates = 8

// problemFilm is one unsettled film of the report, as the form shows it.
type problemFilm struct {
	N          int // its place in the form, for field names
	Key        string
	Name       string
	Year       int
	Status     letterboxd.Status
	Reason     string
	Rows       string // "diary.csv:2 watched.csv:9 and 3 more"
	RowCount   int
	Candidates []letterboxd.Candidate
	Searched   string // the search that found some of the candidates
	// A submission that needs fixing shows the member's answer again.
	Choice, Other, Error string
}

// resolvedAnswer is one of the member's answers, as the report lists it.
type resolvedAnswer struct {
	Name      string
	Year      int
	ID, Title string
	TitleYear int
}

// jobPage is the job page's view-model.
type jobPage struct {
	ID          string
	Running     bool
	Queued      bool
	Phase       string // the progress in words
	Done, Total int
	Percent     int
	Failure     string
	DryRun      bool
	Runs        int
	Report      *letterboxd.Report
	Stored      *store.LetterboxdImport
	Resolved    int // films the member resolved
	Answers     []resolvedAnswer
	Skipped     int // films the member skipped
	Problems    []problemFilm
	// ProblemFilms counts the unsettled films the find box matches;
	// Problems holds the first maxResolveFilms of them.
	ProblemFilms int
	AllProblems  int // unsettled films, whatever the find box says
	MoreProblems int // ProblemFilms past the form's limit
	Find         string
	FormError    string
}

func newJobPage(st jobState, find string, answers map[string]answer) jobPage {
	p := jobPage{ID: st.ID, Running: st.Running, Queued: st.Phase == phaseQueued, Done: st.Done, Total: st.Total,
		Failure: st.Failure, DryRun: st.DryRun, Runs: st.Runs, Report: st.Report, Stored: st.Stored,
		Resolved: len(st.Resolved), Skipped: len(st.Skipped), Find: strings.TrimSpace(find)}
	if st.Total > 0 {
		p.Percent = st.Done * 100 / st.Total
	}
	p.Phase = phaseText(st)
	for _, r := range st.Resolved {
		p.Answers = append(p.Answers, resolvedAnswer{Name: r.name, Year: r.year, ID: r.id, Title: r.title, TitleYear: r.titleYear})
	}
	slices.SortFunc(p.Answers, func(a, b resolvedAnswer) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.Year, b.Year))
	})
	if st.Running || st.Report == nil {
		return p
	}
	all := problemFilms(st)
	p.AllProblems = len(all)
	if k := matchkey.Key(p.Find); k != "" {
		all = slices.DeleteFunc(all, func(f problemFilm) bool { return !strings.Contains(matchkey.Key(f.Name), k) })
	}
	p.ProblemFilms = len(all)
	p.Problems = all[:min(len(all), maxResolveFilms)]
	p.MoreProblems = len(all) - len(p.Problems)
	for i := range p.Problems {
		f := &p.Problems[i]
		f.N = i
		if a, ok := answers[f.Key]; ok {
			f.Choice, f.Other, f.Error = a.choice, a.other, a.err
		}
	}
	return p
}

func phaseText(st jobState) string {
	switch st.Phase {
	case phaseQueued:
		return "Reading your export…"
	case "matching":
		return fmt.Sprintf("Matching films: %s of %s rows", thousands(st.Done), thousands(st.Total))
	case "storing":
		return fmt.Sprintf("Storing the matched rows of %s", thousands(st.Total))
	case phaseFailed:
		return "The import failed."
	}
	return "Done."
}

// problemFilms groups the report's unsettled rows by film, leaving out the
// films the member skipped: ambiguous ones first (a choice settles them),
// then those with the most rows.
func problemFilms(st jobState) []problemFilm {
	byKey := map[string]int{}
	var out []problemFilm
	var rows [][]string
	for _, row := range st.Report.Rows {
		if row.Status == letterboxd.Matched {
			continue
		}
		k := filmKey(row.Name, row.Year)
		if st.Skipped[k] {
			continue
		}
		i, ok := byKey[k]
		if !ok {
			i = len(out)
			byKey[k] = i
			out = append(out, problemFilm{Key: k, Name: row.Name, Year: row.Year, Status: row.Status, Reason: row.Reason,
				Candidates: row.Candidates, Searched: st.SearchQuery[k]})
			rows = append(rows, nil)
		}
		out[i].RowCount++
		rows[i] = append(rows[i], fmt.Sprintf("%s:%d", row.File, row.Line))
	}
	for i := range out {
		out[i].Rows = abbreviateRows(rows[i], 3)
		for _, c := range st.Searched[out[i].Key] {
			if !slices.ContainsFunc(out[i].Candidates, func(o letterboxd.Candidate) bool { return o.ID == c.ID }) {
				out[i].Candidates = append(out[i].Candidates, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b problemFilm) int {
		return cmp.Or(-cmp.Compare(statusRank(a.Status), statusRank(b.Status)), -cmp.Compare(a.RowCount, b.RowCount),
			strings.Compare(matchkey.Key(a.Name), matchkey.Key(b.Name)), cmp.Compare(a.Year, b.Year))
	})
	return out
}

func statusRank(s letterboxd.Status) int {
	if s == letterboxd.Ambiguous {
		return 1
	}
	return 0
}

func abbreviateRows(rows []string, n int) string {
	if len(rows) <= n {
		return strings.Join(rows, " ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(rows[:n], " "), len(rows)-n)
}

// answer is the member's answer for one film, as submitted.
type answer struct {
	key, name string
	year      int
	choice    string // a candidate's id, "other", "skip" or "later"
	other     string // the IMDb id or title typed
	err       string // what is wrong with it, for the form

	id         string                 // the film chosen, when settled
	film       reel.Film              // its catalog entry
	skip       bool                   // leave the rows out
	query      string                 // a search to offer candidates from
	candidates []letterboxd.Candidate // what the search found
}

// resolve records the member's answers and, when any settles a film (or a
// dry run is to be stored), runs the import again with them.
func (im *importer) resolve(w http.ResponseWriter, r *http.Request) {
	j, ok := im.job(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		im.s.fail(w, r, reel.Wrap(err, reel.Invalid, "The form could not be read."))
		return
	}
	st := im.jobs.state(j)
	if st.Running {
		im.s.fail(w, r, reel.Errorf(reel.Conflict, "This import is running; wait for it to finish, then resolve its rows."))
		return
	}
	if st.Report == nil {
		im.s.fail(w, r, reel.Errorf(reel.Conflict, "This import has no report to resolve; upload your export again."))
		return
	}
	find := r.PostForm.Get("find")
	answers, err := im.readAnswers(r, st)
	if err != nil {
		p := newJobPage(st, find, nil)
		p.FormError = reel.ErrorMessage(err)
		im.renderJob(w, r, http.StatusBadRequest, p)
		return
	}
	bad := 0
	for _, a := range answers {
		if a.err != "" {
			bad++
		}
	}
	if bad > 0 {
		p := newJobPage(st, find, answers)
		p.FormError = fmt.Sprintf("%d %s need a fix; nothing was changed.", bad, plural(bad, "answer", "answers"))
		im.renderJob(w, r, http.StatusBadRequest, p)
		return
	}
	storeNow := r.PostForm.Get("store") == "1"
	rerun, err := im.jobs.apply(j, answers, storeNow)
	if err != nil {
		status := http.StatusConflict
		if err == errImportsBusy {
			status = http.StatusServiceUnavailable
		}
		p := newJobPage(st, find, answers)
		p.FormError = reel.ErrorMessage(err)
		im.renderJob(w, r, status, p)
		return
	}
	if rerun != nil {
		go im.s.runImport(im.jobs, j, nil, rerun.res, rerun.dryRun)
		http.Redirect(w, r, "/import/"+j.id, http.StatusSeeOther)
		return
	}
	// Only skips and searches: nothing to import again.
	back := "/import/" + j.id
	if find != "" {
		back += "?find=" + url.QueryEscape(find)
	}
	http.Redirect(w, r, back+"#resolve-h", http.StatusSeeOther)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// readAnswers reads the form's films (name.N, year.N, choice.N, other.N),
// checking each answer against the report and the catalog. A malformed
// form is an error; an answer that needs a fix carries its err.
func (im *importer) readAnswers(r *http.Request, st jobState) (map[string]answer, error) {
	open := map[string]bool{}
	for _, row := range st.Report.Rows {
		if row.Status != letterboxd.Matched {
			open[filmKey(row.Name, row.Year)] = true
		}
	}
	answers := map[string]answer{}
	for n := 0; n < maxResolveFilms; n++ {
		sn := strconv.Itoa(n)
		name, ok := r.PostForm["name."+sn]
		if !ok {
			break
		}
		year, err := strconv.Atoi(cmp.Or(r.PostForm.Get("year."+sn), "0"))
		if err != nil || len(name) != 1 {
			return nil, reel.Errorf(reel.Invalid, "The form is damaged; reload the page and answer again.")
		}
		a := answer{name: name[0], year: year, key: filmKey(name[0], year),
			choice: r.PostForm.Get("choice." + sn), other: strings.TrimSpace(r.PostForm.Get("other." + sn))}
		if !open[a.key] {
			return nil, reel.Errorf(reel.Invalid, "%q is not a row to resolve of this import; reload the page.", a.name)
		}
		im.settle(r, &a)
		answers[a.key] = a
	}
	return answers, nil
}

// settle decides what one answer asks for. A typed id or title counts
// when "another film" or nothing else is chosen, so typing is enough.
func (im *importer) settle(r *http.Request, a *answer) {
	switch {
	case a.choice == "skip":
		a.skip = true
	case strings.HasPrefix(a.choice, "tt"):
		im.catalogFilm(r, a, a.choice)
	case a.other != "" && (a.choice == "other" || a.choice == "later" || a.choice == ""):
		if id, ok := typedID(a.other); ok {
			im.catalogFilm(r, a, id)
			return
		}
		im.search(r, a)
	case a.choice == "other":
		a.err = "Type the film’s IMDb id (tt…) or its title."
	}
}

// typedID reads what looks like an IMDb id, or an IMDb link, from s. Text
// that merely starts with "tt" and a letter is a title to search for.
func typedID(s string) (string, bool) {
	l := strings.ToLower(s)
	if i := strings.Index(l, "imdb.com/title/"); i >= 0 {
		id := l[i+len("imdb.com/title/"):]
		if end := strings.IndexAny(id, "/?#"); end >= 0 {
			id = id[:end]
		}
		return id, true
	}
	if len(l) > 2 && strings.HasPrefix(l, "tt") && l[2] >= '0' && l[2] <= '9' {
		return l, true
	}
	return "", false
}

// catalogFilm settles a on the film id when the catalog has it, and sets
// a.err when it does not.
func (im *importer) catalogFilm(r *http.Request, a *answer, id string) {
	fid, err := reel.ParseFilmID(id)
	if err != nil {
		a.err = fmt.Sprintf("%q is not an IMDb id: one is “tt” and digits, like tt0056801.", id)
		return
	}
	f, err := im.s.store.Film(r.Context(), fid)
	if err != nil {
		if reel.ErrorCode(err) == reel.NotFound {
			a.err = fmt.Sprintf("%s is not in reel’s catalog.", fid)
		} else {
			a.err = "The catalog could not be searched; try again."
			im.s.logger.Error("import resolve", "err", err)
		}
		return
	}
	a.id, a.film = fid.String(), f.Film
}

// search looks the typed title up in the catalog: its films become the
// answer's candidates, to choose from on the page.
func (im *importer) search(r *http.Request, a *answer) {
	hits, err := im.s.store.Search(r.Context(), a.other, 4*maxSearchCandidates)
	if err != nil {
		if reel.ErrorCode(err) == reel.Invalid {
			a.err = reel.ErrorMessage(err)
			return
		}
		im.s.logger.Error("import resolve search", "err", err)
		a.err = "The catalog could not be searched; try again."
		return
	}
	for _, h := range hits {
		if h.Kind == "film" && len(a.candidates) < maxSearchCandidates {
			a.candidates = append(a.candidates, letterboxd.Candidate{ID: h.ID, Title: h.Name, Year: h.Year})
		}
	}
	if len(a.candidates) == 0 {
		a.err = fmt.Sprintf("No film in the catalog matches %q; try another title or its IMDb id.", a.other)
		return
	}
	a.query = a.other
}

// rerunPlan is a run apply has admitted.
type rerunPlan struct {
	res    *letterboxd.Resolutions
	dryRun bool
}

// apply records the answers on j; when one settles a film, or storeNow
// turns a dry run into an import, it admits a new run and returns its
// plan. Nothing is recorded when the run cannot start.
func (js *importJobs) apply(j *importJob, answers map[string]answer, storeNow bool) (*rerunPlan, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	if j.running {
		return nil, reel.Errorf(reel.Conflict, "This import is running; wait for it to finish.")
	}
	settles := storeNow && j.dryRun
	for _, a := range answers {
		if a.id != "" {
			settles = true
		}
	}
	if settles {
		if err := js.admitLocked(j.owner); err != nil {
			return nil, err
		}
	}
	for k, a := range answers {
		switch {
		case a.id != "":
			j.resolved[k] = resolvedFilm{name: a.name, year: a.year, id: a.id, title: a.film.Title, titleYear: a.film.Year}
			delete(j.skipped, k)
		case a.skip:
			j.skipped[k] = true
			delete(j.resolved, k)
		case a.query != "":
			j.searched[k], j.searchQuery[k] = a.candidates, a.query
		}
	}
	if !settles {
		return nil, nil
	}
	if storeNow {
		j.dryRun = false
	}
	res, err := j.resolutions()
	if err != nil {
		return nil, err
	}
	js.beginLocked(j, nowForImports())
	return &rerunPlan{res: res, dryRun: j.dryRun}, nil
}
