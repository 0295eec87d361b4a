package web

import (
	"html/template"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"reel"
	"reel/journalio"
	"reel/letterboxd"
	"reel/store"
)

// The Import page is the browser's way to the Letterboxd import the API
// offers at /api/v1/import/letterboxd: the same matching and storing, with
// the report as a page. It works without JavaScript.
func init() {
	pageNames = append(pageNames, "import")
}

// importRoutes registers the Import page (one line in routes).
func (s *Server) importRoutes() {
	s.mux.HandleFunc("GET /import", s.handleImportForm)
	s.mux.HandleFunc("POST /import", s.handleImport)
}

// maxProblemRows bounds the report's table: an export of a catalog reel
// lacks can leave thousands of rows unmatched.
const maxProblemRows = 200

// importPage is the Import page's view-model: the form, and after a POST
// the report.
type importPage struct {
	DryRun bool
	Error  string
	Done   bool // an import (or dry run) ran; the fields below are set
	Report *letterboxd.Report
	Stored *store.LetterboxdImport
	// Problems are the rows left unmatched or ambiguous.
	Problems []letterboxd.ReportRow
	// MoreProblems counts the problem rows past the table's limit; the
	// resolution file still lists them all.
	MoreProblems int
	// ResolutionsURL is a data: URL of the resolution file to fill in, so
	// the download needs no second request and no stored state.
	ResolutionsURL template.URL
	MaxMB          int
}

func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	if _, err := requireViewer(r); err != nil {
		http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
		return
	}
	noStore(w)
	s.renderImport(w, r, http.StatusOK, importPage{DryRun: true})
}

func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) {
	u, err := requireViewer(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	noStore(w)
	p, err := s.importUpload(r, u)
	if err != nil {
		switch reel.ErrorCode(err) {
		case reel.Invalid, reel.NotFound:
			p.Error = reel.ErrorMessage(err)
			s.renderImport(w, r, http.StatusBadRequest, p)
		default:
			s.fail(w, r, err)
		}
		return
	}
	s.renderImport(w, r, http.StatusOK, p)
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, p importPage) {
	p.MaxMB = maxUploadBytes >> 20
	s.render(w, r, status, "import", view{Title: "Import from Letterboxd", Description: "Import a Letterboxd export into your journal.", Page: p})
}

// importUpload reads the form (the "file" part and the "dry_run" box, in
// either order), then matches and, unless it is a dry run, stores the
// export as importLetterboxd does for the API.
func (s *Server) importUpload(r *http.Request, u store.User) (importPage, error) {
	var p importPage
	mr, err := r.MultipartReader()
	if err != nil {
		return p, reel.Errorf(reel.Invalid, "Choose the zip file of your Letterboxd export.")
	}
	var f *os.File
	var size int64
	defer func() {
		if f != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p, uploadError(err)
		}
		switch part.FormName() {
		case "dry_run":
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			p.DryRun = string(v) != "" && string(v) != "0"
		case "file":
			if f != nil {
				return p, reel.Errorf(reel.Invalid, "Send one export at a time.")
			}
			if f, size, err = spool(part); err != nil {
				return p, err
			}
		}
	}
	if f == nil || size == 0 {
		return p, reel.Errorf(reel.Invalid, "Choose the zip file of your Letterboxd export.")
	}
	exp, err := letterboxd.OpenZip(f, size)
	if err != nil {
		return p, err
	}
	rep, n, err := journalio.Import(r.Context(), s.store, u.ID, exp, journalio.ImportOptions{DryRun: p.DryRun})
	if err != nil {
		return p, err
	}
	if !p.DryRun {
		p.Stored = &n
		s.forgetImported(rep)
	}
	p.Done, p.Report = true, rep
	for _, row := range rep.Rows {
		if row.Status != letterboxd.Matched {
			p.Problems = append(p.Problems, row)
		}
	}
	if len(p.Problems) > maxProblemRows {
		p.MoreProblems = len(p.Problems) - maxProblemRows
		p.Problems = p.Problems[:maxProblemRows]
	}
	if len(p.Problems) > 0 {
		var b strings.Builder
		if err := rep.WriteResolutions(&b); err != nil {
			return p, reel.Wrap(err, reel.Internal, "write resolutions")
		}
		p.ResolutionsURL = template.URL("data:text/csv;charset=utf-8," + url.PathEscape(b.String()))
	}
	return p, nil
}
