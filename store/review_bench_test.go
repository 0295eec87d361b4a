package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"reel"
	"reel/grade"
	"reel/store"
	"reel/store/storetest"
)

// EnvBenchReviews sizes BenchmarkReviewWrites: the number of reviews written
// per engine and mode, over a tenth as many films. The default keeps a plain
// `go test -bench .` short; docs/performance.md uses 100000.
const EnvBenchReviews = "REEL_BENCH_REVIEWS"

func benchSize(b *testing.B) (reviews, films int) {
	reviews = 2000
	if v := os.Getenv(EnvBenchReviews); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 10 {
			b.Fatalf("%s=%q: want a number of reviews, at least 10", EnvBenchReviews, v)
		}
		reviews = n
	}
	return reviews, max(reviews/10, 10)
}

// BenchmarkReviewWrites writes reviews one transaction each, as the website
// does, on each engine, into two fresh stores side by side: one keeping the
// film scores incrementally and one not. Writes alternate between the two,
// so the machine's noise falls on both alike; the difference is what keeping
// the scores costs. Each store holds the films and 100 users (10 critics, 3
// of them top critics). Run with -benchtime=1x.
func BenchmarkReviewWrites(b *testing.B) {
	nReviews, nFilms := benchSize(b)
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(fmt.Sprintf("%s/reviews=%d/films=%d", d, nReviews, nFilms), func(b *testing.B) {
			var plain, scored time.Duration
			runs := 0
			for b.Loop() {
				b.StopTimer()
				without, with := storetest.Open(b, d), storetest.Open(b, d)
				wa, wb := newBenchWorkload(b, without, nFilms), newBenchWorkload(b, with, nFilms)
				b.StartTimer()
				for i := range nReviews {
					plain += wa.write(b, i, false)
					scored += wb.write(b, i, true)
				}
				runs++
				b.StopTimer()
				reportRebuild(b, with)
				without.Close()
				with.Close()
				b.StartTimer()
			}
			n := time.Duration(runs * nReviews)
			b.ReportMetric(micros(plain/n), "µs/review-plain")
			b.ReportMetric(micros(scored/n), "µs/review-scored")
			b.ReportMetric(micros((scored-plain)/n), "µs/score-update")
			b.ReportMetric(float64(n)/scored.Seconds(), "reviews/s")
		})
	}
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

// reportRebuild times RebuildAggregates over what the run wrote and checks it
// reproduces the incrementally kept table.
func reportRebuild(b *testing.B, s *store.Store) {
	ctx := context.Background()
	before := dumpScores(b, s)
	start := time.Now()
	if _, err := s.RebuildAggregates(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "rebuild-ms")
	if dumpScores(b, s) != before {
		b.Fatal("rebuild differs from the incrementally kept scores")
	}
}

type benchWorkload struct {
	s      *store.Store
	rnd    *rand.Rand
	users  []store.UserID
	films  int
	grades []grade.Grade
	bodies []string
}

func newBenchWorkload(b *testing.B, s *store.Store, films int) *benchWorkload {
	ctx := context.Background()
	w := &benchWorkload{s: s, rnd: rand.New(rand.NewPCG(1, 2)), films: films}
	benchFilms(b, s, films)
	restore := store.CheapPasswords()
	defer restore()
	for i := range 100 {
		role := store.RoleMember
		if i < 10 {
			role = store.RoleCritic
		}
		u, err := s.CreateUser(ctx, fmt.Sprintf("user%03d", i), "benchmark-password", role)
		if err != nil {
			b.Fatal(err)
		}
		if i < 10 {
			p := store.CriticProfile{DisplayName: u.Name, Weight: 0.5 + float64(i)/4, Top: i < 3}
			if err := s.UpdateCriticProfile(ctx, u.ID, p); err != nil {
				b.Fatal(err)
			}
		}
		w.users = append(w.users, u.ID)
	}
	for _, t := range []string{"★★★½", "2/5", "B+", "C-", "88/100", "7/10", "thumbs down", "masterpiece", "4/5", "½"} {
		w.grades = append(w.grades, mustGrade(b, t))
	}
	// Bodies of a member's length (about 700 bytes of Markdown with emphasis,
	// a link and a spoiler), varied so nothing is cached.
	para := "The film *opens* on a long shot of the sea, and [the score](https://example.org) carries it. "
	for i := range 16 {
		w.bodies = append(w.bodies, fmt.Sprintf("%s\n\n%s ||The ending %d is a dream.|| **Worth seeing.**",
			strings.Repeat(para, 3+i%4), para, i))
	}
	return w
}

// benchFilms adds films 1..n in batches.
func benchFilms(b *testing.B, s *store.Store, n int) {
	const batch = 500
	for lo := 1; lo <= n; lo += batch {
		hi := min(lo+batch-1, n)
		var rows []string
		var args []any
		for id := lo; id <= hi; id++ {
			rows = append(rows, "(?, 'movie', ?, ?)")
			args = append(args, id, fmt.Sprint("Film ", id), "Film")
		}
		_, err := s.DB().Exec(s.Rebind("INSERT INTO films (id, type, title, original_title) VALUES "+strings.Join(rows, ", ")), args...)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// write writes review i (90% graded, 85% public, 10% unlisted, 5% private)
// and returns how long the write took.
func (w *benchWorkload) write(b *testing.B, i int, scores bool) time.Duration {
	in := store.ReviewInput{
		FilmID:     reel.FilmID(1 + w.rnd.IntN(w.films)),
		Body:       w.bodies[i%len(w.bodies)],
		Tags:       []string{"cinema"},
		Visibility: store.Public,
	}
	if w.rnd.IntN(10) > 0 {
		in.Grade = w.grades[w.rnd.IntN(len(w.grades))]
	}
	switch v := w.rnd.IntN(20); {
	case v == 0:
		in.Visibility = store.Private
	case v <= 2:
		in.Visibility = store.Unlisted
	}
	user := w.users[w.rnd.IntN(len(w.users))]
	start := time.Now()
	if _, err := w.s.CreateReviewForBench(context.Background(), user, in, scores); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
