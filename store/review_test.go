package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"reel"
	"reel/grade"
	"reel/store"
	"reel/store/storetest"
)

// mkFilms adds bare catalog rows for the given ids.
func mkFilms(t testing.TB, s *store.Store, ids ...reel.FilmID) {
	t.Helper()
	for _, id := range ids {
		_, err := s.DB().ExecContext(context.Background(), s.Rebind(
			"INSERT INTO films (id, type, title, original_title) VALUES (?, 'movie', ?, ?)"), id, "Film "+id.String(), "Film")
		if err != nil {
			t.Fatalf("add film %d: %v", id, err)
		}
	}
}

func mustGrade(t testing.TB, text string) grade.Grade {
	t.Helper()
	g, err := grade.Parse(text)
	if err != nil {
		t.Fatalf("grade %q: %v", text, err)
	}
	return g
}

func TestCreateReviewValidates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		member := mkUser(t, s, "member", store.RoleMember)
		critic := mkUser(t, s, "critic", store.RoleCritic)
		ok := store.ReviewInput{FilmID: 1, Body: "Fine."}
		with := func(f func(*store.ReviewInput)) store.ReviewInput { in := ok; f(&in); return in }
		tests := []struct {
			name   string
			author store.UserID
			in     store.ReviewInput
			want   reel.Code
		}{
			{"plain", member.ID, ok, ""},
			{"body at the limit", member.ID, with(func(in *store.ReviewInput) { in.Body = strings.Repeat("a", store.MaxBodyBytes) }), ""},
			{"body over the limit", member.ID, with(func(in *store.ReviewInput) { in.Body = strings.Repeat("a", store.MaxBodyBytes+1) }), reel.Invalid},
			{"unknown film", member.ID, with(func(in *store.ReviewInput) { in.FilmID = 2 }), reel.NotFound},
			{"unknown author", 9999, ok, reel.NotFound},
			{"bad visibility", member.ID, with(func(in *store.ReviewInput) { in.Visibility = "friends" }), reel.Invalid},
			{"bad verdict", member.ID, with(func(in *store.ReviewInput) { in.Verdict = "fresh" }), reel.Invalid},
			{"bad format", member.ID, with(func(in *store.ReviewInput) { in.Format = "rtf" }), reel.Invalid},
			{"bad date", member.ID, with(func(in *store.ReviewInput) { in.WatchedOn = "2024-02-30" }), reel.Invalid},
			{"future date", member.ID, with(func(in *store.ReviewInput) { in.WatchedOn = "2999-01-01" }), reel.Invalid},
			{"bad grade", member.ID, with(func(in *store.ReviewInput) { in.Grade = grade.Grade{Text: "x", Scale: "stars5", Value: 120} }), reel.Invalid},
			{"too many tags", member.ID, with(func(in *store.ReviewInput) {
				for i := range 31 {
					in.Tags = append(in.Tags, fmt.Sprint("t", i))
				}
			}), reel.Invalid},
			{"member pull quote", member.ID, with(func(in *store.ReviewInput) { in.PullQuote = "A triumph." }), reel.Invalid},
			{"critic pull quote", critic.ID, with(func(in *store.ReviewInput) {
				in.PullQuote, in.SourceURL = "A triumph.", "https://example.org/review"
			}), ""},
			{"critic bad URL", critic.ID, with(func(in *store.ReviewInput) { in.SourceURL = "javascript:alert(1)" }), reel.Invalid},
		}
		for _, tt := range tests {
			_, err := s.CreateReview(ctx, tt.author, tt.in)
			if reel.ErrorCode(err) != tt.want {
				t.Errorf("%s: %v, want code %q", tt.name, err, tt.want)
			}
		}
		_, err := s.CreateReview(ctx, member.ID, with(func(in *store.ReviewInput) { in.Body = strings.Repeat("a", store.MaxBodyBytes+1) }))
		if err == nil || !strings.Contains(err.Error(), "100 KB") {
			t.Errorf("over-long body error %q does not state the limit", err)
		}
	})
}

func TestReviewRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 10)
		u := mkUser(t, s, "writer", store.RoleMember)
		in := store.ReviewInput{
			FilmID: 10, Body: "A *fine* film. ||The dog dies.|| <script>alert(1)</script>",
			Grade: mustGrade(t, "★★★½"), Spoilers: true, Tags: []string{" Rewatch ", "cinema", "rewatch", "Big  Screen"},
			WatchedOn: "2024-03-01", Rewatch: true, Liked: true, Visibility: store.Unlisted,
		}
		r, err := s.CreateReview(ctx, u.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		g := r.Grade
		switch {
		case r.Author != "writer" || r.FilmID != 10 || r.Body != in.Body || r.Format != store.FormatMarkdown:
			t.Errorf("review fields %+v", r)
		case g == nil || g.Value != 70 || g.Scale != grade.ScaleStars5 || g.Text != "★★★½" || g.Source != store.GradeConverted:
			t.Errorf("grade %+v, want ★★★½ stars5 70 converted", g)
		case r.Verdict != grade.Positive || r.VerdictSaid:
			t.Errorf("verdict %q (stated %v), want positive derived from 70", r.Verdict, r.VerdictSaid)
		case strings.Join(r.Tags, "|") != "big screen|cinema|rewatch":
			t.Errorf("tags %q", r.Tags)
		case !r.Spoilers || !r.Rewatch || !r.Liked || r.WatchedOn != "2024-03-01" || r.Visibility != store.Unlisted:
			t.Errorf("flags %+v", r)
		case strings.Contains(r.HTML, "<script") || !strings.Contains(r.HTML, `<span class="spoiler">The dog dies.</span>`) || !strings.Contains(r.HTML, "<em>fine</em>"):
			t.Errorf("HTML %q", r.HTML)
		}

		// HTML bodies (imports) are sanitised, not rendered.
		h, err := s.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 10, Format: store.FormatHTML,
			Body: `<p onclick="x()">Old <b>review</b></p><img src=x onerror=alert(1)>`, Grade: mustGrade(t, "88/100"), Verdict: grade.Mixed})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(h.HTML, "onclick") || strings.Contains(h.HTML, "onerror") || !strings.Contains(h.HTML, "<b>review</b>") {
			t.Errorf("imported HTML %q", h.HTML)
		}
		if h.Grade.Source != store.GradeGiven || h.Verdict != grade.Mixed || !h.VerdictSaid {
			t.Errorf("grade %+v verdict %q: want given, stated mixed", h.Grade, h.Verdict)
		}
	})
}

func TestReviewVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		author := mkUser(t, s, "author", store.RoleMember)
		other := mkUser(t, s, "other", store.RoleMember)
		const anon store.UserID = 0
		ids := map[store.Visibility]store.ReviewID{}
		for _, v := range []store.Visibility{store.Public, store.Unlisted, store.Private} {
			r, err := s.CreateReview(ctx, author.ID, store.ReviewInput{FilmID: 1, Body: string(v), Visibility: v})
			if err != nil {
				t.Fatal(err)
			}
			ids[v] = r.ID
		}
		// Who can open each review by its id.
		for _, tt := range []struct {
			viewer store.UserID
			v      store.Visibility
			want   reel.Code
		}{
			{author.ID, store.Private, ""}, {other.ID, store.Private, reel.NotFound}, {anon, store.Private, reel.NotFound},
			{author.ID, store.Unlisted, ""}, {other.ID, store.Unlisted, ""}, {anon, store.Unlisted, ""},
			{other.ID, store.Public, ""}, {anon, store.Public, ""},
		} {
			_, err := s.Review(ctx, tt.viewer, ids[tt.v])
			if reel.ErrorCode(err) != tt.want {
				t.Errorf("viewer %d opening a %s review: %v, want code %q", tt.viewer, tt.v, err, tt.want)
			}
		}
		// What each listing shows to each viewer.
		bodies := func(p store.ReviewPage, err error) string {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range p.Reviews {
				out = append(out, r.Body)
			}
			return strings.Join(out, ",")
		}
		for _, tt := range []struct {
			what string
			got  string
			want string
		}{
			{"film, as author", bodies(s.ReviewsByFilm(ctx, author.ID, 1, store.Page{})), "private,unlisted,public"},
			{"film, as other", bodies(s.ReviewsByFilm(ctx, other.ID, 1, store.Page{})), "public"},
			{"film, signed out", bodies(s.ReviewsByFilm(ctx, anon, 1, store.Page{})), "public"},
			{"user, as author", bodies(s.ReviewsByUser(ctx, author.ID, author.ID, store.Page{})), "private,unlisted,public"},
			{"user, as other", bodies(s.ReviewsByUser(ctx, other.ID, author.ID, store.Page{})), "public"},
			{"latest", bodies(s.LatestReviews(ctx, store.Page{})), "public"},
		} {
			if tt.got != tt.want {
				t.Errorf("%s: %q, want %q", tt.what, tt.got, tt.want)
			}
		}
	})
}

func TestReviewUpdateDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1, 2)
		author := mkUser(t, s, "author", store.RoleMember)
		other := mkUser(t, s, "other", store.RoleMember)
		admin := mkUser(t, s, "admin", store.RoleAdmin)
		r, err := s.CreateReview(ctx, author.ID, store.ReviewInput{FilmID: 1, Body: "first", Tags: []string{"a"}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateReview(ctx, other.ID, r.ID, store.ReviewInput{Body: "hijack"})
		wantCode(t, err, reel.Unauthorized)
		_, err = s.UpdateReview(ctx, author.ID, 9999, store.ReviewInput{Body: "x"})
		wantCode(t, err, reel.NotFound)
		up, err := s.UpdateReview(ctx, author.ID, r.ID, store.ReviewInput{FilmID: 2, Body: "**second**", Tags: []string{"b"}, Visibility: store.Private})
		if err != nil {
			t.Fatal(err)
		}
		if up.FilmID != 1 || up.Body != "**second**" || up.HTML != "<p><strong>second</strong></p>\n" || strings.Join(up.Tags, ",") != "b" || up.Visibility != store.Private || !up.CreatedAt.Equal(r.CreatedAt) {
			t.Fatalf("updated review %+v", up)
		}
		wantCode(t, s.DeleteReview(ctx, other.ID, r.ID), reel.Unauthorized)
		if err := s.DeleteReview(ctx, admin.ID, r.ID); err != nil {
			t.Fatalf("admin delete: %v", err)
		}
		_, err = s.Review(ctx, author.ID, r.ID)
		wantCode(t, err, reel.NotFound)
		wantCode(t, s.DeleteReview(ctx, author.ID, r.ID), reel.NotFound)
	})
}

func TestReviewPagination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		u := mkUser(t, s, "prolific", store.RoleMember)
		const n = 25
		for i := range n {
			if _, err := s.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 1, Body: fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
		}
		var seen []string
		p := store.Page{Limit: 10}
		for pages := 0; ; pages++ {
			if pages > 3 {
				t.Fatal("pagination does not end")
			}
			page, err := s.ReviewsByFilm(ctx, 0, 1, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Reviews {
				seen = append(seen, r.Body)
			}
			if page.Next == "" {
				break
			}
			p.After = page.Next
		}
		if len(seen) != n {
			t.Fatalf("saw %d reviews over the pages, want %d: %v", len(seen), n, seen)
		}
		for i, b := range seen { // newest first; ids break ties within a millisecond
			if b != fmt.Sprint(n-1-i) {
				t.Fatalf("page order %v, want newest first", seen)
			}
		}
		for _, bad := range []string{"x", "~1", "12~x", "x~1"} {
			_, err := s.LatestReviews(ctx, store.Page{After: bad})
			wantCode(t, err, reel.Invalid)
		}
	})
}

func TestReviewsByTag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		u := mkUser(t, s, "tagger", store.RoleMember)
		for i, tags := range [][]string{{"noir"}, {"Noir", "rain"}, {"rain"}} {
			if _, err := s.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 1, Body: fmt.Sprint(i), Tags: tags}); err != nil {
				t.Fatal(err)
			}
		}
		p, err := s.ReviewsByTag(ctx, 0, "NOIR", store.Page{})
		if err != nil || len(p.Reviews) != 2 || p.Reviews[0].Body != "1" || p.Reviews[1].Body != "0" {
			t.Fatalf("ReviewsByTag(noir) = %+v, %v", p.Reviews, err)
		}
	})
}

func TestInferredGrade(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		u := mkUser(t, s, "critic", store.RoleCritic)
		graded, _ := s.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 1, Body: "x", Grade: mustGrade(t, "B+")})
		wantCode(t, s.SetInferredGrade(ctx, graded.ID, mustGrade(t, "C")), reel.Conflict)

		plain, _ := s.CreateReview(ctx, u.ID, store.ReviewInput{FilmID: 1, Body: "A minor work."})
		if plain.Grade != nil || plain.Verdict != "" {
			t.Fatalf("ungraded review has grade %+v verdict %q", plain.Grade, plain.Verdict)
		}
		if err := s.SetInferredGrade(ctx, plain.ID, mustGrade(t, "minor work")); err != nil {
			t.Fatal(err)
		}
		if err := s.SetInferredGrade(ctx, plain.ID, mustGrade(t, "C")); err != nil {
			t.Fatalf("re-inferring: %v", err)
		}
		got, _ := s.Review(ctx, u.ID, plain.ID)
		if got.Grade == nil || got.Grade.Source != store.GradeInferred || got.Grade.Value != 50 || got.Verdict != grade.Mixed {
			t.Fatalf("after inference: grade %+v verdict %q", got.Grade, got.Verdict)
		}
		// Editing without a grade keeps the inferred one; giving one replaces it.
		got, err := s.UpdateReview(ctx, u.ID, plain.ID, store.ReviewInput{Body: "A minor work, edited."})
		if err != nil || got.Grade == nil || got.Grade.Source != store.GradeInferred {
			t.Fatalf("edit kept grade %+v, %v", got.Grade, err)
		}
		got, _ = s.UpdateReview(ctx, u.ID, plain.ID, store.ReviewInput{Body: "x", Grade: mustGrade(t, "4/5")})
		if got.Grade.Source != store.GradeConverted || got.Grade.Value != 80 {
			t.Fatalf("author grade after inferred: %+v", got.Grade)
		}
		wantCode(t, s.SetInferredGrade(ctx, plain.ID, mustGrade(t, "C")), reel.Conflict)
		wantCode(t, s.SetInferredGrade(ctx, 9999, mustGrade(t, "C")), reel.NotFound)
	})
}
