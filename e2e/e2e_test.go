// Package e2e drives a real reel binary with headless Chromium: the journeys
// a reader takes, an accessibility audit (axe-core) of every page type, and
// screenshots at phone and desktop widths for a person to look at.
//
// The site is `reel demo --db` on a SQLite file; TestJourneysOnPostgres runs
// the main journeys again on a second server whose database is a fresh schema
// in the PostgreSQL database REEL_TEST_POSTGRES names.
//
// The tests skip when Chromium (or, for the PostgreSQL run, REEL_TEST_POSTGRES)
// is absent, except under CI, where they fail.
// REEL_TEST_CHROMIUM names the browser; REEL_ARTIFACTS the screenshot folder
// (default artifacts/ here, which git ignores).
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"reel/store"
)

// suite is what every test shares: the reel binary, one reel server on
// SQLite and one browser, started on first use and stopped by TestMain.
var suite struct {
	once    sync.Once
	err     error
	skip    string
	bin     string // the reel binary, built once
	base    string // http://127.0.0.1:PORT, reel demo on SQLite
	db      string // that server's database file, for the reel CLI
	browser context.Context
	stops   []func()
}

// The admin account start adds with the reel CLI, for the admin pages.
const adminName, adminPassword = "e2e-admin", "an admin's long secret"

// A demo critic whose password start sets with the reel CLI, to see the demo
// from a member with a history (list progress, seen marks).
const criticName, criticPassword = "margot.vell", "margot's long secret"

// tabTimeout bounds one test's (or one audited page's) browser work: a guard
// against a hung browser, generous because the test machine is shared.
const tabTimeout = 3 * time.Minute

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(suite.stops) - 1; i >= 0; i-- {
		suite.stops[i]()
	}
	os.Exit(code)
}

// setup returns the SQLite site's base URL and a fresh browser tab, starting
// the server and the browser the first time.
func setup(t *testing.T) (string, context.Context) {
	t.Helper()
	startSuite(t)
	return suite.base, newTab(t)
}

// startSuite starts the shared server and browser once, and skips the test
// (fails it under CI) when they cannot run.
func startSuite(t *testing.T) {
	t.Helper()
	suite.once.Do(start)
	if suite.skip != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests cannot run in CI: %s", suite.skip)
		}
		t.Skip(suite.skip)
	}
	if suite.err != nil {
		t.Fatal(suite.err)
	}
}

// newTab opens a browser tab that closes when the test ends.
func newTab(t *testing.T) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(suite.browser)
	t.Cleanup(cancel)
	tab, cancelTimeout := context.WithTimeout(tab, tabTimeout)
	t.Cleanup(cancelTimeout)
	return tab
}

func start() {
	chromium := findChromium()
	if chromium == "" {
		suite.skip = "Chromium not found: install it (apt-get install chromium) or set REEL_TEST_CHROMIUM"
		return
	}
	dir, err := os.MkdirTemp("", "reel-e2e-")
	if err != nil {
		suite.err = err
		return
	}
	suite.stops = append(suite.stops, func() { os.RemoveAll(dir) })
	suite.bin = filepath.Join(dir, "reel")
	build := exec.Command("go", "build", "-o", suite.bin, "reel/cmd/reel")
	if out, err := build.CombinedOutput(); err != nil {
		suite.err = fmt.Errorf("build reel: %v\n%s", err, out)
		return
	}
	suite.db = filepath.Join(dir, "demo.db")
	var stop func()
	suite.base, stop, suite.err = startDemo(suite.db)
	if stop != nil {
		suite.stops = append(suite.stops, stop)
	}
	if suite.err != nil {
		return
	}
	if suite.err = addAccounts(dir, suite.db); suite.err != nil {
		return
	}
	suite.browser, suite.err = startBrowser(chromium, filepath.Join(dir, "profile"))
}

func findChromium() string {
	if p := os.Getenv("REEL_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startDemo runs `reel demo --db dsn` on a free port: the bundled demo
// catalog, users and reviews loaded into the empty database dsn (a SQLite
// path or a postgres:// URL), served as a visitor would try it. It returns
// the base URL and a function that stops the server (nil if none started).
func startDemo(dsn string) (string, func(), error) {
	cmd := exec.Command(suite.bin, "demo", "--db", dsn, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	cmd.Stderr = os.Stderr
	dieWithTest(cmd)
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("start reel demo: %w", err)
	}
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	}
	base, db, err := waitServing(stdout)
	if err == nil && db != store.Redact(dsn) {
		err = fmt.Errorf("reel demo serves the database %s, want %s", db, store.Redact(dsn))
	}
	return base, stop, err
}

// addAccounts adds the admin account to the SQLite database db and gives the
// demo critic a password, with the reel CLI as a site's owner would; the
// passwords go through a file in dir, never argv.
func addAccounts(dir, db string) error {
	for _, a := range []struct {
		password string
		args     []string
	}{
		{adminPassword, []string{"user", "add", "--admin", adminName}},
		{criticPassword, []string{"user", "passwd", criticName}},
	} {
		pw := filepath.Join(dir, "password")
		if err := os.WriteFile(pw, []byte(a.password+"\n"), 0o600); err != nil {
			return err
		}
		args := append(a.args, "--db", db, "--password-file", pw)
		if out, err := exec.Command(suite.bin, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("reel %s: %v\n%s", strings.Join(a.args, " "), err, out)
		}
	}
	return nil
}

var servingLine = regexp.MustCompile(`serving (http://[0-9.:]+)/ \(database (.*)\);`)

// waitServing reads reel's output until it says where it serves and on
// which database, and fails at once if reel exits first (its error is on the
// test's stderr).
func waitServing(stdout io.Reader) (base, db string, err error) {
	found := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m
				io.Copy(io.Discard, stdout) // keep the pipe drained
				return
			}
		}
		found <- nil // reel exited (or closed its output) without serving
	}()
	select {
	case m := <-found:
		if m == nil {
			return "", "", fmt.Errorf("reel demo stopped before serving (its error is above)")
		}
		return m[1], m[2], nil
	case <-time.After(60 * time.Second):
		return "", "", fmt.Errorf("reel demo did not start serving within a minute")
	}
}

// startBrowser starts headless Chromium with the flags that keep it from
// reaching for the (closed) network, and returns its context.
func startBrowser(path, profile string) (context.Context, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	suite.stops = append(suite.stops, cancelAlloc, cancelBrowser)
	// The first action on a context starts the browser and ties its life to
	// that context, so it runs on browser itself, not on a context with a
	// timeout that would end the browser with it.
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		return nil, fmt.Errorf("start Chromium %s: %w", path, err)
	}
	return browser, nil
}

// artifacts returns the folder for screenshots, creating it.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("REEL_ARTIFACTS")
	if dir == "" {
		dir = "artifacts"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// consoleErrors collects the errors the page logs (script errors, CSP
// violations, failed loads) from now until the test ends.
func consoleErrors(t *testing.T, tab context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var errs []string
	msgs := chromedp.Console(tab)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				errs = append(errs, strings.TrimSpace(string(m.Type)+": "+m.Text+" "+m.URL))
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}
