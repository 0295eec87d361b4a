package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"reel/letterboxd"
	"reel/researchdata"
	"reel/store"
	"reel/web"
)

// postImport sends the Import page's form as the cookie's user and returns
// the status, the body and the Location.
func postImport(t *testing.T, base string, c *http.Cookie, zip []byte, dry bool) (int, string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if dry {
		mw.WriteField("dry_run", "1")
	}
	if zip != nil {
		fw, _ := mw.CreateFormFile("file", "letterboxd.zip")
		fw.Write(zip)
	}
	mw.Close()
	req, err := http.NewRequest("POST", base+"/import", &b)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if c != nil {
		req.AddCookie(c)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	return resp.StatusCode, out.String(), resp.Header.Get("Location")
}

var jobPath = regexp.MustCompile(`^/import/([A-Z2-7]{26})$`)

// startImport uploads zip and returns the job's page path.
func startImport(t *testing.T, base string, c *http.Cookie, zip []byte, dry bool) string {
	t.Helper()
	code, body, loc := postImport(t, base, c, zip, dry)
	if code != http.StatusSeeOther || !jobPath.MatchString(loc) {
		t.Fatalf("upload = %d %q, want a redirect to the job\n%s", code, loc, body)
	}
	return loc
}

type jobStatus struct {
	State, Phase, Error string
	Done, Total         int
	Result              *struct {
		Report *letterboxd.Report      `json:"report"`
		Stored *store.LetterboxdImport `json:"stored"`
	}
}

func getStatus(t *testing.T, c *http.Cookie, u string) (int, jobStatus) {
	t.Helper()
	code, body, _ := fetch(t, c, "GET", u, nil)
	var st jobStatus
	if code == 200 {
		if err := json.Unmarshal([]byte(body), &st); err != nil {
			t.Fatalf("%s: %v\n%s", u, err, body)
		}
	}
	return code, st
}

// waitImport polls the job's status until it is no longer running.
func waitImport(t *testing.T, base string, c *http.Cookie, job string) jobStatus {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		code, st := getStatus(t, c, base+job+"/status")
		if code != 200 {
			t.Fatalf("status of %s = %d", job, code)
		}
		if st.State != "running" {
			return st
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s still running after 30 s", job)
	return jobStatus{}
}

func lbZip(t *testing.T) []byte {
	t.Helper()
	var zip bytes.Buffer
	if err := letterboxd.WriteZip(&zip, lbExport()); err != nil {
		t.Fatal(err)
	}
	return zip.Bytes()
}

func wantIn(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestImportPage walks the Import page: upload, progress, report, the
// owner-only rule, resolving in the browser, storing, and expiry.
func TestImportPage(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	base := srv.URL
	if code, _, loc := fetch(t, nil, "GET", base+"/import", nil); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("signed out GET /import = %d %q, want a redirect to sign in", code, loc)
	}
	c := signIn(t, st, "juno")
	code, body, _ := fetch(t, c, "GET", base+"/import", nil)
	if code != 200 || !strings.Contains(body, `enctype="multipart/form-data"`) || !strings.Contains(body, `name="dry_run"`) {
		t.Fatalf("GET /import = %d\n%s", code, body)
	}
	zip := lbZip(t)

	// In progress: the page shows it and refreshes itself; the status says so.
	release := web.HoldImports()
	defer release()
	job := startImport(t, base, c, zip, true)
	code, body, _ = fetch(t, c, "GET", base+job, nil)
	if code != 200 {
		t.Fatalf("GET %s = %d", job, code)
	}
	wantIn(t, "progress page", body, `<progress id="import-progress"`, `http-equiv="refresh"`, `id="import-phase"`, `aria-live="polite"`, "Reading your export", `src="/static/import.`)
	checkNoInlineScript(t, "import progress", body)
	if code, s := getStatus(t, c, base+job+"/status"); code != 200 || s.State != "running" || s.Phase != "queued" {
		t.Errorf("status while held = %d %+v", code, s)
	}
	if code, _, _ = postImport(t, base, c, zip, true); code != http.StatusConflict {
		t.Errorf("a second upload while one runs = %d, want 409", code)
	}

	// Only the owner sees a job, anywhere.
	other := signIn(t, st, "margot.vell")
	for _, p := range []string{job, job + "/status", job + "/resolutions.csv", "/api/v1/import/letterboxd/" + strings.TrimPrefix(job, "/import/")} {
		if code, _, _ := fetch(t, other, "GET", base+p, nil); code != http.StatusNotFound {
			t.Errorf("another member's GET %s = %d, want 404", p, code)
		}
	}
	if code, _, _ := fetch(t, other, "POST", base+job+"/resolve", url.Values{"store": {"1"}}); code != http.StatusNotFound {
		t.Errorf("another member's resolve = %d, want 404", code)
	}
	if code, _, loc := fetch(t, nil, "GET", base+job, nil); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("signed-out GET %s = %d %q", job, code, loc)
	}

	// Done: the report, with the unmatched film to resolve.
	release()
	if s := waitImport(t, base, c, job); s.State != "done" || s.Done != s.Total || s.Total != 5 {
		t.Fatalf("finished status %+v", s)
	}
	code, body, _ = fetch(t, c, "GET", base+job, nil)
	wantIn(t, "dry run report", body, `id="count-matched">4<`, `id="count-unmatched">1<`, "Nowhere in the Catalog", "diary.csv:",
		`name="name.0" value="Nowhere in the Catalog"`, `name="choice.0" value="skip"`, `name="other.0"`, `href="`+job+`/resolutions.csv"`, "Dry run", `id="store-now"`)
	if code != 200 || strings.Contains(body, "Diary entries") || strings.Contains(body, `http-equiv="refresh"`) {
		t.Fatalf("dry run report = %d, or it stored, or it still refreshes\n%s", code, body)
	}
	if code, csv, _ := fetch(t, c, "GET", base+job+"/resolutions.csv", nil); code != 200 || !strings.Contains(csv, "Nowhere in the Catalog,2001,") {
		t.Errorf("resolution file = %d\n%s", code, csv)
	}
	code, api, _ := fetch(t, c, "GET", base+"/api/v1/import/letterboxd/"+strings.TrimPrefix(job, "/import/"), nil)
	if code != 200 || !strings.Contains(api, `"state": "done"`) && !strings.Contains(api, `"state":"done"`) || !strings.Contains(api, `"unmatched":1`) && !strings.Contains(api, `"unmatched": 1`) {
		t.Errorf("API status = %d\n%.400s", code, api)
	}

	// Bad answers are refused, each with its reason, and change nothing.
	answer := func(choice, other string) url.Values {
		return url.Values{"name.0": {"Nowhere in the Catalog"}, "year.0": {"2001"}, "choice.0": {choice}, "other.0": {other}}
	}
	for _, bad := range []struct{ choice, other, want string }{
		{"later", "tt12x", "is not an IMDb id"},
		{"other", "tt0000002", "is not in reel’s catalog"},
		{"other", "", "Type the film’s IMDb id"},
		{"later", "zqxj vvkw", "No film in the catalog matches"},
		{"tt99x", "", "is not an IMDb id"},
	} {
		code, body, _ := fetch(t, c, "POST", base+job+"/resolve", answer(bad.choice, bad.other))
		if code != http.StatusBadRequest || !strings.Contains(body, bad.want) || !strings.Contains(body, `aria-invalid="true"`) || !strings.Contains(body, `role="alert"`) {
			t.Errorf("resolve %q/%q = %d, want 400 with %q", bad.choice, bad.other, code, bad.want)
		}
	}
	if code, body, _ := fetch(t, c, "POST", base+job+"/resolve", url.Values{"name.0": {"Vertigo"}, "year.0": {"1958"}, "choice.0": {"skip"}}); code != http.StatusBadRequest || !strings.Contains(body, "not a row to resolve") {
		t.Errorf("resolving a matched film = %d", code)
	}

	// A title search offers the catalog's films as choices.
	code, _, loc := fetch(t, c, "POST", base+job+"/resolve", answer("later", "stalker"))
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, job) {
		t.Fatalf("search = %d %q", code, loc)
	}
	_, body, _ = fetch(t, c, "GET", base+job, nil)
	wantIn(t, "searched report", body, "Films matching “stalker”", `name="choice.0" value="tt0079944"`)

	// Choosing one re-runs the (dry) import: everything matches.
	code, _, loc = fetch(t, c, "POST", base+job+"/resolve", answer("tt0079944", ""))
	if code != http.StatusSeeOther || loc != job {
		t.Fatalf("resolve = %d %q", code, loc)
	}
	waitImport(t, base, c, job)
	_, body, _ = fetch(t, c, "GET", base+job, nil)
	wantIn(t, "resolved dry run", body, `id="count-matched">5<`, `id="count-unmatched">0<`, `id="all-matched"`, "You resolved 1 film",
		`Nowhere in the Catalog (2001) → <a href="/films/tt0079944">Stalker (1979)</a>`)

	// Import for real: the resolved row is stored.
	if code, _, _ := fetch(t, c, "POST", base+job+"/resolve", url.Values{"store": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("store = %d", code)
	}
	if s := waitImport(t, base, c, job); s.State != "done" {
		t.Fatalf("store run %+v", s)
	}
	_, body, _ = fetch(t, c, "GET", base+job, nil)
	wantIn(t, "stored report", body, "<h2 id=\"report-h\" tabindex=\"-1\">Imported", `id="stored-diary">2<`)
	u, _ := st.UserByName(context.Background(), "juno")
	diaryOf := func(film int64) int {
		j, err := st.Journal(context.Background(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range j.Diary {
			if int64(e.FilmID) == film {
				n++
			}
		}
		return n
	}
	if n := diaryOf(79944); n != 1 {
		t.Errorf("juno's diary has Stalker %d times, want once (the resolved row)", n)
	}

	// The same export again, as a new job with the same answer: nothing twice.
	job2 := startImport(t, base, c, zip, false)
	waitImport(t, base, c, job2)
	if code, _, _ := fetch(t, c, "POST", base+job2+"/resolve", answer("tt0079944", "")); code != http.StatusSeeOther {
		t.Fatalf("resolve again = %d", code)
	}
	waitImport(t, base, c, job2)
	_, body, _ = fetch(t, c, "GET", base+job2, nil)
	wantIn(t, "re-import", body, `id="stored-diary">0<`, "Skipped (imported before)")
	if n := diaryOf(79944); n != 1 {
		t.Errorf("after importing again, Stalker is in the diary %d times, want once", n)
	}

	// The form leads back to the member's kept imports, and only theirs.
	_, body, _ = fetch(t, c, "GET", base+"/import", nil)
	wantIn(t, "upload form", body, `id="recent-h"`, `href="`+job+`"`, `href="`+job2+`"`)
	if _, body, _ = fetch(t, other, "GET", base+"/import", nil); strings.Contains(body, job) {
		t.Error("another member's form lists juno's import")
	}

	// An hour later the job is gone, with its file.
	restore := web.ShiftImportClock(2 * time.Hour)
	code, body, _ = fetch(t, c, "GET", base+job, nil)
	restore()
	if code != http.StatusNotFound || !strings.Contains(body, "kept for an hour") {
		t.Errorf("expired job = %d", code)
	}
	if code, _, _ := fetch(t, c, "GET", base+job+"/status", nil); code != http.StatusNotFound {
		t.Errorf("expired job's status = %d", code)
	}

	// Bad uploads answer on the form.
	if code, body, _ = postImport(t, base, c, []byte("not a zip"), true); code != 400 || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("bad zip = %d", code)
	}
	if code, _, _ = postImport(t, base, c, nil, true); code != 400 {
		t.Fatalf("no file = %d", code)
	}
	if code, _, _ = postImport(t, base, nil, zip, true); code != http.StatusUnauthorized && code != http.StatusForbidden {
		t.Fatalf("signed out POST = %d", code)
	}
	if code, _, _ = fetch(t, c, "GET", base+"/import/NOSUCHJOB", nil); code != http.StatusNotFound {
		t.Errorf("unknown job = %d", code)
	}
}

// TestImportLimits: a few imports run at once on the whole site; the next
// member is told to try again.
func TestImportLimits(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	zip := lbZip(t)
	release := web.HoldImports()
	defer release()
	var jobs []string
	var cookies []*http.Cookie
	for _, name := range []string{"lim-a", "lim-b", "lim-c", "lim-d"} {
		if _, err := st.CreateUser(context.Background(), name, "password-"+name, store.RoleMember); err != nil {
			t.Fatal(err)
		}
		c := signIn(t, st, name)
		code, body, loc := postImport(t, srv.URL, c, zip, true)
		if name == "lim-d" {
			if code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") {
				t.Errorf("a fourth import at once = %d, want 503", code)
			}
			continue
		}
		if code != http.StatusSeeOther {
			t.Fatalf("%s's upload = %d", name, code)
		}
		jobs, cookies = append(jobs, loc), append(cookies, c)
	}
	release()
	for i, job := range jobs {
		waitImport(t, srv.URL, cookies[i], job)
	}
}

// zipFolder zips the CSV files under dir, as Letterboxd's export is.
func zipFolder(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".csv") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportPageSample imports the real sample export (6,593 film rows)
// on the demo catalog through the page and logs how long the job took:
// the report's form offers a page of films, not thousands.
func TestImportPageSample(t *testing.T) {
	zip := zipFolder(t, researchdata.Dir(t, "letterboxd-export-sample"))
	srv, st := journalServer(t, store.SQLite)
	c := signIn(t, st, "juno")
	start := time.Now()
	job := startImport(t, srv.URL, c, zip, false)
	s := waitImport(t, srv.URL, c, job)
	took := time.Since(start)
	if s.State != "done" || s.Total == 0 {
		t.Fatalf("sample import %+v", s)
	}
	_, body, _ := fetch(t, c, "GET", srv.URL+job, nil)
	if n := strings.Count(body, `<li class="import-film `); n != 25 || !strings.Contains(body, `id="more-problems"`) {
		t.Errorf("the report offers %d films at once, want 25 and a note of the rest", n)
	}
	t.Logf("sample export: %d film rows matched and stored in %v (%.0f rows/s); report page %d KB",
		s.Total, took.Round(time.Millisecond), float64(s.Total)/took.Seconds(), len(body)>>10)
}
