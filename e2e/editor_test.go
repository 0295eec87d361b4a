package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// editorFilm is the film the editor test reviews: Volver, in the demo catalog.
const editorFilm = "tt0441909"

// editorBody names the director, the film with a wrong year and a
// character, and gives the ending away.
const editorBody = "Pedro Almodóvar's Volver (2005) is a warm, funny and generous film, and Penélope Cruz gives the performance of her career as Raimunda. " +
	"In the end it turns out that the mother was alive all along, hiding from the village."

// analyzeCalls counts the panel's requests the page has made.
const analyzeCalls = `performance.getEntriesByType("resource").filter(e => e.name.endsWith("/reviews/analyze")).length`

// TestEditorPanel signs a member up, opens the review form for Volver and
// types a review: the copy desk panel follows the text (review.js), once
// per pause rather than per key, with the film and director linked, the
// wrong year checked and the ending flagged. At each viewport the page is
// audited with axe, must not scroll sideways, and is photographed.
func TestEditorPanel(t *testing.T) {
	base, tab := setup(t)
	errs := consoleErrors(t, tab)
	clearCookies(t, tab)
	t.Cleanup(func() { clearCookies(t, tab) }) // leave the shared browser signed out
	name := "e2e-ed-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	signUp(t, tab, base, name, "a long enough secret")
	dir := artifacts(t)

	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			load(t, tab, base+"/reviews/new?film="+editorFilm, 200, vp.width, vp.height, vp.dark, vp.mobile)
			blank := run(t, tab, "blank panel", chromedp.Text(chromedp.CSS("#desk-panel")))
			if !strings.Contains(blank, "Nothing to read yet") {
				t.Errorf("the blank form's panel says %q", blank)
			}
			if how := run(t, tab, "panel hint", chromedp.Text(chromedp.CSS("[data-desk-how]"))); !strings.Contains(how, "as you type") {
				t.Errorf("the panel's hint %q does not say it follows the text (review.js not running?)", how)
			}
			if live := run(t, tab, "aria-live", chromedp.AttributeValue(chromedp.CSS("#desk-panel"), "aria-live")); live.Value != "polite" {
				t.Errorf("panel aria-live = %q", live.Value)
			}

			do(t, tab, "type the review",
				chromedp.SendKeys(chromedp.CSS("#f-body"), editorBody),
				chromedp.WaitVisible(chromedp.CSS(`#desk-panel a[href="/films/`+editorFilm+`"]`)),
			)
			panel := run(t, tab, "panel", chromedp.Text(chromedp.CSS("#desk-panel")))
			for _, want := range []string{"Pedro Almodóvar", "Volver is from 2006, not 2005", "Suggested: 2006",
				"In the end it turns out that the mother was alive all along", "reveals the ending", "Raimunda, played by Penélope Cruz in Volver (2006)"} {
				if !strings.Contains(panel, want) {
					t.Errorf("the panel lacks %q:\n%s", want, panel)
				}
			}
			if n := run(t, tab, "director link", chromedp.Evaluate[int](`document.querySelectorAll('#desk-panel a[href="/people/nm0000264"]').length`)); n != 1 {
				t.Errorf("%d links to Pedro Almodóvar's page in the panel, want 1", n)
			}
			// Typing all of it took one or two requests, not one per key.
			calls := run(t, tab, "requests", chromedp.Evaluate[int](analyzeCalls))
			if calls < 1 || calls > 3 {
				t.Errorf("typing %d characters made %d panel requests", len(editorBody), calls)
			}
			// An input event that changes nothing asks nothing.
			do(t, tab, "no-op input", chromedp.Evaluate[chromedp.Void](`document.getElementById("f-body").dispatchEvent(new Event("input"))`),
				chromedp.Sleep(1200*time.Millisecond))
			if again := run(t, tab, "requests", chromedp.Evaluate[int](analyzeCalls)); again != calls {
				t.Errorf("an unchanged text was sent again: %d requests, then %d", calls, again)
			}

			if vp.name == "desktop" {
				fixFromPanel(t, tab)
			}

			checkAxe(t, tab)
			checkNoSideScroll(t, tab, vp.width)
			png := run(t, tab, "screenshot", chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(dir, "editor-panel-"+vp.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			// Below the form on a phone, beside it on a desktop.
			beside := run(t, tab, "layout", chromedp.Evaluate[bool](
				`document.querySelector(".desk").getBoundingClientRect().left >= document.getElementById("review-form").getBoundingClientRect().right`))
			if beside == vp.mobile {
				t.Errorf("at %d px the panel is beside the form: %v", vp.width, beside)
			}
		})
	}
	for _, e := range errs() {
		t.Errorf("console: %s", e)
	}
}

