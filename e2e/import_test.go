package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"reel/researchdata"
)

// importResolveFilm is the demo film the journey resolves an unmatched row
// to: Ikiru, which the sample export never names, so the rows it gains in
// the diary can only come from the resolution.
const importResolveFilm = "tt0044741"

var importJobURL = regexp.MustCompile(`/import/[A-Z2-7]{26}$`)

// TestImportJourney is a member's Letterboxd import in the browser: sign
// up, upload the real sample export, watch the progress page, read the
// report, find an unmatched film, search the catalog for the film it is,
// choose it, and see the import run again and store its rows once. The
// progress page and the report are audited with axe and photographed at
// phone and desktop widths.
func TestImportJourney(t *testing.T) {
	base, tab := setup(t)
	export := zipDir(t, researchdata.Dir(t, "letterboxd-export-sample"))
	t.Cleanup(func() { clearCookies(t, tab) })
	clearCookies(t, tab)
	errs := consoleErrors(t, tab)
	name := "e2e-im-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	signUp(t, tab, base, name, "a long enough secret")

	// import.js's polls are blocked while the progress page is audited, so
	// the page stays on the progress however fast the import finishes
	// behind it; unblocked, the next poll brings the report.
	blockStatus(t, tab, true)
	do(t, tab, "upload the export",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/import"),
		chromedp.WaitVisible(chromedp.CSS("#f-export")),
		chromedp.SetUploadFiles(chromedp.CSS("#f-export"), []string{export}),
		chromedp.Click(chromedp.CSS("#f-dry-run")), // checked by default: this is the real import
		chromedp.Submit(chromedp.CSS("#f-export")),
		chromedp.WaitVisible(chromedp.CSS("#progress-h, #report-h")),
	)
	jobURL := run(t, tab, "location", chromedp.Location())
	if !importJobURL.MatchString(jobURL) {
		t.Fatalf("the upload landed on %s, want /import/{job}", jobURL)
	}
	dir := artifacts(t)

	// The progress page, while the sample's 6,600 rows are matched: the bar
	// moves under import.js. A fast machine may finish first; then there is
	// no progress to see, which the log says.
	if run(t, tab, "progress shown", chromedp.Evaluate[bool](`!!document.getElementById("import-progress")`)) {
		checkAxe(t, tab)
		png := run(t, tab, "screenshot", chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(dir, "import-progress-desktop.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		do(t, tab, "phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		checkAxe(t, tab)
		checkNoSideScroll(t, tab, 390)
		png = run(t, tab, "screenshot", chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(dir, "import-progress-phone.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		do(t, tab, "desktop width", chromedp.EmulateViewport(1280, 900))
	} else {
		t.Log("the import finished before its progress page was seen")
	}
	blockStatus(t, tab, false)
	// import.js reloads the page when the report is ready.
	do(t, tab, "wait for the report", chromedp.WaitVisible(chromedp.CSS("#report-h")))
	matched := count(t, tab, "#count-matched")
	unmatched := count(t, tab, "#count-unmatched")
	if matched == 0 || unmatched == 0 {
		t.Fatalf("report: %d matched, %d unmatched; the demo catalog matches some of the sample, not all", matched, unmatched)
	}
	if d := count(t, tab, "#stored-diary"); d == 0 {
		t.Errorf("the report stored no diary entries")
	}
	if n := run(t, tab, "films to resolve", chromedp.Evaluate[int](`document.querySelectorAll(".import-film").length`)); n == 0 {
		t.Fatal("the report offers no film to resolve")
	}
	shoot(t, tab, base, strings.TrimPrefix(jobURL, base), "import-report", nil)

	// Find Soylent Green (two diary rows and a watched row), search the
	// catalog for Ikiru in its box, and submit.
	do(t, tab, "find a film",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(jobURL),
		chromedp.SendKeys(chromedp.CSS("#f-find"), "soylent"),
		chromedp.Submit(chromedp.CSS("#f-find")),
	)
	// The submit loads a new page; under load the old one's first row was
	// read before it went. Read until the new one answers, or time out.
	var title string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS("#other-0"))) != nil {
			continue
		}
		if v, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#film-0 .import-film__title"))); err == nil {
			if title = v; title == "Soylent Green (1973)" {
				break
			}
		}
	}
	if title != "Soylent Green (1973)" {
		t.Fatalf("the find box found %q, want Soylent Green (1973)", title)
	}
	do(t, tab, "search the catalog",
		chromedp.SendKeys(chromedp.CSS("#other-0"), "ikiru"),
		chromedp.Click(chromedp.CSS("#resolve-submit")),
		chromedp.WaitVisible(chromedp.CSS(`#film-0 input[value="`+importResolveFilm+`"]`)),
	)
	if picked := run(t, tab, "typing picked other", chromedp.Evaluate[bool](`document.getElementById("other-pick-0") !== null`)); !picked {
		t.Error("the row lost its Another film choice")
	}
	checkAxe(t, tab)
	do(t, tab, "choose Ikiru",
		chromedp.Click(chromedp.CSS(`#film-0 input[value="`+importResolveFilm+`"]`)),
		chromedp.Click(chromedp.CSS("#resolve-submit")),
		chromedp.WaitVisible(chromedp.CSS("#answers-count")), // the new report, after the re-run
	)
	if got := run(t, tab, "answers", chromedp.Text(chromedp.CSS("#answers-count"))); !strings.Contains(got, "resolved 1 film") {
		t.Errorf("the report says %q, want one film resolved", got)
	}
	if d := count(t, tab, "#stored-diary"); d != 2 {
		t.Errorf("the re-run stored %d diary entries, want Soylent Green's 2 (nothing else twice)", d)
	}
	if after := count(t, tab, "#count-unmatched"); after != unmatched-3 {
		t.Errorf("unmatched rows %d → %d, want 3 fewer", unmatched, after)
	}
	// The member's diary, through the API the site serves, holds Ikiru twice.
	n := run(t, tab, "diary", chromedp.Evaluate[int](`(async () => {
		let n = 0, after = "";
		for (let i = 0; i < 100; i++) {
			const r = await fetch("/api/v1/users/`+name+`/diary?limit=100" + (after ? "&after=" + encodeURIComponent(after) : ""));
			const page = await r.json();
			n += page.entries.filter(e => e.film_id === `+strings.TrimLeft(strings.TrimPrefix(importResolveFilm, "tt"), "0")+`).length;
			if (!page.next) break;
			after = page.next;
		}
		return n;
	})()`, chromedp.EvalAwaitPromise))
	if n != 2 {
		t.Errorf("the diary holds Ikiru %d times, want 2", n)
	}

	t.Run("without JavaScript", func(t *testing.T) {
		// A dry run of the same export: the progress page reloads itself
		// (its <noscript> refresh) until the report is there.
		setScripts(t, tab, false)
		defer setScripts(t, tab, true)
		do(t, tab, "upload without scripts",
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+"/import"),
			chromedp.WaitVisible(chromedp.CSS("#f-export")),
			chromedp.SetUploadFiles(chromedp.CSS("#f-export"), []string{export}),
			chromedp.Submit(chromedp.CSS("#f-export")),
			chromedp.WaitVisible(chromedp.CSS("#progress-h, #report-h")),
		)
		if run(t, tab, "progress shown", chromedp.Evaluate[bool](`!!document.getElementById("progress-h")`)) {
			do(t, tab, "the page refreshes to the report", chromedp.WaitVisible(chromedp.CSS("#report-h")))
		} else {
			t.Log("the dry run finished before its progress page was seen")
		}
		if h := run(t, tab, "heading", chromedp.Text(chromedp.CSS("#report-h"))); !strings.Contains(h, "Dry run") {
			t.Errorf("report heading %q, want the dry run's", h)
		}
	})

	for _, e := range errs() {
		if strings.Contains(e, "ERR_BLOCKED_BY_CLIENT") {
			continue // the polls blockStatus refused
		}
		t.Errorf("console: %s", e)
	}
}

// blockStatus has the browser refuse (or again allow) the requests for an
// import's status.
func blockStatus(t *testing.T, tab context.Context, on bool) {
	t.Helper()
	var patterns []*network.BlockPattern
	if on {
		patterns = []*network.BlockPattern{{URLPattern: "*://*:*/import/*/status", Block: true}}
	}
	do(t, tab, "block status polls", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns})
		return err
	}))
}

// count reads a report figure such as #count-matched ("1,234").
func count(t *testing.T, tab context.Context, sel string) int {
	t.Helper()
	s := run(t, tab, sel, chromedp.Text(chromedp.CSS(sel)))
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), ",", ""))
	if err != nil {
		t.Fatalf("%s reads %q, not a number", sel, s)
	}
	return n
}

// setScripts turns the page's JavaScript on or off.
func setScripts(t *testing.T, tab context.Context, on bool) {
	t.Helper()
	do(t, tab, "scripts", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}
