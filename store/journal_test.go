package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"reel"
	"reel/store"
	"reel/store/storetest"
)

func TestDiary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1, 2)
		u := mkUser(t, s, "diarist", store.RoleMember)
		other := mkUser(t, s, "other", store.RoleMember)
		first, err := s.LogFilm(ctx, u.ID, store.DiaryInput{FilmID: 1, WatchedOn: "2023-05-01", Grade: mustGrade(t, "4/5")})
		if err != nil {
			t.Fatal(err)
		}
		if first.Grade == nil || first.Grade.Value != 80 || first.WatchedOn != "2023-05-01" || first.Rewatch {
			t.Fatalf("logged %+v", first)
		}
		// Rewatches are more entries; dates are editable.
		priv := review(t, s, u.ID, store.ReviewInput{FilmID: 1, Body: "notes", Visibility: store.Private})
		second, err := s.LogFilm(ctx, u.ID, store.DiaryInput{FilmID: 1, WatchedOn: "2024-01-10", Rewatch: true, ReviewID: priv.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogFilm(ctx, u.ID, store.DiaryInput{FilmID: 2, WatchedOn: "2023-12-31", Liked: true}); err != nil {
			t.Fatal(err)
		}
		moved, err := s.UpdateDiaryEntry(ctx, u.ID, first.ID, store.DiaryInput{FilmID: 1, WatchedOn: "2022-02-02", Grade: mustGrade(t, "4/5")})
		if err != nil || moved.WatchedOn != "2022-02-02" {
			t.Fatalf("edit date: %+v, %v", moved, err)
		}
		viewings, err := s.FilmDiary(ctx, u.ID, u.ID, 1)
		if err != nil || len(viewings) != 2 || viewings[0].ID != first.ID || !viewings[1].Rewatch || viewings[1].ReviewID != priv.ID {
			t.Fatalf("FilmDiary = %+v, %v", viewings, err)
		}
		// The link to a private review is the writer's alone.
		if e, _ := s.DiaryEntry(ctx, other.ID, second.ID); e.ReviewID != 0 {
			t.Fatalf("another user sees the link to a private review: %+v", e)
		}

		var dates []string
		p := store.Page{Limit: 2}
		for {
			page, err := s.Diary(ctx, 0, u.ID, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page.Entries {
				dates = append(dates, e.WatchedOn)
			}
			if page.Next == "" {
				break
			}
			p.After = page.Next
		}
		if strings.Join(dates, ",") != "2024-01-10,2023-12-31,2022-02-02" {
			t.Fatalf("diary pages: %v", dates)
		}

		for _, tt := range []struct {
			name string
			user store.UserID
			in   store.DiaryInput
			want reel.Code
		}{
			{"no date", u.ID, store.DiaryInput{FilmID: 1}, reel.Invalid},
			{"bad date", u.ID, store.DiaryInput{FilmID: 1, WatchedOn: "01/02/2023"}, reel.Invalid},
			{"unknown film", u.ID, store.DiaryInput{FilmID: 3, WatchedOn: "2023-01-01"}, reel.NotFound},
			{"review of another film", u.ID, store.DiaryInput{FilmID: 2, WatchedOn: "2023-01-01", ReviewID: priv.ID}, reel.Invalid},
			{"another's review", other.ID, store.DiaryInput{FilmID: 1, WatchedOn: "2023-01-01", ReviewID: priv.ID}, reel.Invalid},
		} {
			_, err := s.LogFilm(ctx, tt.user, tt.in)
			if reel.ErrorCode(err) != tt.want {
				t.Errorf("%s: %v, want code %q", tt.name, err, tt.want)
			}
		}
		_, err = s.UpdateDiaryEntry(ctx, other.ID, first.ID, store.DiaryInput{FilmID: 1, WatchedOn: "2022-02-02"})
		wantCode(t, err, reel.Unauthorized)
		wantCode(t, s.DeleteDiaryEntry(ctx, other.ID, first.ID), reel.Unauthorized)
		if err := s.DeleteDiaryEntry(ctx, u.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.DiaryEntry(ctx, u.ID, first.ID)
		wantCode(t, err, reel.NotFound)

		// Deleting the linked review keeps the entry, unlinked.
		if err := s.DeleteReview(ctx, u.ID, priv.ID); err != nil {
			t.Fatal(err)
		}
		if e, err := s.DiaryEntry(ctx, u.ID, second.ID); err != nil || e.ReviewID != 0 {
			t.Fatalf("entry after its review was deleted: %+v, %v", e, err)
		}
	})
}

func TestWatchlist(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1, 2, 3)
		u := mkUser(t, s, "planner", store.RoleMember)
		for _, f := range []reel.FilmID{1, 2, 3, 2} {
			if err := s.AddToWatchlist(ctx, u.ID, f); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, s.AddToWatchlist(ctx, u.ID, 99), reel.NotFound)
		films := func() string {
			t.Helper()
			w, err := s.Watchlist(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, it := range w {
				out = append(out, fmt.Sprint(int64(it.FilmID)))
			}
			return strings.Join(out, ",")
		}
		if got := films(); got != "3,2,1" && !sameSet(got, "1,2,3") {
			t.Fatalf("watchlist %s", got)
		}
		// Logging a film takes it off...
		if _, err := s.LogFilm(ctx, u.ID, store.DiaryInput{FilmID: 2, WatchedOn: "2024-01-01"}); err != nil {
			t.Fatal(err)
		}
		if got := films(); !sameSet(got, "1,3") {
			t.Fatalf("after logging film 2: %s", got)
		}
		// ...unless the user keeps watched films there.
		if err := s.SetKeepWatchlist(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogFilm(ctx, u.ID, store.DiaryInput{FilmID: 3, WatchedOn: "2024-01-02"}); err != nil {
			t.Fatal(err)
		}
		if got := films(); !sameSet(got, "1,3") {
			t.Fatalf("after logging film 3 with keep on: %s", got)
		}
		if err := s.RemoveFromWatchlist(ctx, u.ID, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveFromWatchlist(ctx, u.ID, 1); err != nil {
			t.Fatalf("removing twice: %v", err)
		}
		if got := films(); got != "3" {
			t.Fatalf("after removing film 1: %s", got)
		}
	})
}

// sameSet compares comma-separated lists ignoring order (films added within
// one millisecond tie on their date).
func sameSet(a, b string) bool {
	as, bs := strings.Split(a, ","), strings.Split(b, ",")
	if len(as) != len(bs) {
		return false
	}
	seen := map[string]int{}
	for _, x := range as {
		seen[x]++
	}
	for _, x := range bs {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1, 2, 3, 4)
		owner := mkUser(t, s, "curator", store.RoleMember)
		viewer := mkUser(t, s, "viewer", store.RoleMember)
		l, err := s.CreateList(ctx, owner.ID, store.ListInput{Name: " Top four ", Ranked: true},
			[]store.EntryInput{{FilmID: 3, Note: "the best"}, {FilmID: 1}, {FilmID: 4}})
		if err != nil {
			t.Fatal(err)
		}
		if l.Name != "Top four" || !l.Ranked || l.Count != 3 || l.Seen != 0 || entryFilms(l) != "3,1,4" || l.Entries[0].Note != "the best" {
			t.Fatalf("created %+v", l)
		}
		if err := s.AddListEntry(ctx, owner.ID, l.ID, store.EntryInput{FilmID: 2}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.AddListEntry(ctx, owner.ID, l.ID, store.EntryInput{FilmID: 2}), reel.Conflict)
		wantCode(t, s.AddListEntry(ctx, viewer.ID, l.ID, store.EntryInput{FilmID: 2}), reel.Unauthorized)
		wantCode(t, s.AddListEntry(ctx, owner.ID, l.ID, store.EntryInput{FilmID: 99}), reel.NotFound)
		if err := s.RemoveListEntry(ctx, owner.ID, l.ID, 1); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.RemoveListEntry(ctx, owner.ID, l.ID, 1), reel.NotFound)

		// Progress for a viewer who logged one film and reviewed another.
		if _, err := s.LogFilm(ctx, viewer.ID, store.DiaryInput{FilmID: 3, WatchedOn: "2024-01-01"}); err != nil {
			t.Fatal(err)
		}
		review(t, s, viewer.ID, store.ReviewInput{FilmID: 2, Body: "x"})
		d, err := s.List(ctx, viewer.ID, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if entryFilms(d) != "3,4,2" || d.Count != 3 || d.Seen != 2 || !d.Entries[0].Seen || d.Entries[1].Seen || d.Entries[2].Position != 3 {
			t.Fatalf("list for viewer: %+v (seen %d of %d)", d.Entries, d.Seen, d.Count)
		}
		// Reorder by sending the new order.
		if err := s.SetListEntries(ctx, owner.ID, l.ID, []store.EntryInput{{FilmID: 2}, {FilmID: 3}}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SetListEntries(ctx, owner.ID, l.ID, []store.EntryInput{{FilmID: 2}, {FilmID: 2}}), reel.Invalid)
		if d, _ := s.List(ctx, 0, l.ID); entryFilms(d) != "2,3" || d.Seen != 0 {
			t.Fatalf("after reorder, signed out: %+v", d)
		}

		// Private lists are the owner's alone.
		if err := s.UpdateList(ctx, owner.ID, l.ID, store.ListInput{Name: "Mine", Visibility: store.Private}); err != nil {
			t.Fatal(err)
		}
		_, err = s.List(ctx, viewer.ID, l.ID)
		wantCode(t, err, reel.NotFound)
		if ls, _ := s.ListsByUser(ctx, viewer.ID, owner.ID); len(ls) != 0 {
			t.Fatalf("viewer sees private lists %+v", ls)
		}
		if ls, _ := s.ListsByUser(ctx, owner.ID, owner.ID); len(ls) != 1 || ls[0].Name != "Mine" {
			t.Fatalf("owner's lists %+v", ls)
		}
		wantCode(t, s.UpdateList(ctx, owner.ID, l.ID, store.ListInput{Name: ""}), reel.Invalid)
		wantCode(t, s.DeleteList(ctx, viewer.ID, l.ID), reel.Unauthorized)
		if err := s.DeleteList(ctx, owner.ID, l.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.List(ctx, owner.ID, l.ID)
		wantCode(t, err, reel.NotFound)
	})
}

