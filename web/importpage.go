package web

import (
	"io"
	"net/http"
	"os"
	"time"

	"reel"
	"reel/letterboxd"
	"reel/store"
)

// The Import page is the browser's way to the Letterboxd import the API
// offers at /api/v1/import/letterboxd: the same matching and storing, run
// in the background (importpage_jobs.go) so the page can show progress,
// then a report whose unsettled rows the member resolves in place
// (importpage_resolve.go). It all works without JavaScript; import.js
// polls the progress instead of reloading the page.
func init() {
	pageNames = append(pageNames, "import", "import_job")
}

// importRoutes registers the Import page (one line in routes).
func (s *Server) importRoutes() {
	im := &importer{s: s, jobs: newImportJobs()}
	s.mux.HandleFunc("GET /import", im.form)
	s.mux.HandleFunc("POST /import", im.upload)
	s.mux.HandleFunc("GET /import/{job}", im.page)
	s.mux.HandleFunc("GET /import/{job}/status", im.status)
	s.mux.HandleFunc("GET /import/{job}/resolutions.csv", im.resolutionFile)
	s.mux.HandleFunc("POST /import/{job}/resolve", im.resolve)
	s.api("GET "+letterboxdUploadPath+"/{job}", im.apiStatus)
}

// importer serves the Import page and its jobs.
type importer struct {
	s    *Server
	jobs *importJobs
}

// importPage is the upload form's view-model.
type importPage struct {
	DryRun  bool
	Error   string
	Running string // the id of the member's running import, to link to
	Recent  []recentImport
	MaxMB   int
}

// recentImport is one of the member's kept imports, to go back to.
type recentImport struct {
	ID, Phase string
	DryRun    bool
	Unmatched int // rows left unsettled, once done
	Expires   string
}

func (im *importer) form(w http.ResponseWriter, r *http.Request) {
	u, err := requireViewer(r)
	if err != nil {
		http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
		return
	}
	noStore(w)
	p := importPage{DryRun: true, Running: im.jobs.runningOf(u.ID)}
	for _, st := range im.jobs.of(u.ID) {
		ri := recentImport{ID: st.ID, Phase: phaseText(st), DryRun: st.DryRun, Expires: st.Expires.UTC().Format("15:04 UTC")}
		if st.Report != nil {
			ri.Unmatched = st.Report.Unmatched + st.Report.Ambiguous
		}
		p.Recent = append(p.Recent, ri)
	}
	im.renderForm(w, r, http.StatusOK, p)
}

// upload spools the export, checks that it reads as one, and starts its
// import as a job; the browser is sent to the job's page.
func (im *importer) upload(w http.ResponseWriter, r *http.Request) {
	u, err := requireViewer(r)
	if err != nil {
		im.s.fail(w, r, err)
		return
	}
	noStore(w)
	p := importPage{Running: im.jobs.runningOf(u.ID)}
	id, err := im.start(r, u, &p)
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case err == errImportsBusy:
			status = http.StatusServiceUnavailable
		case reel.ErrorCode(err) == reel.Conflict:
			status = http.StatusConflict
		case reel.ErrorCode(err) != reel.Invalid && reel.ErrorCode(err) != reel.NotFound:
			im.s.fail(w, r, err)
			return
		}
		p.Error = reel.ErrorMessage(err)
		im.renderForm(w, r, status, p)
		return
	}
	http.Redirect(w, r, "/import/"+id, http.StatusSeeOther)
}

func (im *importer) renderForm(w http.ResponseWriter, r *http.Request, status int, p importPage) {
	p.MaxMB = maxUploadBytes >> 20
	im.s.render(w, r, status, "import", view{Title: "Import from Letterboxd", Description: "Import a Letterboxd export into your journal.", Page: p})
}

