package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// clearCookies signs the shared browser out, so the other tests see the
// site as a signed-out reader whatever order they run in.
func clearCookies(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab, "clear cookies", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{})
		return err
	}))
}

// TestAccountJourney is a new member's first visit: sign up with the form,
// find their name in the header, make an API token, sign out with the
// header's button, fail to sign in with a wrong password (the error is
// announced and the password field focused) and sign in again. The account
// pages are audited with axe on the way.
func TestAccountJourney(t *testing.T) {
	base, tab := setup(t)
	accountJourney(t, base, tab)
}

// accountJourney is TestAccountJourney's body, run against the site at base
// (on SQLite, and on PostgreSQL by TestJourneysOnPostgres).
func accountJourney(t *testing.T, base string, tab context.Context) {
	t.Helper()
	t.Cleanup(func() { clearCookies(t, tab) })
	clearCookies(t, tab)
	errs := consoleErrors(t, tab)
	// A name of its own per run, so the journey can run again on the same
	// server (go test -count=2) and beside the other tests' members.
	name := "e2e-writer-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	const password = "a long enough secret"

	load(t, tab, base+"/signup", 200, 390, 844, false, true)
	checkAxe(t, tab)
	checkNoSideScroll(t, tab, 390)
	do(t, tab, "sign up",
		chromedp.EmulateViewport(1280, 900),
		chromedp.SendKeys(chromedp.CSS("#f-name"), name),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.SendKeys(chromedp.CSS("#f-confirm"), password),
		chromedp.Submit(chromedp.CSS("#f-confirm")),
		chromedp.WaitVisible(chromedp.CSS(`.site-account a[href="/u/`+name+`"]`)),
	)

	load(t, tab, base+"/settings", 200, 1280, 900, true, false)
	checkAxe(t, tab)
	do(t, tab, "create a token",
		chromedp.SendKeys(chromedp.CSS("#f-token"), "e2e"),
		chromedp.Submit(chromedp.CSS("#f-token")),
		chromedp.WaitVisible(chromedp.CSS("#new-token")),
	)
	if tok := run(t, tab, "token", chromedp.Value(chromedp.CSS("#new-token"))); !strings.HasPrefix(tok, "reel_") {
		t.Fatalf("new token %q, want reel_…", tok)
	}
	checkAxe(t, tab)

	do(t, tab, "sign out",
		chromedp.Click(chromedp.CSS(`.site-account button`)),
		chromedp.WaitVisible(chromedp.CSS(`.site-account a[href="/login"]`)),
	)

	load(t, tab, base+"/login", 200, 1280, 900, false, false)
	checkAxe(t, tab)
	do(t, tab, "wrong password",
		chromedp.SendKeys(chromedp.CSS("#f-name"), name),
		chromedp.SendKeys(chromedp.CSS("#f-password"), "not the password"),
		chromedp.Submit(chromedp.CSS("#f-password")),
		chromedp.WaitVisible(chromedp.CSS(`#form-error[role="alert"]`)),
	)
	if id := run(t, tab, "focus", chromedp.Evaluate[string](`document.activeElement.id`)); id != "f-password" {
		t.Errorf("after a failed sign-in the focus is on %q, want the password field", id)
	}
	checkAxe(t, tab)
	do(t, tab, "sign in",
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Submit(chromedp.CSS("#f-password")),
		chromedp.WaitVisible(chromedp.CSS(`.site-account a[href="/u/`+name+`"]`)),
	)
	for _, e := range errs() {
		if strings.Contains(e, "403") {
			continue // the failed sign-in's own status, logged by the browser
		}
		t.Errorf("console: %s", e)
	}
}

// signIn signs name in through the sign-in form.
func signIn(t *testing.T, tab context.Context, base, name, password string) {
	t.Helper()
	do(t, tab, "sign in as "+name,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#f-name")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), name),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Submit(chromedp.CSS("#f-password")),
		chromedp.WaitVisible(chromedp.CSS(`.site-account a[href="/u/`+name+`"]`)),
	)
}
