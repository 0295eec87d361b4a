package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"reel/letterboxd"
	"reel/store"
)

// postImport sends the Import page's form as the cookie's user.
func postImport(t *testing.T, base string, c *http.Cookie, zip []byte, dry bool) (int, string) {
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
	return resp.StatusCode, out.String()
}

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
	var zip bytes.Buffer
	if err := letterboxd.WriteZip(&zip, lbExport()); err != nil {
		t.Fatal(err)
	}
	code, body = postImport(t, base, c, zip.Bytes(), true)
	for _, want := range []string{`id="count-matched">4<`, `id="count-unmatched">1<`, "Nowhere in the Catalog", "diary.csv:", `href="data:text/csv`, "Dry run"} {
		if !strings.Contains(body, want) {
			t.Errorf("dry run page lacks %q", want)
		}
	}
	if code != 200 || strings.Contains(body, "Diary entries") {
		t.Fatalf("dry run = %d, or it stored", code)
	}
	code, body = postImport(t, base, c, zip.Bytes(), false)
	if code != 200 || !strings.Contains(body, "Diary entries</dt><dd>1<") {
		t.Fatalf("import = %d\n%s", code, body)
	}
	if code, body = postImport(t, base, c, []byte("not a zip"), true); code != 400 || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("bad zip = %d", code)
	}
	if code, _ = postImport(t, base, c, nil, true); code != 400 {
		t.Fatalf("no file = %d", code)
	}
	if code, _ = postImport(t, base, nil, zip.Bytes(), true); code != http.StatusUnauthorized && code != http.StatusForbidden {
		t.Fatalf("signed out POST = %d", code)
	}
}
