package e2e

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// reviewFilm is the film the journey reviews: 8½, in the demo catalog.
const reviewFilm = "tt0056801"

// membersCard is the text of the film page's Members score card.
const membersCard = `(() => { const c = [...document.querySelectorAll(".score-card")].find(c => c.querySelector("h3")?.textContent.trim() === "Members"); return c ? c.innerText : ""; })()`

// signUp creates a fresh account through the form and leaves it signed in.
func signUp(t *testing.T, tab context.Context, base, name, password string) {
	t.Helper()
	do(t, tab, "sign up",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/signup"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), name),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.SendKeys(chromedp.CSS("#f-confirm"), password),
		chromedp.Submit(chromedp.CSS("#f-confirm")),
		chromedp.WaitVisible(chromedp.CSS(`.site-account a[href="/u/`+name+`"]`)),
	)
}

// knownAxe names serious violations to log instead of fail while a fix is
// pending; it is empty, and should stay so.
var knownAxe = map[string]bool{}

// shoot audits the page at path with axe at every viewport (phone, desktop,
// desktop in the dark scheme), and writes a full-page screenshot of each to
// the artifacts folder.
func shoot(t *testing.T, tab context.Context, base, path, name string, known map[string]bool) {
	t.Helper()
	dir := artifacts(t)
	for _, vp := range viewports {
		load(t, tab, base+path, 200, vp.width, vp.height, vp.dark, vp.mobile)
		auditAxe(t, tab, known, axeRulesFor(vp.dark))
		checkNoSideScroll(t, tab, vp.width)
		png := run(t, tab, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(dir, name+"-"+vp.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// zipDir zips the export folder src (its CSV files, lists/ included) into
// a temporary file and returns the file's path.
func zipDir(t *testing.T, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "letterboxd-export.zip")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".csv") {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		_, err = io.Copy(w, in)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReviewJourney is a new member's first review (reviewJourney), then the
// review page, the review form, the edit form and the Import page audited
// with axe and photographed.
func TestReviewJourney(t *testing.T) {
	base, tab := setup(t)
	t.Cleanup(func() { clearCookies(t, tab) })
	clearCookies(t, tab)
	errs := consoleErrors(t, tab)
	reviewPath := reviewJourney(t, base, tab)

	shoot(t, tab, base, reviewPath, "review-page", knownAxe)
	shoot(t, tab, base, "/reviews/new?film="+reviewFilm, "review-form", nil)
	shoot(t, tab, base, reviewPath+"/edit", "review-edit", nil)
	shoot(t, tab, base, "/import", "import", nil)

	for _, e := range errs() {
		t.Errorf("console: %s", e)
	}
}

// reviewJourney signs a new member up, opens 8½, follows "Write a review",
// grades it B+ with an inline spoiler in the body and publishes; the review
// page shows 83 and the film's members' score changes. The spoiler is
// revealed with the keyboard. It returns the review's path and leaves the
// member signed in. It runs against the site at base (on SQLite, and on
// PostgreSQL by TestJourneysOnPostgres).
func reviewJourney(t *testing.T, base string, tab context.Context) string {
	t.Helper()
	name := "e2e-rv-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	signUp(t, tab, base, name, "a long enough secret")

	filmURL := base + "/films/" + reviewFilm
	do(t, tab, "open the film", chromedp.Navigate(filmURL), chromedp.WaitVisible(chromedp.CSS("#reviews-h")))
	before := run(t, tab, "members' card", chromedp.Evaluate[string](membersCard))
	if before == "" {
		t.Fatal("the film page has no Members score card")
	}

	do(t, tab, "write a review",
		chromedp.Click(chromedp.CSS(`a[href="/reviews/new?film=`+reviewFilm+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-grade")),
	)
	const body = "Fellini films his own block and makes it soar. ||Guido never makes the film.|| The last parade is pure joy."
	do(t, tab, "fill in and publish",
		chromedp.SendKeys(chromedp.CSS("#f-grade"), "B+"),
		chromedp.SendKeys(chromedp.CSS("#f-body"), body),
		chromedp.Click(chromedp.CSS(`button[name="action"][value="save"]`)),
		chromedp.WaitVisible(chromedp.CSS(".review-page__grade-text")),
	)
	reviewURL := run(t, tab, "location", chromedp.Location())
	if !strings.Contains(reviewURL, "/reviews/") || strings.HasSuffix(reviewURL, "/new") {
		t.Fatalf("publishing landed on %s, want the review page", reviewURL)
	}
	if g := run(t, tab, "grade", chromedp.Text(chromedp.CSS(".review-page__grade-text"))); !strings.Contains(g, "83") {
		t.Errorf("review page grade %q lacks 83", g)
	}

	do(t, tab, "reopen the film", chromedp.Navigate(filmURL), chromedp.WaitVisible(chromedp.CSS("#reviews-h")))
	if after := run(t, tab, "members' card", chromedp.Evaluate[string](membersCard)); after == before {
		t.Errorf("the members' card did not change after the review:\n%s", after)
	}

	// The inline spoiler, revealed from the keyboard (review.js).
	const spoiler = ".review-body span.spoiler"
	do(t, tab, "open the review", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(spoiler)))
	if role := run(t, tab, "spoiler role", chromedp.Evaluate[string](`document.querySelector("`+spoiler+`").getAttribute("role") || ""`)); role != "button" {
		t.Fatalf("the inline spoiler's role is %q, want button (review.js)", role)
	}
	do(t, tab, "reveal with Enter", chromedp.Focus(chromedp.CSS(spoiler)), chromedp.KeyEvent(kb.Enter))
	if ok := run(t, tab, "revealed", chromedp.Evaluate[bool](`document.querySelector("`+spoiler+`").classList.contains("is-revealed")`)); !ok {
		t.Error("Enter on the focused spoiler did not reveal it")
	}
	return strings.TrimPrefix(reviewURL, base)
}
