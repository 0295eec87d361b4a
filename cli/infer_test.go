package cli

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/demo"
	"reel/store"
)

// demoDB returns a SQLite database with the demo loaded, closed again.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "reel.db")
	st, err := store.Open(context.Background(), db, store.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return db
}

// addUngraded stores an ungraded review by a demo critic and returns its id.
func addUngraded(t *testing.T, st *store.Store, body string) store.ReviewID {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByName(ctx, "margot.vell")
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 8291806, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func inferredSource(t *testing.T, st *store.Store, id store.ReviewID) store.GradeSource {
	t.Helper()
	r, err := st.Review(context.Background(), 0, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Grade == nil {
		return ""
	}
	return r.Grade.Source
}

func TestReviewsInfer(t *testing.T) {
	db := demoDB(t)
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := addUngraded(t, st, "A tender, beautifully acted film, and the best of the year.")
	code, out, errs := run(t, "reviews", "infer", "--db", db)
	if code != ExitOK || !strings.Contains(out, "inferred: 1 review scores") {
		t.Fatalf("reviews infer: exit %d, %q %q", code, out, errs)
	}
	if got := inferredSource(t, st, id); got != store.GradeInferred {
		t.Errorf("grade source after reviews infer = %q, want inferred", got)
	}
	if code, out, _ := run(t, "reviews", "infer", "--db", db); code != ExitOK || !strings.Contains(out, "inferred: 0 review scores") {
		t.Errorf("second run: exit %d, %q; want nothing left", code, out)
	}
	for _, args := range [][]string{{"reviews"}, {"reviews", "grade"}, {"reviews", "infer", "x"}} {
		if code, _, _ := run(t, append(args, "--db", db)...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

// TestInferInBackground checks the loop serve runs: a pass at start, and a
// stop that waits for it.
func TestInferInBackground(t *testing.T) {
	db := demoDB(t)
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := addUngraded(t, st, "Dull, lifeless and far too long; a misfire.")
	var logs strings.Builder
	stop := inferInBackground(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)), st)
	for range 200 {
		if inferredSource(t, st, id) == store.GradeInferred {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	if got := inferredSource(t, st, id); got != store.GradeInferred {
		t.Errorf("grade source = %q, want inferred by the first pass; log %q", got, logs.String())
	}
}
