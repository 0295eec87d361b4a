package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// do runs steps or fails the test, naming the step.
func do(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// run runs one action that returns a value, or fails the test.
func run[T any](t *testing.T, tab context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// TestSearchToPerson is a reader's first visit: type "almodovar" (no accent)
// in the header's search box, submit, open Pedro Almodóvar, and find his
// films as director with a chart of his career.
func TestSearchToPerson(t *testing.T) {
	base, tab := setup(t)
	searchToPerson(t, base, tab)
}

// searchToPerson is TestSearchToPerson's body, run against the site at base.
func searchToPerson(t *testing.T, base string, tab context.Context) {
	t.Helper()
	errs := consoleErrors(t, tab)
	do(t, tab, "search from the header",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.CSS("#site-q"), "almodovar"),
		chromedp.Submit(chromedp.CSS("#site-q")),
		chromedp.WaitVisible(chromedp.CSS("#person-hits-h")),
	)
	if loc := run(t, tab, "location", chromedp.Location()); !strings.HasSuffix(loc, "/search?q=almodovar") {
		t.Fatalf("search landed on %s, want /search?q=almodovar", loc)
	}
	people := run(t, tab, "people results", chromedp.Text(chromedp.CSS("section[aria-labelledby=person-hits-h] .hit-list")))
	if !strings.Contains(people, "Pedro Almodóvar") {
		t.Fatalf("people results %q lack Pedro Almodóvar", people)
	}
	do(t, tab, "open Pedro Almodóvar",
		chromedp.Click(chromedp.JSPath(`[...document.querySelectorAll(".hit-list a")].find(a => a.textContent === "Pedro Almodóvar")`)),
		chromedp.WaitVisible(chromedp.CSS("#role-director")),
	)
	if h1 := run(t, tab, "heading", chromedp.Text(chromedp.CSS("h1"))); h1 != "Pedro Almodóvar" {
		t.Fatalf("person page heading = %q", h1)
	}
	directed := run(t, tab, "director credits", chromedp.Text(chromedp.CSS("#role-director")))
	for _, film := range []string{"Pain and Glory", "Talk to Her", "Volver"} {
		if !strings.Contains(directed, film) {
			t.Errorf("director credits lack %q: %q", film, directed)
		}
	}
	bars := run(t, tab, "decade chart", chromedp.Evaluate[int](`document.querySelectorAll("svg.chart__svg rect").length`))
	if bars < 3 {
		t.Errorf("films-per-decade chart has %d bars, want one per decade of a 40-year career", bars)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %q", e)
	}
}

// TestSuggestions checks the one script: typing shows suggestions from the
// API, and the arrow keys and Enter open one.
func TestSuggestions(t *testing.T) {
	base, tab := setup(t)
	errs := consoleErrors(t, tab)
	do(t, tab, "type in the header search",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/films/tt8291806"),
		chromedp.SendKeys(chromedp.CSS("#site-q"), "penelope"),
		// Wait for the list of the whole word: lists for "pe", "pen"... may
		// show while typing.
		chromedp.WaitVisible(chromedp.CSS(`.suggestions[data-query="penelope"] [role=option]`)),
	)
	first := run(t, tab, "first suggestion", chromedp.Text(chromedp.CSS(".suggestions [role=option]")))
	if !strings.Contains(first, "Penélope Cruz") {
		t.Fatalf("first suggestion %q, want Penélope Cruz", first)
	}
	if exp := run(t, tab, "aria-expanded", chromedp.Evaluate[string](`document.querySelector("#site-q").getAttribute("aria-expanded")`)); exp != "true" {
		t.Errorf("combobox aria-expanded = %q with suggestions shown", exp)
	}
	do(t, tab, "choose it with the keyboard",
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".filmography")),
	)
	if h1 := run(t, tab, "heading", chromedp.Text(chromedp.CSS("h1"))); h1 != "Penélope Cruz" {
		t.Fatalf("suggestion led to %q", h1)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %q", e)
	}
}

// TestFilmPage checks the film page's cast with characters, links to people,
// and the schema.org Movie data.
func TestFilmPage(t *testing.T) {
	base, tab := setup(t)
	errs := consoleErrors(t, tab)
	do(t, tab, "open Pain and Glory",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/films/tt8291806"),
		chromedp.WaitVisible(chromedp.CSS(".cast")),
	)
	cast := run(t, tab, "cast", chromedp.Text(chromedp.CSS(".cast")))
	for _, want := range []string{"Antonio Banderas as Salvador Mallo", "Penélope Cruz as Jacinta Mallo"} {
		if !strings.Contains(strings.Join(strings.Fields(cast), " "), want) {
			t.Errorf("cast lacks %q: %q", want, cast)
		}
	}
	href := run(t, tab, "Banderas link", chromedp.Evaluate[string](`[...document.querySelectorAll(".cast a")].find(a => a.textContent === "Antonio Banderas").getAttribute("href")`))
	if href != "/people/nm0000104" {
		t.Errorf("Antonio Banderas links to %q", href)
	}
	raw := run(t, tab, "JSON-LD", chromedp.Evaluate[string](`document.querySelector('script[type="application/ld+json"]').textContent`))
	var ld struct {
		Type     string `json:"@type"`
		Name     string `json:"name"`
		Director []struct {
			Name string `json:"name"`
		} `json:"director"`
		Actor []struct {
			Name string `json:"name"`
		} `json:"actor"`
	}
	if err := json.Unmarshal([]byte(raw), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, raw)
	}
	if ld.Type != "Movie" || ld.Name != "Pain and Glory" || len(ld.Director) != 1 || ld.Director[0].Name != "Pedro Almodóvar" || len(ld.Actor) < 2 {
		t.Errorf("JSON-LD = %+v", ld)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors (a CSP violation shows here): %q", e)
	}
}

// TestWithoutJavaScript: with scripts off, the search form still works and
// the pages render in full.
func TestWithoutJavaScript(t *testing.T) {
	base, tab := setup(t)
	do(t, tab, "disable scripts and search",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.CSS("#home-q"), "hable con ella\n"),
		chromedp.WaitVisible(chromedp.CSS("#film-hits-h")),
	)
	films := run(t, tab, "film results", chromedp.Text(chromedp.CSS("section[aria-labelledby=film-hits-h]")))
	if !strings.Contains(films, "Talk to Her") {
		t.Fatalf("search for the original title %q did not find Talk to Her: %q", "hable con ella", films)
	}
	if n := run(t, tab, "suggestion lists", chromedp.Evaluate[int](`document.querySelectorAll(".suggestions").length`)); n != 0 {
		t.Errorf("%d suggestion lists with scripts disabled", n)
	}
}
