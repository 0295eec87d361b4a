package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"reel"
	"reel/grade"
	"reel/store"
	"reel/store/storetest"
)

func TestBands(t *testing.T) {
	for score, want := range map[int]store.Band{100: store.BandAcclaim, 81: store.BandAcclaim, 80: store.BandFavourable,
		61: store.BandFavourable, 60: store.BandMixed, 40: store.BandMixed, 39: store.BandUnfavourable,
		20: store.BandUnfavourable, 19: store.BandDislike, 0: store.BandDislike} {
		if got := store.BandOf(score); got != want {
			t.Errorf("BandOf(%d) = %q, want %q", score, got, want)
		}
	}
}

func TestAudienceScoresDerived(t *testing.T) {
	a := store.AudienceScores{Count: 4, ValueSum: 2700, Positive: 3, WeightSum: 450, WeightedSum: 450 * 622}
	if m, ok := a.Mean(); !ok || m != 67.5 {
		t.Errorf("Mean = %v, %v; want 67.5", m, ok)
	}
	if _, ok := a.PercentPositive(0); ok {
		t.Error("% positive shown from 4 reviews with the default minimum of 5")
	}
	if p, ok := a.PercentPositive(4); !ok || p != 75 {
		t.Errorf("PercentPositive(4) = %d, %v; want 75", p, ok)
	}
	if w, ok := a.WeightedScore(); !ok || w != 62 {
		t.Errorf("WeightedScore = %d, %v; want 62", w, ok)
	}
	a.WeightedSum = 450 * 625 // 62.5 rounds half up
	if w, _ := a.WeightedScore(); w != 63 {
		t.Errorf("WeightedScore of 62.5 = %d, want 63", w)
	}
	if _, ok := (store.AudienceScores{Count: 3, WeightSum: 300, WeightedSum: 300 * 800}).WeightedScore(); ok {
		t.Error("weighted score shown from 3 reviews")
	}
	if _, ok := (store.AudienceScores{}).Mean(); ok {
		t.Error("mean of no reviews shown")
	}
}

// TestFilmScoresWorkedExample checks one film's scores against figures
// worked out by hand.
func TestFilmScoresWorkedExample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		critic := func(name string, weight float64, top bool, g string) store.User {
			u := mkUser(t, s, name, store.RoleCritic)
			if err := s.UpdateCriticProfile(ctx, u.ID, store.CriticProfile{Weight: weight, Top: top}); err != nil {
				t.Fatal(err)
			}
			review(t, s, u.ID, store.ReviewInput{FilmID: 1, Grade: mustGrade(t, g)})
			return u
		}
		critic("c1", 1, true, "4/5")
		critic("c2", 2, false, "3/5")
		c3 := critic("c3", 1, false, "3/10")
		critic("c4", 0.5, true, "A")
		m1 := mkUser(t, s, "m1", store.RoleMember)
		review(t, s, m1.ID, store.ReviewInput{FilmID: 1, Grade: mustGrade(t, "★★★½")})
		review(t, s, m1.ID, store.ReviewInput{FilmID: 1, Grade: mustGrade(t, "1/5")}) // only the latest counts
		m2 := mkUser(t, s, "m2", store.RoleMember)
		review(t, s, m2.ID, store.ReviewInput{FilmID: 1, Grade: mustGrade(t, "5/5"), Visibility: store.Private})
		m3 := mkUser(t, s, "m3", store.RoleMember)
		review(t, s, m3.ID, store.ReviewInput{FilmID: 1, Grade: mustGrade(t, "2.5/5"), Visibility: store.Unlisted})
		m4 := mkUser(t, s, "m4", store.RoleMember)
		review(t, s, m4.ID, store.ReviewInput{FilmID: 1, Body: "no grade"})

		fs, err := s.FilmScores(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		wantCritics := store.AudienceScores{Count: 4, ValueSum: 2700, Positive: 3, WeightSum: 450,
			WeightedSum: 100*800 + 200*600 + 100*300 + 50*1000, Histogram: hist(3, 6, 8, 10)}
		wantTop := store.AudienceScores{Count: 2, ValueSum: 1800, Positive: 2, WeightSum: 150,
			WeightedSum: 100*800 + 50*1000, Histogram: hist(8, 10)}
		wantMembers := store.AudienceScores{Count: 2, ValueSum: 700, Histogram: hist(2, 5)}
		if fs.Critics != wantCritics || fs.TopCritics != wantTop || fs.Members != wantMembers {
			t.Fatalf("scores\n critics %+v\n top     %+v\n members %+v\nwant\n critics %+v\n top     %+v\n members %+v",
				fs.Critics, fs.TopCritics, fs.Members, wantCritics, wantTop, wantMembers)
		}
		if w, ok := fs.Critics.WeightedScore(); !ok || w != 62 || store.BandOf(w) != store.BandFavourable {
			t.Errorf("critics' weighted score %d (%v), want 62, favourable", w, ok)
		}

		// c3 becomes a member: the 30 moves audiences; three critics are too
		// few for a weighted score.
		if err := s.SetRole(ctx, c3.ID, store.RoleMember); err != nil {
			t.Fatal(err)
		}
		fs, _ = s.FilmScores(ctx, 1)
		if fs.Critics.Count != 3 || fs.Critics.WeightSum != 350 || fs.Members.Count != 3 || fs.Members.ValueSum != 1000 || fs.Members.WeightSum != 0 {
			t.Fatalf("after role change: critics %+v members %+v", fs.Critics, fs.Members)
		}
		if _, ok := fs.Critics.WeightedScore(); ok {
			t.Error("weighted score shown from 3 critics")
		}
		_, err = s.FilmScores(ctx, 2)
		wantCode(t, err, reel.NotFound)
	})
}

