package e2e

import (
	"testing"

	"reel/store"
	"reel/store/storetest"
)

// TestJourneysOnPostgres runs the main journeys against a second reel server
// whose database is PostgreSQL: `reel demo --db` loads the demo into a fresh
// schema of the database REEL_TEST_POSTGRES names. Locally without that
// variable it skips; under CI it fails (storetest.DSN), so a CI run cannot
// pass on SQLite alone.
func TestJourneysOnPostgres(t *testing.T) {
	dsn := storetest.DSN(t, store.Postgres) // a fresh schema, dropped after the test; skips first
	startSuite(t)
	base, stop, err := startDemo(dsn)
	if stop != nil {
		t.Cleanup(stop) // registered after DSN's cleanup, so it runs before the schema is dropped
	}
	if err != nil {
		t.Fatalf("reel demo on PostgreSQL: %v", err)
	}
	t.Run("account", func(t *testing.T) { accountJourney(t, base, newTab(t)) })
	t.Run("search", func(t *testing.T) { searchToPerson(t, base, newTab(t)) })
	t.Run("review", func(t *testing.T) {
		tab := newTab(t)
		t.Cleanup(func() { clearCookies(t, tab) })
		clearCookies(t, tab)
		errs := consoleErrors(t, tab)
		reviewJourney(t, base, tab)
		for _, e := range errs() {
			t.Errorf("console: %s", e)
		}
	})
}
