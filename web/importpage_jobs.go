package web

import (
	"context"
	"crypto/rand"
	"maps"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"reel"
	"reel/journalio"
	"reel/letterboxd"
	"reel/matchkey"
	"reel/store"
)

// A Letterboxd import started on the Import page runs in the background as
// a job, so the page can show its progress and, later, re-run it with the
// member's resolutions. Jobs live in this process's memory with the
// spooled export: an instance behind a load balancer needs sticky sessions
// for the progress page, and a restart forgets them (the member uploads
// again; imports are idempotent, so nothing is stored twice).
//
// The bounds keep a few members from filling the disk or the CPU: one
// running job per member, a few at once on the whole site, a few kept per
// member and a few dozen kept in all, each removed with its file an hour
// after it was last started.
const (
	maxRunningImports = 3  // at once, site-wide: matching is CPU-bound
	maxKeptImports    = 32 // kept, site-wide; 32 × 50 MB bounds the spool
	maxKeptPerUser    = 3
	importTTL         = time.Hour
	importRunTimeout  = 10 * time.Minute // a run that takes longer has gone wrong
)

// errImportsBusy is answered when maxRunningImports are running.
var errImportsBusy = reel.Errorf(reel.Conflict, "The server is busy with other imports. Please try again in a minute.")

// importNow is the jobs' clock; tests move it forward to expire jobs.
var importNow atomic.Pointer[func() time.Time]