func entryFilms(d store.ListDetail) string {
	var out []string
	for _, e := range d.Entries {
		out = append(out, fmt.Sprint(int64(e.FilmID)))
	}
	return strings.Join(out, ",")
}

func TestLikesAndFollows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mkFilms(t, s, 1)
		a := mkUser(t, s, "ann", store.RoleMember)
		b := mkUser(t, s, "ben", store.RoleMember)
		c := mkUser(t, s, "cid", store.RoleMember)
		pub := review(t, s, a.ID, store.ReviewInput{FilmID: 1, Body: "public"})
		priv := review(t, s, a.ID, store.ReviewInput{FilmID: 1, Body: "private", Visibility: store.Private})
		l, _ := s.CreateList(ctx, a.ID, store.ListInput{Name: "l"}, nil)

		for _, tt := range []struct {
			user   store.UserID
			kind   store.LikeKind
			target int64
			want   reel.Code
		}{
			{b.ID, store.LikeFilm, 1, ""}, {c.ID, store.LikeFilm, 1, ""}, {b.ID, store.LikeFilm, 1, ""},
			{b.ID, store.LikeReview, int64(pub.ID), ""}, {b.ID, store.LikeList, int64(l.ID), ""},
			{b.ID, store.LikeReview, int64(priv.ID), reel.NotFound}, // cannot see it
			{b.ID, store.LikeFilm, 2, reel.NotFound}, {b.ID, "person", 1, reel.Invalid},
		} {
			err := s.Like(ctx, tt.user, tt.kind, tt.target)
			if reel.ErrorCode(err) != tt.want {
				t.Errorf("user %d likes %s %d: %v, want code %q", tt.user, tt.kind, tt.target, err, tt.want)
			}
		}
		if n, mine, err := s.Likes(ctx, b.ID, store.LikeFilm, 1); err != nil || n != 2 || !mine {
			t.Fatalf("film likes %d (mine %v), %v; want 2, true", n, mine, err)
		}
		if err := s.Unlike(ctx, b.ID, store.LikeFilm, 1); err != nil {
			t.Fatal(err)
		}
		if n, mine, _ := s.Likes(ctx, b.ID, store.LikeFilm, 1); n != 1 || mine {
			t.Fatalf("after unlike: %d, %v", n, mine)
		}
		// Deleting a review or list deletes its likes.
		if err := s.DeleteReview(ctx, a.ID, pub.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteList(ctx, a.ID, l.ID); err != nil {
			t.Fatal(err)
		}
		for _, k := range []struct {
			kind store.LikeKind
			id   int64
		}{{store.LikeReview, int64(pub.ID)}, {store.LikeList, int64(l.ID)}} {
			if n, _, _ := s.Likes(ctx, 0, k.kind, k.id); n != 0 {
				t.Errorf("%s %d deleted but keeps %d likes", k.kind, k.id, n)
			}
		}

		for _, f := range [][2]store.UserID{{b.ID, a.ID}, {c.ID, a.ID}, {c.ID, a.ID}, {a.ID, c.ID}} {
			if err := s.Follow(ctx, f[0], f[1]); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, s.Follow(ctx, a.ID, a.ID), reel.Invalid)
		wantCode(t, s.Follow(ctx, a.ID, 9999), reel.NotFound)
		names := func(us []store.User, err error) string {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range us {
				out = append(out, u.Name)
			}
			return strings.Join(out, ",")
		}
		if got := names(s.Followers(ctx, a.ID)); got != "ben,cid" {
			t.Fatalf("followers of ann: %s", got)
		}
		if got := names(s.Following(ctx, a.ID)); got != "cid" {
			t.Fatalf("ann follows: %s", got)
		}
		if err := s.Unfollow(ctx, b.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(s.Followers(ctx, a.ID)); got != "cid" {
			t.Fatalf("followers after unfollow: %s", got)
		}
	})
}
