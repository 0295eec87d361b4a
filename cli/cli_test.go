package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// run calls Main and returns the exit code and both outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	tests := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{nil, ExitUsage, "Commands:"},
		{[]string{"help"}, ExitOK, "Commands:"},
		{[]string{"bogus"}, ExitUsage, `unknown command "bogus"`},
		{[]string{"serve", "--bogus"}, ExitUsage, "flag provided but not defined"},
		{[]string{"search", "--help"}, ExitOK, "Usage: reel search"},
		{[]string{"version"}, ExitOK, "reel "},
		{[]string{"search", "--db", db}, ExitUsage, "needs a query"},
		{[]string{"search", "--db", db, "almodovar"}, ExitFailure, "reel migrate"},
		{[]string{"import", "--db", db, "imdb"}, ExitUsage, "usage: reel import imdb"},
		{[]string{"import", "--db", db, "imdb", filepath.Join(t.TempDir(), "none")}, ExitFailure, "none"},
		{[]string{"migrate", "--db", filepath.Join(t.TempDir(), "no", "such", "dir.db")}, ExitFailure, "does not exist"},
		{[]string{"migrate", "--db", db}, ExitOK, "schema version"},
		{[]string{"serve", "--db", db, "extra"}, ExitUsage, "no arguments"},
		{[]string{"grade", "B+", "3/4", "★★★½"}, ExitOK, "83"},
		{[]string{"grade", "B+", "banana"}, ExitFailure, "1 of 2 grades did not parse"},
		{[]string{"grade"}, ExitUsage, "at least one grade"},
		{[]string{"user", "--db", db}, ExitUsage, "usage: reel user"},
		{[]string{"aggregates", "--db", db, "rebuild"}, ExitOK, "rebuilt scores"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("reel %q: exit %d, output %q%q; want exit %d and %q", tt.args, code, out, errs, tt.code, tt.want)
		}
		if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") {
			t.Errorf("reel %q printed a stack trace: %s", tt.args, errs)
		}
	}
}

func TestConfigMasksSecretsAndReadsEnv(t *testing.T) {
	t.Setenv("REEL_ADDR", "127.0.0.1:9999")
	code, out, _ := run(t, "config", "--db", "postgres://bob:hunter2@db/reel")
	if code != ExitOK || strings.Contains(out, "hunter2") || !strings.Contains(out, "bob:xxxxx@db") {
		t.Fatalf("config printed %q (exit %d)", out, code)
	}
	if !strings.Contains(out, "127.0.0.1:9999") {
		t.Fatalf("config ignored REEL_ADDR: %q", out)
	}
	code, out, _ = run(t, "config", "--addr", "0.0.0.0:1")
	if code != ExitOK || !strings.Contains(out, "0.0.0.0:1") {
		t.Fatalf("flag did not win over env: %q", out)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDemoServesSearch is the README's promise: `reel demo` serves the demo
// catalog and the search API finds Pedro Almodóvar.
func TestDemoServesSearch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"demo", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errb)
	}()
	base := waitForURL(t, &out, &errb, done)
	resp, err := http.Get(base + "api/v1/search?q=almodovar")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var got struct {
		Results []struct{ Kind, ID, Name string }
	}
	if err := json.Unmarshal(body, &got); err != nil || len(got.Results) == 0 {
		t.Fatalf("search: %v %s", err, body)
	}
	if got.Results[0].Name != "Pedro Almodóvar" || got.Results[0].ID != "nm0000264" {
		t.Fatalf("first result %+v, want Pedro Almodóvar", got.Results[0])
	}
	stopDemo(t, cancel, done, &errb)
}

var servingRE = regexp.MustCompile(`serving (http://[^ ]+/)`)

// stopDemo cancels a running `reel demo` and checks it shuts down cleanly.
func stopDemo(t *testing.T, cancel context.CancelFunc, done chan int, errb *syncBuffer) {
	t.Helper()
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Fatalf("demo exited %d: %s", code, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("demo did not shut down")
	}
}

func waitForURL(t *testing.T, out, errb *syncBuffer, done chan int) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingRE.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("demo exited %d: %s %s", code, out.String(), errb.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("demo never served: %s %s", out.String(), errb.String())
	return ""
}

func TestUserCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	if code, _, errs := run(t, "migrate", "--db", db); code != ExitOK {
		t.Fatal(errs)
	}
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"user", "add", "--db", db, "--critic", "ann"}, strings.NewReader("correct horse battery\n"), &out, &errb)
	if code != ExitOK || !strings.Contains(out.String(), "added ann (critic)") {
		t.Fatalf("user add: %d %s %s", code, out.String(), errb.String())
	}
	code, lst, _ := run(t, "user", "list", "--db", db)
	if code != ExitOK || !strings.Contains(lst, "ann") || !strings.Contains(lst, "critic") {
		t.Fatalf("user list: %d %s", code, lst)
	}
	code, _, errs := run(t, "user", "add", "--db", db, "bob")
	if code != ExitFailure || !strings.Contains(errs, "no password") {
		t.Fatalf("user add without password: %d %s", code, errs)
	}
	code, _, errs = run(t, "user", "add", "--db", db, "--admin", "--critic", "bob")
	if code != ExitUsage {
		t.Fatalf("conflicting roles: %d %s", code, errs)
	}
}