func nowForImports() time.Time {
	if f := importNow.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// importHold, when set, is waited on by every run before it starts, so a
// test can see a job in progress.
var importHold atomic.Pointer[chan struct{}]

// The phases a job shows, beyond journalio's matching and storing.
const (
	phaseQueued = "queued"
	phaseDone   = "done"
	phaseFailed = "failed"
)

// importJob is one uploaded export and what was made of it. Every field
// but the first four is guarded by importJobs.mu.
type importJob struct {
	id    string
	owner store.UserID
	path  string // the spooled export zip
	size  int64

	expires     time.Time
	running     bool
	dryRun      bool
	phase       string
	done, total int
	runs        int
	report      *letterboxd.Report // of the last finished run; never modified
	stored      *store.LetterboxdImport
	failure     string                            // why the last run failed, for the member
	resolved    map[string]resolvedFilm           // by filmKey
	skipped     map[string]bool                   // by filmKey
	searched    map[string][]letterboxd.Candidate // films found by the member's search, by filmKey
	searchQuery map[string]string
}

// resolvedFilm is one answer: the rows titled name (year) are film id,
// whose catalog title and year the report shows beside it.
type resolvedFilm struct {
	name      string
	year      int
	id        string
	title     string
	titleYear int
}

// filmKey groups the rows that name one film the way a resolution applies
// to them: by title match key and year.
func filmKey(name string, year int) string {
	return matchkey.Key(name) + "\x00" + strconv.Itoa(year)
}

// resolutions turns the job's answers into what the matcher consults.
func (j *importJob) resolutions() (*letterboxd.Resolutions, error) {
	res := &letterboxd.Resolutions{}
	for _, r := range j.resolved {
		if err := res.Set(r.name, r.year, r.id); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// importJobs holds every job of one server.
type importJobs struct {
	mu      sync.Mutex
	byID    map[string]*importJob
	running int
}

func newImportJobs() *importJobs {
	return &importJobs{byID: map[string]*importJob{}}
}

// sweepLocked removes the jobs past their time, and their files. A running
// job is left to finish; it is swept after.
func (js *importJobs) sweepLocked(now time.Time) {
	for _, j := range js.byID {
		if !j.running && now.After(j.expires) {
			js.removeLocked(j)
		}
	}
}

func (js *importJobs) removeLocked(j *importJob) {
	delete(js.byID, j.id)
	os.Remove(j.path)
}

// sweepLater sweeps once the job started now may have expired, so an
// abandoned job's file does not wait for the next visitor to go.
func (js *importJobs) sweepLater() {
	time.AfterFunc(importTTL+time.Second, func() {
		js.mu.Lock()
		defer js.mu.Unlock()
		js.sweepLocked(nowForImports())
	})
}

// get returns owner's job id. Someone else's job is as missing as one
// that never was, so ids cannot be probed.
func (js *importJobs) get(id string, owner store.UserID) (*importJob, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.sweepLocked(nowForImports())
	j := js.byID[id]
	if j == nil || j.owner != owner {
		return nil, reel.Errorf(reel.NotFound, "There is no import %s: imports are kept for an hour.", id)
	}
	return j, nil
}

// runningOf returns the id of owner's running job, if any.
func (js *importJobs) runningOf(owner store.UserID) string {
	for _, j := range js.of(owner) {
		if j.Running {
			return j.ID
		}
	}
	return ""
}

// of returns owner's kept jobs, the latest first, so the upload form can
// lead back to a report left behind.
func (js *importJobs) of(owner store.UserID) []jobState {
	js.mu.Lock()
	now := nowForImports()
	js.sweepLocked(now)
	var mine []*importJob
	for _, j := range js.byID {
		if j.owner == owner {
			mine = append(mine, j)
		}
	}
	js.mu.Unlock()
	var out []jobState
	for _, j := range mine {
		out = append(out, js.state(j))
	}
	slices.SortFunc(out, func(a, b jobState) int { return b.Expires.Compare(a.Expires) })
	return out
}

// admitLocked checks that owner may start a run now.
func (js *importJobs) admitLocked(owner store.UserID) error {
	for _, j := range js.byID {
		if j.owner == owner && j.running {
			return reel.Errorf(reel.Conflict, "An import of yours is still running; wait for it to finish.")
		}
	}
	if js.running >= maxRunningImports {
		return errImportsBusy
	}
	return nil
}

// add makes a job of a spooled export and marks it running; the caller
// starts the run. It makes room by dropping the owner's oldest finished
// jobs, then anyone's.
func (js *importJobs) add(owner store.UserID, path string, size int64, dryRun bool) (*importJob, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	now := nowForImports()
	js.sweepLocked(now)
	if err := js.admitLocked(owner); err != nil {
		return nil, err
	}
	js.makeRoomLocked(owner)
	if len(js.byID) >= maxKeptImports {
		return nil, errImportsBusy // every kept job is running: cannot happen with the bounds above
	}
	j := &importJob{id: rand.Text(), owner: owner, path: path, size: size, dryRun: dryRun,
		resolved: map[string]resolvedFilm{}, skipped: map[string]bool{},
		searched: map[string][]letterboxd.Candidate{}, searchQuery: map[string]string{}}
	js.byID[j.id] = j
	js.beginLocked(j, now)
	return j, nil
}

// makeRoomLocked drops finished jobs, oldest first, until owner has room
// for one more and so has the site.
func (js *importJobs) makeRoomLocked(owner store.UserID) {
	for {
		mine, oldest, oldestMine := 0, (*importJob)(nil), (*importJob)(nil)
		for _, j := range js.byID {
			if j.owner == owner {
				mine++
			}
			if j.running {
				continue
			}
			if oldest == nil || j.expires.Before(oldest.expires) {
				oldest = j
			}
			if j.owner == owner && (oldestMine == nil || j.expires.Before(oldestMine.expires)) {
				oldestMine = j
			}
		}
		switch {
		case mine >= maxKeptPerUser && oldestMine != nil:
			js.removeLocked(oldestMine)
		case len(js.byID) >= maxKeptImports && oldest != nil:
			js.removeLocked(oldest)
		default:
			return
		}
	}
}

// beginLocked marks j running from now.
func (js *importJobs) beginLocked(j *importJob, now time.Time) {
	j.running = true
	js.running++
	j.phase, j.done, j.total, j.failure = phaseQueued, 0, 0, ""
	j.expires = now.Add(importTTL)
	js.sweepLater()
}

// rerun marks j running again, for a run with the member's resolutions.
func (js *importJobs) rerun(j *importJob) error {
	js.mu.Lock()
	defer js.mu.Unlock()
	if err := js.admitLocked(j.owner); err != nil {
		return err
	}
	js.beginLocked(j, nowForImports())
	return nil
}

func (js *importJobs) progress(j *importJob, p journalio.Progress) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j.phase, j.done, j.total = string(p.Phase), p.Done, p.Total
}

// finish records the outcome of j's run.
func (js *importJobs) finish(j *importJob, rep *letterboxd.Report, n *store.LetterboxdImport, failure string) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j.running = false
	js.running--
	j.runs++
	if failure != "" {
		j.phase, j.failure = phaseFailed, failure
		return
	}
	j.phase, j.report, j.stored = phaseDone, rep, n
	if rep != nil {
		j.done, j.total = len(rep.Rows), len(rep.Rows)
	}
}

// jobState is a consistent copy of a job's fields, for a page or a status.
type jobState struct {
	ID          string
	Running     bool
	DryRun      bool
	Phase       string
	Done, Total int
	Runs        int
	Failure     string
	Expires     time.Time
	Report      *letterboxd.Report
	Stored      *store.LetterboxdImport
	Resolved    map[string]resolvedFilm
	Skipped     map[string]bool
	Searched    map[string][]letterboxd.Candidate
	SearchQuery map[string]string
}

func (js *importJobs) state(j *importJob) jobState {
	js.mu.Lock()
	defer js.mu.Unlock()
	return jobState{ID: j.id, Running: j.running, DryRun: j.dryRun, Phase: j.phase, Done: j.done, Total: j.total,
		Runs: j.runs, Failure: j.failure, Expires: j.expires, Report: j.report, Stored: j.stored,
		Resolved: maps.Clone(j.resolved), Skipped: maps.Clone(j.skipped), Searched: maps.Clone(j.searched), SearchQuery: maps.Clone(j.searchQuery)}
}

// runImport runs one import of j in the background: matching with the
// member's resolutions, then storing unless it is a dry run. exp is the
// export already read from the upload, or nil to read the spooled file.
func (s *Server) runImport(js *importJobs, j *importJob, exp *letterboxd.Export, res *letterboxd.Resolutions, dryRun bool) {
	var (
		rep     *letterboxd.Report
		n       *store.LetterboxdImport
		failure string
	)
	defer func() {
		if v := recover(); v != nil {
			s.logger.Error("import job panic", "job", j.id, "panic", v)
			rep, n, failure = nil, nil, "Something went wrong on our side. Please try again."
		}
		js.finish(j, rep, n, failure)
	}()
	if hold := importHold.Load(); hold != nil {
		<-*hold
	}
	ctx, cancel := context.WithTimeout(context.Background(), importRunTimeout)
	defer cancel()
	var err error
	if exp == nil {
		exp, err = openSpooled(j.path, j.size)
	}
	if err == nil {
		var stored store.LetterboxdImport
		rep, stored, err = journalio.Import(ctx, s.store, j.owner, exp, journalio.ImportOptions{
			DryRun: dryRun, Resolutions: res, Progress: func(p journalio.Progress) { js.progress(j, p) }})
		if err == nil && !dryRun {
			n = &stored
			s.forgetImported(rep)
		}
	}
	if err != nil {
		failure = reel.ErrorMessage(err)
		if reel.ErrorCode(err) == reel.Internal {
			s.logger.Error("import job", "job", j.id, "err", err)
			failure = "Something went wrong on our side. Please try again."
		}
	}
}

func openSpooled(path string, size int64) (*letterboxd.Export, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, reel.Wrap(err, reel.Internal, "open spooled export")
	}
	defer f.Close()
	return letterboxd.OpenZip(f, size)
}