func hist(buckets ...int) [11]int64 {
	var h [11]int64
	for _, b := range buckets {
		h[b]++
	}
	return h
}

func review(t testing.TB, s *store.Store, author store.UserID, in store.ReviewInput) store.Review {
	t.Helper()
	r, err := s.CreateReview(context.Background(), author, in)
	if err != nil {
		t.Fatalf("create review: %v", err)
	}
	return r
}

// TestRebuildEqualsIncremental runs a seeded random sequence of review
// writes, edits, deletions, inferred grades, role and weight changes, and
// checks that the incrementally kept film_scores equal, row for row, both an
// independent model computed here and what RebuildAggregates writes.
func TestRebuildEqualsIncremental(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		for _, seed := range []uint64{1, 2} {
			t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
				m := newScoreModel(t, s, seed)
				for i := range 160 {
					m.step()
					if i%40 == 39 {
						m.check("after step " + fmt.Sprint(i))
					}
				}
				before := dumpScores(t, s)
				n, err := s.RebuildAggregates(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				after := dumpScores(t, s)
				if before != after {
					t.Fatalf("rebuild differs from incremental\nincremental:\n%s\nrebuilt:\n%s", before, after)
				}
				if n != strings.Count(after, "\n") || n == 0 {
					t.Fatalf("rebuild reports %d rows, table has %d", n, strings.Count(after, "\n"))
				}
				m.check("after rebuild")
			})
		}
	})
}

