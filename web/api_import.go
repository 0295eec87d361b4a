package web

import (
	"errors"
	"io"
	"net/http"
	"os"

	"reel"
	"reel/journalio"
	"reel/letterboxd"
	"reel/store"
)

// The Letterboxd upload takes a whole export; real ones are a few MB, and
// 50 MB leaves room for a decade of diary with long reviews.
const (
	letterboxdUploadPath = "/api/v1/import/letterboxd"
	maxUploadBytes       = 50 << 20
)

// bodyLimit is the request size bound the middleware applies: every body is
// small except the upload of an export.
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && (r.URL.Path == letterboxdUploadPath || r.URL.Path == "/import") {
		return maxUploadBytes
	}
	return maxBodyBytes
}

// importResult is the answer to an upload: the matching report and, unless
// it was a dry run, what was stored.
type importResult struct {
	DryRun bool                    `json:"dry_run"`
	Report *letterboxd.Report      `json:"report"`
	Stored *store.LetterboxdImport `json:"stored,omitempty"`
}

// apiImportLetterboxd imports an uploaded export (multipart field "file")
// into the viewer's journal, in one transaction; ?dry_run=1 only matches.
func (s *Server) apiImportLetterboxd(w http.ResponseWriter, r *http.Request) {
	u, ok := s.apiViewer(w, r)
	if !ok {
		return
	}
	res, err := s.importLetterboxd(r, u)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, res)
}

func (s *Server) importLetterboxd(r *http.Request, u store.User) (importResult, error) {
	dry, err := boolQuery(r, "dry_run")
	if err != nil {
		return importResult{}, err
	}
	f, size, err := spoolUpload(r, "file")
	if err != nil {
		return importResult{}, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	exp, err := letterboxd.OpenZip(f, size)
	if err != nil {
		return importResult{}, err
	}
	rep, n, err := journalio.Import(r.Context(), s.store, u.ID, exp, journalio.ImportOptions{DryRun: dry})
	if err != nil {
		return importResult{}, err
	}
	res := importResult{DryRun: dry, Report: rep}
	if !dry {
		res.Stored = &n
		s.forgetImported(rep)
	}
	return res, nil
}

// forgetImported drops cached pages of the films an import touched, whose
// scores may have changed.
func (s *Server) forgetImported(rep *letterboxd.Report) {
	for _, row := range rep.Rows {
		if id, err := reel.ParseFilmID(row.ID); err == nil {
			s.forgetFilm(id)
		}
	}
}

// spoolUpload copies the multipart part named field to a temporary file: a
// zip is read by random access, and holding 50 MB in memory per upload
// would let a few clients exhaust it. The caller removes the file.
func spoolUpload(r *http.Request, field string) (*os.File, int64, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, 0, reel.Errorf(reel.Invalid, "send the export as multipart/form-data with a %q part", field)
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil, 0, reel.Errorf(reel.Invalid, "the upload has no %q part", field)
		}
		if err != nil {
			return nil, 0, uploadError(err)
		}
		if p.FormName() == field {
			return spool(p)
		}
	}
}

func spool(src io.Reader) (*os.File, int64, error) {
	f, err := os.CreateTemp("", "reel-upload-*.zip")
	if err != nil {
		return nil, 0, reel.Wrap(err, reel.Internal, "spool upload")
	}
	n, err := io.Copy(f, src)
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, uploadError(err)
	}
	return f, n, nil
}

func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return reel.Errorf(reel.Invalid, "the upload is over the %d MB limit", tooBig.Limit>>20)
	}
	return reel.Wrap(err, reel.Invalid, "read the upload")
}

// apiStatus is an import job's progress and, once it is done, its result:
// jobs are started on the Import page, whose address names them.
func (im *importer) apiStatus(w http.ResponseWriter, r *http.Request) {
	u, ok := im.s.apiViewer(w, r)
	if !ok {
		return
	}
	j, err := im.jobs.get(r.PathValue("job"), u.ID)
	if err != nil {
		im.s.apiFail(w, r, err)
		return
	}
	noStore(w)
	st := im.jobs.state(j)
	out := statusOfJob(st)
	if out.State == "done" {
		out.Result = &importResult{DryRun: st.DryRun, Report: st.Report, Stored: st.Stored}
	}
	im.s.writeJSON(w, http.StatusOK, out)
}
