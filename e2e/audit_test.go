package e2e

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 (MPL-2.0, Deque Systems), vendored so tests
// never download; see docs/decisions.md.
//
//go:embed testdata/axe.min.js
var axeSource string

// pageTypes are one page of each kind the site has, with the status it must
// answer.
var pageTypes = []struct {
	name   string
	path   string
	status int64
}{
	{"home", "/", 200},
	{"search", "/search?q=almodovar", 200},
	{"person", "/people/nm0000264", 200},
	{"film", "/films/tt8291806", 200},
	{"notfound", "/films/tt0000001", 404},
	{"review", "/reviews/6", 200},
	{"profile", "/u/margot.vell", 200},
	{"diary", "/u/margot.vell/diary", 200},
	{"watchlist", "/u/juno/watchlist", 200},
	{"lists", "/u/margot.vell/lists", 200},
	{"stats", "/u/margot.vell/stats", 200},
	{"year", "/u/margot.vell/year/2025", 200},
	{"list", "/lists/1", 200}, // Margot Vell's list in the demo
	{"login", "/login", 200},
	{"signup", "/signup", 200},
}

// viewports are the widths every page is audited and photographed at.
var viewports = []struct {
	name   string
	width  int64
	height int64
	dark   bool
	mobile bool
}{
	{"phone", 390, 844, false, true},
	{"desktop", 1280, 900, false, false},
	{"desktop-dark", 1280, 900, true, false},
}

// axeViolation is the part of an axe result the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
		HTML   string   `json:"html"`
	} `json:"nodes"`
}

// TestAuditPages loads every page type at every viewport, fails on serious or
// critical accessibility violations, on horizontal scrolling and on console
// errors, and writes a full-page screenshot of each for a person to look at.
func TestAuditPages(t *testing.T) {
	base, _ := setup(t)
	dir := artifacts(t)
	for _, vp := range viewports {
		for _, pt := range pageTypes {
			t.Run(pt.name+"/"+vp.name, func(t *testing.T) {
				tab := newTab(t) // a deadline per page, not for all of them
				errs := consoleErrors(t, tab)
				load(t, tab, base+pt.path, pt.status, vp.width, vp.height, vp.dark, vp.mobile)
				auditAxe(t, tab, nil, axeRulesFor(vp.dark))
				checkNoSideScroll(t, tab, vp.width)
				// The whole page, and the first screen a visitor sees.
				full := run(t, tab, "screenshot", chromedp.FullScreenshot(100))
				top := run(t, tab, "screenshot", chromedp.CaptureScreenshot())
				for name, png := range map[string][]byte{"": full, "-top": top} {
					if err := os.WriteFile(filepath.Join(dir, pt.name+"-"+vp.name+name+".png"), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				for _, e := range errs() {
					if pt.status == 404 && strings.Contains(e, "404") {
						continue // the page's own status, logged by the browser
					}
					t.Errorf("console: %s", e)
				}
			})
		}
	}
}

// load sizes the viewport, sets the colour scheme and opens url, checking the
// response status.
func load(t *testing.T, tab context.Context, url string, status, width, height int64, dark, mobile bool) {
	t.Helper()
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	opts := []chromedp.EmulateViewportOption{}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	do(t, tab, "viewport", chromedp.EmulateViewport(width, height, opts...),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return err
		}))
	resp := run(t, tab, "open "+url, chromedp.NavigateResponse(url))
	if resp.Status != status {
		t.Fatalf("%s answered %d, want %d", url, resp.Status, status)
	}
}

// axe's options: every rule, or only the rules whose outcome depends on
// colours, which is all a second colour scheme of the same page can change.
const (
	axeAllRules    = `{resultTypes: ["violations"]}`
	axeColourRules = `{runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}, resultTypes: ["violations"]}`
)

// axeRulesFor returns the axe options for a viewport: the dark scheme only
// repeats the colour rules, since every other rule already ran on the same
// page in the light one.
func axeRulesFor(dark bool) string {
	if dark {
		return axeColourRules
	}
	return axeAllRules
}

