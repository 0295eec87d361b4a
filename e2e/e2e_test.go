// Package e2e drives a real reel binary with headless Chromium: the journeys
// a reader takes, an accessibility audit (axe-core) of every page type, and
// screenshots at phone and desktop widths for a person to look at.
//
// The tests skip when Chromium is absent, except under CI, where they fail.
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
)

// suite is what every test shares: one reel server and one browser, started
// on first use and stopped by TestMain.
var suite struct {
	once    sync.Once
	err     error
	skip    string
	base    string // http://127.0.0.1:PORT
	browser context.Context
	stops   []func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(suite.stops) - 1; i >= 0; i-- {
		suite.stops[i]()
	}
	os.Exit(code)
}

// setup returns the site's base URL and a fresh browser tab, starting the
// server and the browser the first time.
func setup(t *testing.T) (string, context.Context) {
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
	tab, cancel := chromedp.NewContext(suite.browser)
	t.Cleanup(cancel)
	tab, cancelTimeout := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return suite.base, tab
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
	if suite.base, suite.err = startReel(dir); suite.err != nil {
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

// startReel builds the reel binary and runs `reel demo` on a free port: the
// bundled demo catalog in a temporary database, as a visitor would try it.
func startReel(dir string) (string, error) {
	bin := filepath.Join(dir, "reel")
	build := exec.Command("go", "build", "-o", bin, "reel/cmd/reel")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build reel: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "demo", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start reel demo: %w", err)
	}
	suite.stops = append(suite.stops, func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	return waitServing(stdout)
}

var servingLine = regexp.MustCompile(`serving (http://[0-9.:]+)/`)

// waitServing reads reel's output until it says where it serves.
func waitServing(stdout io.Reader) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stdout) // keep the pipe drained
	}()
	select {
	case base := <-found:
		return base, nil
	case <-time.After(60 * time.Second):
		return "", fmt.Errorf("reel demo did not start serving within a minute")
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