// start reads the form (the "file" part and the "dry_run" box, in either
// order), spools and reads the export, and starts the job.
func (im *importer) start(r *http.Request, u store.User, p *importPage) (string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", reel.Errorf(reel.Invalid, "Choose the zip file of your Letterboxd export.")
	}
	var f *os.File
	var size int64
	keep := false
	defer func() {
		if f != nil {
			f.Close()
			if !keep {
				os.Remove(f.Name())
			}
		}
	}()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", uploadError(err)
		}
		switch part.FormName() {
		case "dry_run":
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			p.DryRun = string(v) != "" && string(v) != "0"
		case "file":
			if f != nil {
				return "", reel.Errorf(reel.Invalid, "Send one export at a time.")
			}
			if f, size, err = spool(part); err != nil {
				return "", err
			}
		}
	}
	if f == nil || size == 0 {
		return "", reel.Errorf(reel.Invalid, "Choose the zip file of your Letterboxd export.")
	}
	// Reading the export here answers a file that is not one at once, on
	// the form, rather than on a progress page.
	exp, err := letterboxd.OpenZip(f, size)
	if err != nil {
		return "", err
	}
	j, err := im.jobs.add(u.ID, f.Name(), size, p.DryRun)
	if err != nil {
		return "", err
	}
	keep = true // the job owns the file now
	go im.s.runImport(im.jobs, j, exp, nil, p.DryRun)
	return j.id, nil
}

// job returns the viewer's job named in the path, or writes the error.
func (im *importer) job(w http.ResponseWriter, r *http.Request) (*importJob, bool) {
	u, err := requireViewer(r)
	if err != nil {
		if r.Method == http.MethodGet {
			http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
		} else {
			im.s.fail(w, r, err)
		}
		return nil, false
	}
	noStore(w)
	j, err := im.jobs.get(r.PathValue("job"), u.ID)
	if err != nil {
		im.s.fail(w, r, err)
		return nil, false
	}
	return j, true
}

// page shows a job: its progress while it runs, its report when done.
func (im *importer) page(w http.ResponseWriter, r *http.Request) {
	j, ok := im.job(w, r)
	if !ok {
		return
	}
	st := im.jobs.state(j)
	im.renderJob(w, r, http.StatusOK, newJobPage(st, r.URL.Query().Get("find"), nil))
}

func (im *importer) renderJob(w http.ResponseWriter, r *http.Request, status int, p jobPage) {
	title := "Import from Letterboxd"
	if p.Running {
		title = "Importing from Letterboxd"
	}
	im.s.render(w, r, status, "import_job", view{Title: title, Description: "The progress and report of a Letterboxd import.", Page: p})
}

// importStatus is a job's progress, for import.js and the API.
type importStatus struct {
	ID        string        `json:"id"`
	State     string        `json:"state"` // running, done or failed
	Phase     string        `json:"phase"` // queued, matching, storing, done or failed
	Done      int           `json:"done"`  // film rows matched so far
	Total     int           `json:"total"` // film rows in the export; 0 until known
	DryRun    bool          `json:"dry_run"`
	Error     string        `json:"error,omitempty"`
	ExpiresAt time.Time     `json:"expires_at"`
	Result    *importResult `json:"result,omitempty"` // the API's, once done
}

func statusOfJob(st jobState) importStatus {
	out := importStatus{ID: st.ID, State: "running", Phase: st.Phase, Done: st.Done, Total: st.Total,
		DryRun: st.DryRun, Error: st.Failure, ExpiresAt: st.Expires.UTC().Truncate(time.Second)}
	switch {
	case st.Running:
	case st.Phase == phaseFailed:
		out.State = "failed"
	default:
		out.State = "done"
	}
	return out
}

// status answers import.js's polls: small, and never cached.
func (im *importer) status(w http.ResponseWriter, r *http.Request) {
	u, err := requireViewer(r)
	if err != nil {
		im.s.apiFail(w, r, err)
		return
	}
	noStore(w)
	j, err := im.jobs.get(r.PathValue("job"), u.ID)
	if err != nil {
		im.s.apiFail(w, r, err)
		return
	}
	im.s.writeJSON(w, http.StatusOK, statusOfJob(im.jobs.state(j)))
}

// resolutionFile is the resolution file of the job's last report, for the
// command line's --resolve.
func (im *importer) resolutionFile(w http.ResponseWriter, r *http.Request) {
	j, ok := im.job(w, r)
	if !ok {
		return
	}
	st := im.jobs.state(j)
	if st.Report == nil {
		im.s.fail(w, r, reel.Errorf(reel.NotFound, "This import has no report yet."))
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="letterboxd-resolutions.csv"`)
	if err := st.Report.WriteResolutions(w); err != nil {
		im.s.logger.Error("write resolutions", "err", err)
	}
}