// checkAxe injects axe-core and fails on serious and critical violations.
func checkAxe(t *testing.T, tab context.Context) {
	t.Helper()
	auditAxe(t, tab, nil, axeAllRules)
}

// auditAxe runs axe with the options opts and fails on serious and critical
// violations, except the known ones, which it logs.
func auditAxe(t *testing.T, tab context.Context, known map[string]bool, opts string) {
	t.Helper()
	do(t, tab, "inject axe", chromedp.Evaluate[chromedp.Void](axeSource))
	vs := run(t, tab, "run axe", chromedp.Evaluate[[]axeViolation](
		`axe.run(document, `+opts+`).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("%v %s", n.Target, n.HTML))
		}
		switch {
		case known[v.ID]:
			t.Logf("axe %s %s (KNOWN, not failing): %s\n  %s", v.Impact, v.ID, v.Help, strings.Join(where, "\n  "))
		case v.Impact != "serious" && v.Impact != "critical":
			t.Logf("axe (%s, not failing): %s: %s", v.Impact, v.ID, v.Help)
		default:
			t.Errorf("axe %s %s: %s\n  %s", v.Impact, v.ID, v.Help, strings.Join(where, "\n  "))
		}
	}
}

// checkNoSideScroll fails when the page is wider than the viewport: on a
// phone that is the commonest way a page looks broken.
func checkNoSideScroll(t *testing.T, tab context.Context, width int64) {
	t.Helper()
	w := run(t, tab, "page width", chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if w > width {
		t.Errorf("page is %d px wide in a %d px viewport", w, width)
	}
}

// signedInPages are the pages only a signed-in member (or, for /admin, an
// admin) sees; the review's edit form and the Import page are audited by
// TestReviewJourney, whose member has a review to edit.
var signedInPages = []struct{ name, path string }{
	{"settings", "/settings"},
	{"admin", "/admin"},
	{"review-new", "/reviews/new"}, // with the film picker, no film chosen
}

// TestAuditSignedInPages signs in as the admin that startSuite added with
// `reel user add --admin` and audits and photographs the signed-in pages,
// then does the same for a list as its author (a demo critic) sees it.
func TestAuditSignedInPages(t *testing.T) {
	base, tab := setup(t)
	t.Cleanup(func() { clearCookies(t, tab) })
	clearCookies(t, tab)
	errs := consoleErrors(t, tab)
	signIn(t, tab, base, adminName, adminPassword)
	for _, p := range signedInPages {
		t.Run(p.name, func(t *testing.T) { shoot(t, tab, base, p.path, p.name, nil) })
	}
	// The list as its author sees it: progress through it, films marked seen.
	clearCookies(t, tab)
	signIn(t, tab, base, criticName, criticPassword)
	t.Run("list-progress", func(t *testing.T) {
		shoot(t, tab, base, "/lists/1", "list-progress", nil)
		if seen := run(t, tab, "seen marks", chromedp.Evaluate[int](`document.querySelectorAll(".list-entries .seen-mark").length`)); seen == 0 {
			t.Error("the list's author sees none of its films marked seen")
		}
	})
	for _, e := range errs() {
		t.Errorf("console: %s", e)
	}
}

// TestAxeColourRules checks that the dark scheme's shorter audit still
// catches what it is there for: grey text on a grey ground.
func TestAxeColourRules(t *testing.T) {
	startSuite(t)
	tab := newTab(t)
	do(t, tab, "open a low-contrast page", chromedp.Navigate(`data:text/html,<!doctype html><html lang="en"><title>t</title>`+
		`<main><p style="color:%23777;background:%23888">Grey on grey.</p></main></html>`))
	do(t, tab, "inject axe", chromedp.Evaluate[chromedp.Void](axeSource))
	ids := run(t, tab, "run axe", chromedp.Evaluate[[]string](
		`axe.run(document, `+axeColourRules+`).then(r => r.violations.map(v => v.id))`, chromedp.EvalAwaitPromise))
	if len(ids) != 1 || ids[0] != "color-contrast" {
		t.Errorf("axe with the colour rules found %q on grey text on grey, want [color-contrast]", ids)
	}
}
