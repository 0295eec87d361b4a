package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel/store"
	"reel/store/storetest"
)

// TestDemoIntoGivenDatabase: `reel demo --db` loads the demo into an empty
// database on either engine and keeps it after exit, and refuses to load it a
// second time, into a database that now holds data.
func TestDemoIntoGivenDatabase(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			serveDemoOnce(t, dsn)

			code, out, errs := run(t, "search", "--db", dsn, "almodovar")
			if code != ExitOK || !strings.Contains(out, "Pedro Almodóvar") {
				t.Fatalf("the demo did not stay in the database: search exit %d: %s%s", code, out, errs)
			}
			code, out, errs = run(t, "demo", "--db", dsn, "--addr", "127.0.0.1:0")
			if code != ExitFailure || !strings.Contains(errs, "loads only into an empty database") {
				t.Fatalf("demo into a loaded database: exit %d, %q%q; want exit 1 and a refusal", code, out, errs)
			}
			if strings.Contains(out, "serving") {
				t.Fatalf("demo served a database it refused: %s", out)
			}
		})
	}
}

// TestDemoRefusesDatabaseWithUsers: users alone (no catalog) make a database
// someone's, so the demo leaves it alone.
func TestDemoRefusesDatabaseWithUsers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "site.db")
	if code, out, errs := run(t, "migrate", "--db", db); code != ExitOK {
		t.Fatalf("migrate: %s%s", out, errs)
	}
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("a long enough secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "user", "add", "--db", db, "--password-file", pw, "ann"); code != ExitOK {
		t.Fatalf("user add: %s%s", out, errs)
	}
	code, _, errs := run(t, "demo", "--db", db, "--addr", "127.0.0.1:0")
	if code != ExitFailure || !strings.Contains(errs, "holds 1 users") {
		t.Fatalf("demo into a database with a user: exit %d, %q", code, errs)
	}
}

// serveDemoOnce runs `reel demo --db dsn` until it serves, then stops it.
func serveDemoOnce(t *testing.T, dsn string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"demo", "--db", dsn, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errb)
	}()
	waitForURL(t, &out, &errb, done)
	stopDemo(t, cancel, done, &errb)
}