// fixFromPanel uses the panel's edit buttons (review.js): the year check's
// suggestion goes into the text, the spoiler sentence is wrapped in ||…||,
// and the panel, reading the new text, drops the check and calls the
// spoiler hidden.
func fixFromPanel(t *testing.T, tab context.Context) {
	t.Helper()
	const value = `document.getElementById("f-body").value`
	do(t, tab, "correct the year",
		chromedp.Click(chromedp.CSS(`#desk-panel button[data-desk-edit="replace"][data-text="2006"]`)),
		chromedp.Poll[chromedp.Void](value+`.includes("Volver (2006)")`, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Poll[chromedp.Void](`!document.getElementById("desk-panel").textContent.includes("not 2005")`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	do(t, tab, "hide the spoiler",
		chromedp.Click(chromedp.CSS(`#desk-panel button[data-desk-edit="spoiler"]`)),
		chromedp.Poll[chromedp.Void](value+`.includes("||In the end it turns out that the mother was alive all along, hiding from the village.||")`, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Poll[chromedp.Void](`document.getElementById("desk-panel").textContent.includes("already hidden")`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if got := run(t, tab, "text", chromedp.Evaluate[string](value)); strings.Count(got, "||") != 2 || strings.Contains(got, "2005") {
		t.Errorf("the text after the panel's edits: %q", got)
	}
}

// TestEditorWithoutJavaScript: with scripts off, Preview shows the panel
// from the server, and the buttons that need the script stay hidden.
func TestEditorWithoutJavaScript(t *testing.T) {
	base, tab := setup(t)
	name := "e2e-ednojs-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	clearCookies(t, tab) // the browser may still be signed in from another test
	t.Cleanup(func() { clearCookies(t, tab) })
	signUp(t, tab, base, name, "a long enough secret") // its Submit step needs scripts
	do(t, tab, "disable scripts", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	do(t, tab, "write and preview",
		chromedp.Navigate(base+"/reviews/new?film="+editorFilm),
		chromedp.SendKeys(chromedp.CSS("#f-body"), editorBody),
		chromedp.Click(chromedp.CSS(`button[name="action"][value="preview"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#desk-panel a[href="/people/nm0000264"]`)),
	)
	panel := run(t, tab, "panel", chromedp.Text(chromedp.CSS("#desk-panel")))
	for _, want := range []string{"Volver is from 2006, not 2005", "reveals the ending"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the panel lacks %q:\n%s", want, panel)
		}
	}
	if how := run(t, tab, "hint", chromedp.Text(chromedp.CSS("[data-desk-how]"))); !strings.Contains(how, "Preview") {
		t.Errorf("without scripts the panel's hint says %q", how)
	}
	if body := run(t, tab, "body kept", chromedp.Value(chromedp.CSS("#f-body"))); body != editorBody {
		t.Errorf("the previewed form's text is %q", body)
	}
	for _, sel := range []string{`button[data-desk-edit="replace"]`, `button[data-desk-edit="spoiler"]`} {
		if n := run(t, tab, "hidden buttons", chromedp.Evaluate[int](`[...document.querySelectorAll('#desk-panel `+sel+`')].filter(b => b.offsetParent !== null).length`)); n != 0 {
			t.Errorf("%d visible %s without scripts", n, sel)
		}
	}
}
