package web

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"reel"
	"reel/store"
)

// spoolFile makes a stand-in for a spooled export.
func spoolFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte("zip"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestImportJobBounds checks the job table's bounds without running an
// import: one running job per member, a few kept per member (the oldest
// finished one goes, with its file), and expiry.
func TestImportJobBounds(t *testing.T) {
	js := newImportJobs()
	const ann = store.UserID(1)
	var paths []string
	var jobs []*importJob
	for i := range maxKeptPerUser + 1 {
		p := spoolFile(t, "export.zip")
		j, err := js.add(ann, p, 3, true)
		if err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		if _, err := js.add(ann, spoolFile(t, "again.zip"), 3, true); reel.ErrorCode(err) != reel.Conflict {
			t.Fatalf("a second running job for one member: %v, want a conflict", err)
		}
		js.finish(j, nil, nil, "")
		paths, jobs = append(paths, p), append(jobs, j)
		time.Sleep(time.Millisecond) // distinct expiry times, so "oldest" is defined
	}
	if exists(paths[0]) || len(js.byID) != maxKeptPerUser {
		t.Errorf("after %d jobs: the first's file exists=%v, %d kept; want it dropped and %d kept", len(paths), exists(paths[0]), len(js.byID), maxKeptPerUser)
	}
	if _, err := js.get(jobs[0].id, ann); reel.ErrorCode(err) != reel.NotFound {
		t.Errorf("the dropped job: %v, want not found", err)
	}
	last := jobs[len(jobs)-1]
	if _, err := js.get(last.id, ann); err != nil {
		t.Errorf("the newest job: %v", err)
	}
	if _, err := js.get(last.id, store.UserID(2)); reel.ErrorCode(err) != reel.NotFound {
		t.Errorf("another member's get: %v, want not found", err)
	}
	restore := ShiftImportClock(importTTL + time.Minute)
	defer restore()
	if _, err := js.get(last.id, ann); reel.ErrorCode(err) != reel.NotFound {
		t.Errorf("an expired job: %v, want not found", err)
	}
	if exists(paths[len(paths)-1]) || len(js.byID) != 0 {
		t.Errorf("expired jobs left %d jobs or their files", len(js.byID))
	}
}

// TestTypedID: what a member types in a row's box is an IMDb id (or link)
// or a title to search for.
func TestTypedID(t *testing.T) {
	for _, tc := range []struct {
		in, id string
		ok     bool
	}{
		{"tt0079944", "tt0079944", true},
		{"TT0079944", "tt0079944", true},
		{"tt12x", "tt12x", true}, // an id attempt: refused later with a reason
		{"https://www.imdb.com/title/tt0079944/", "tt0079944", true},
		{"imdb.com/title/tt0079944?ref_=nv", "tt0079944", true},
		{"Ttoo Late", "", false},
		{"stalker", "", false},
		{"tt", "", false},
	} {
		id, ok := typedID(tc.in)
		if id != tc.id || ok != tc.ok {
			t.Errorf("typedID(%q) = %q, %v; want %q, %v", tc.in, id, ok, tc.id, tc.ok)
		}
	}
}