// dumpScores prints film_scores in key order, one row a line.
func dumpScores(t testing.TB, s *store.Store) string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT film_id, audience, n, value_sum, positive, weight_sum, weighted_sum,
		h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10 FROM film_scores ORDER BY film_id, audience`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var film int64
		var aud string
		v := make([]int64, 16)
		dest := []any{&film, &aud}
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d %s %v\n", film, aud, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// scoreModel mirrors, in plain Go, what the scores should be.
type scoreModel struct {
	t       *testing.T
	s       *store.Store
	rnd     *rand.Rand
	films   []reel.FilmID
	users   []store.UserID
	role    map[store.UserID]store.Role
	weight  map[store.UserID]int64 // hundredths
	top     map[store.UserID]bool
	reviews map[store.ReviewID]*modelReview
}

type modelReview struct {
	id      store.ReviewID
	user    store.UserID
	film    reel.FilmID
	tenths  int64 // -1 for no grade
	author  bool  // the grade is the author's (not inferred)
	verdict grade.Verdict
	vis     store.Visibility
}

var modelGrades = []string{"★★★½", "2/5", "B+", "C-", "88/100", "7/10", "thumbs down", "masterpiece", "0/5", "5/5", "2/3", "3.3/10", "59%", "60%", "39.9%"}

func newScoreModel(t *testing.T, s *store.Store, seed uint64) *scoreModel {
	m := &scoreModel{t: t, s: s, rnd: rand.New(rand.NewPCG(seed, 7)), role: map[store.UserID]store.Role{},
		weight: map[store.UserID]int64{}, top: map[store.UserID]bool{}, reviews: map[store.ReviewID]*modelReview{}}
	base := reel.FilmID(seed * 100)
	m.films = []reel.FilmID{base + 1, base + 2, base + 3, base + 4}
	mkFilms(t, s, m.films...)
	for i, r := range []store.Role{store.RoleCritic, store.RoleCritic, store.RoleCritic, store.RoleAdmin, store.RoleMember, store.RoleMember} {
		u := mkUser(t, s, fmt.Sprintf("u%d-%d", seed, i), r)
		m.users = append(m.users, u.ID)
		m.role[u.ID], m.weight[u.ID] = r, 100
	}
	return m
}

func (m *scoreModel) pick() *modelReview {
	ids := make([]store.ReviewID, 0, len(m.reviews))
	for id := range m.reviews {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	return m.reviews[ids[m.rnd.IntN(len(ids))]]
}

func (m *scoreModel) input(film reel.FilmID) (store.ReviewInput, *modelReview) {
	in := store.ReviewInput{FilmID: film, Body: "b"}
	mr := &modelReview{film: film, tenths: -1, author: true}
	if m.rnd.IntN(5) > 0 {
		in.Grade = mustGrade(m.t, modelGrades[m.rnd.IntN(len(modelGrades))])
		mr.tenths = int64(in.Grade.Value*10 + 0.5)
	}
	if m.rnd.IntN(4) == 0 {
		in.Verdict = []grade.Verdict{grade.Positive, grade.Mixed, grade.Negative}[m.rnd.IntN(3)]
		mr.verdict = in.Verdict
	}
	in.Visibility = []store.Visibility{store.Public, store.Public, store.Public, store.Unlisted, store.Private}[m.rnd.IntN(5)]
	mr.vis = in.Visibility
	return in, mr
}

func (m *scoreModel) step() {
	ctx := context.Background()
	t := m.t
	switch op := m.rnd.IntN(10); {
	case op < 4 || len(m.reviews) == 0: // create
		user := m.users[m.rnd.IntN(len(m.users))]
		in, mr := m.input(m.films[m.rnd.IntN(len(m.films))])
		r := review(t, m.s, user, in)
		mr.id, mr.user = r.ID, user
		m.reviews[r.ID] = mr
	case op < 6: // edit grade, verdict, visibility
		old := m.pick()
		in, mr := m.input(old.film)
		if _, err := m.s.UpdateReview(ctx, old.user, old.id, in); err != nil {
			t.Fatal(err)
		}
		if mr.tenths < 0 && old.tenths >= 0 && !old.author {
			mr.tenths, mr.author = old.tenths, false // an inferred grade survives an ungraded edit
		}
		mr.id, mr.user = old.id, old.user
		m.reviews[old.id] = mr
	case op < 7: // delete
		old := m.pick()
		if err := m.s.DeleteReview(ctx, old.user, old.id); err != nil {
			t.Fatal(err)
		}
		delete(m.reviews, old.id)
	case op < 8: // infer a grade
		old := m.pick()
		g := mustGrade(t, modelGrades[m.rnd.IntN(len(modelGrades))])
		err := m.s.SetInferredGrade(ctx, old.id, g)
		if old.tenths >= 0 && old.author {
			wantCode(t, err, reel.Conflict)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		old.tenths, old.author = int64(g.Value*10+0.5), false
	case op < 9: // role
		user := m.users[m.rnd.IntN(len(m.users))]
		r := []store.Role{store.RoleCritic, store.RoleMember, store.RoleAdmin}[m.rnd.IntN(3)]
		if err := m.s.SetRole(ctx, user, r); err != nil {
			t.Fatal(err)
		}
		m.role[user] = r
	default: // weight and top flag
		user := m.users[m.rnd.IntN(len(m.users))]
		w := int64(m.rnd.IntN(301))
		top := m.rnd.IntN(2) == 0
		if err := m.s.UpdateCriticProfile(ctx, user, store.CriticProfile{Weight: float64(w) / 100, Top: top}); err != nil {
			t.Fatal(err)
		}
		m.weight[user], m.top[user] = w, top
	}
}

// expected computes every film's scores from the model alone.
func (m *scoreModel) expected() map[reel.FilmID]store.FilmScores {
	latest := map[[2]int64]*modelReview{}
	for _, r := range m.reviews {
		if r.tenths < 0 || r.vis == store.Private {
			continue
		}
		k := [2]int64{int64(r.user), int64(r.film)}
		if cur := latest[k]; cur == nil || r.id > cur.id {
			latest[k] = r
		}
	}
	out := map[reel.FilmID]store.FilmScores{}
	for _, r := range latest {
		fs := out[r.film]
		fs.FilmID = r.film
		add := func(a *store.AudienceScores, weight int64) {
			a.Count++
			a.ValueSum += r.tenths
			if r.verdict == grade.Positive || r.verdict == "" && r.tenths >= 600 {
				a.Positive++
			}
			a.WeightSum += weight
			a.WeightedSum += weight * r.tenths
			a.Histogram[(r.tenths+50)/100]++
		}
		if m.role[r.user] == store.RoleCritic {
			add(&fs.Critics, m.weight[r.user])
			if m.top[r.user] {
				add(&fs.TopCritics, m.weight[r.user])
			}
		} else {
			add(&fs.Members, 0)
		}
		out[r.film] = fs
	}
	return out
}

func (m *scoreModel) check(when string) {
	m.t.Helper()
	want := m.expected()
	for _, f := range m.films {
		got, err := m.s.FilmScores(context.Background(), f)
		if err != nil {
			m.t.Fatal(err)
		}
		w := want[f]
		w.FilmID = f
		if got != w {
			m.t.Fatalf("%s: film %d scores\n got %+v\nwant %+v", when, f, got, w)
		}
	}
}

// TestConcurrentWritesKeepScoresExact writes, edits and deletes reviews of
// two films by two users from several goroutines at once, and checks the
// incremental scores still equal a rebuild: on PostgreSQL this depends on
// the user-row lock every rescoring write takes.
func TestConcurrentWritesKeepScoresExact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1, 2)
		users := []store.UserID{mkUser(t, s, "c1", store.RoleCritic).ID, mkUser(t, s, "m1", store.RoleMember).ID}
		grades := []grade.Grade{mustGrade(t, "4/5"), mustGrade(t, "1/5"), mustGrade(t, "B"), {}}
		errs := make(chan error, 4)
		for w := range 4 {
			go func() {
				rnd := rand.New(rand.NewPCG(uint64(w), 9))
				var mine []store.Review
				for range 20 {
					user := users[rnd.IntN(2)]
					in := store.ReviewInput{FilmID: reel.FilmID(1 + rnd.IntN(2)), Body: "x", Grade: grades[rnd.IntN(len(grades))]}
					var err error
					switch op := rnd.IntN(3); {
					case op == 0 || len(mine) == 0:
						var r store.Review
						if r, err = s.CreateReview(ctx, user, in); err == nil {
							mine = append(mine, r)
						}
					case op == 1:
						r := mine[rnd.IntN(len(mine))]
						in.Visibility = []store.Visibility{store.Public, store.Private}[rnd.IntN(2)]
						_, err = s.UpdateReview(ctx, r.UserID, r.ID, in)
						if reel.ErrorCode(err) == reel.NotFound {
							err = nil
						}
					default:
						k := rnd.IntN(len(mine))
						err = s.DeleteReview(ctx, mine[k].UserID, mine[k].ID)
						mine = append(mine[:k], mine[k+1:]...)
					}
					if err != nil {
						errs <- err
						return
					}
				}
				errs <- nil
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		before := dumpScores(t, s)
		if _, err := s.RebuildAggregates(ctx); err != nil {
			t.Fatal(err)
		}
		if after := dumpScores(t, s); after != before {
			t.Fatalf("after concurrent writes, incremental\n%s\nrebuilt\n%s", before, after)
		}
	})
}
