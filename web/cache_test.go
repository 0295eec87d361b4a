package web

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"reel/store"
	"reel/store/storetest"
)

func TestLRU(t *testing.T) {
	c := newLRU[string, int](2, time.Hour)
	c.put("a", 1)
	c.put("b", 2)
	if v, st := c.get("a"); st != fresh || v != 1 { // a is now the most recent
		t.Fatalf("get a = %d, %v", v, st)
	}
	c.put("c", 3) // evicts b, the least recently used
	if _, st := c.get("b"); st != miss {
		t.Error("b survived eviction")
	}
	if v, st := c.get("a"); st != fresh || v != 1 {
		t.Errorf("a evicted instead of b")
	}
	c.put("a", 10)
	if v, _ := c.get("a"); v != 10 || c.order.Len() != 2 {
		t.Errorf("replacing a: %d, %d entries", v, c.order.Len())
	}
}

// TestLRUStale: past its time an entry is served stale, the first caller
// claims the reload, and past twice the ttl it is gone.
func TestLRUStale(t *testing.T) {
	const ttl = 200 * time.Millisecond
	c := newLRU[string, int](10, ttl)
	c.put("a", 1)
	if e := c.items["a"].Value.(*lruEntry[string, int]); time.Until(e.exp) < ttl/2-time.Millisecond || time.Until(e.exp) > ttl {
		t.Errorf("fresh for %v, want between %v and %v", time.Until(e.exp), ttl/2, ttl)
	}
	time.Sleep(ttl + 5*time.Millisecond)
	if v, st := c.get("a"); st != claim || v != 1 {
		t.Fatalf("first get after expiry: %d, %v, want 1, claim", v, st)
	}
	if _, st := c.get("a"); st != stale {
		t.Errorf("second get after expiry: %v, want stale", st)
	}
	c.release("a")
	if _, st := c.get("a"); st != claim {
		t.Errorf("after a failed reload: %v, want claim again", st)
	}
	time.Sleep(ttl)
	if _, st := c.get("a"); st != miss || len(c.items) != 0 {
		t.Errorf("after twice the ttl: %v, %d items, want a miss and nothing kept", st, len(c.items))
	}
}

func TestLRUDisabled(t *testing.T) {
	c := newLRU[string, int](10, -1)
	c.put("a", 1)
	if _, st := c.get("a"); st != miss {
		t.Error("disabled cache returned a value")
	}
}

func TestCached(t *testing.T) {
	ctx := context.Background()
	c := newLRU[int, string](10, time.Hour)
	loads := 0
	load := func(context.Context) (string, error) { loads++; return "v", nil }
	for range 3 {
		if v, err := cached(ctx, c, 1, load); v != "v" || err != nil {
			t.Fatalf("cached = %q, %v", v, err)
		}
	}
	if loads != 1 {
		t.Errorf("%d loads for three gets, want 1", loads)
	}
	boom := errors.New("boom")
	if _, err := cached(ctx, c, 2, func(context.Context) (string, error) { return "", boom }); err != boom {
		t.Fatalf("error not passed on: %v", err)
	}
	if _, st := c.get(2); st != miss {
		t.Error("a failed load was cached")
	}
}

// TestCachedRefreshes: a stale value is returned at once and replaced in
// the background, by a load whose context outlives the request's.
func TestCachedRefreshes(t *testing.T) {
	const ttl = 200 * time.Millisecond
	c := newLRU[int, string](10, ttl)
	c.put(1, "old")
	time.Sleep(ttl + 5*time.Millisecond)
	reqCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	v, err := cached(reqCtx, c, 1, func(ctx context.Context) (string, error) {
		time.Sleep(5 * time.Millisecond)
		done <- ctx.Err()
		return "new", nil
	})
	cancel() // the request ends before the reload does
	if v != "old" || err != nil {
		t.Fatalf("stale get = %q, %v, want the old value at once", v, err)
	}
	if err := <-done; err != nil {
		t.Errorf("reload ran with a cancelled context: %v", err)
	}
	time.Sleep(5 * time.Millisecond)
	if v, st := c.get(1); v != "new" || st != fresh {
		t.Errorf("after the reload: %q, %v", v, st)
	}
}

// TestForgetFilm: a film page shows new scores at once after forgetFilm,
// as review writes will do, and not before.
func TestForgetFilm(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	if _, err := st.DB().Exec(`INSERT INTO films (id, type, title, original_title) VALUES (8291806, 'movie', 'Pain and Glory', 'Dolor y gloria')`); err != nil {
		t.Fatal(err)
	}
	s := newServer(st, Options{})
	get := func() string {
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, httptest.NewRequest("GET", "/films/tt8291806", nil))
		return rec.Body.String()
	}
	get()
	for _, q := range []string{"DELETE FROM film_scores WHERE film_id = 8291806",
		"INSERT INTO film_scores VALUES (8291806, 'members', 1, 1000, 1, 0, 0, 0,0,0,0,0,0,0,0,0,0,1)"} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	const newScore = `<span class="score__value">5.0</span>`
	if strings.Contains(get(), newScore) {
		t.Fatal("the cached page already shows the new score")
	}
	s.forgetFilm(8291806)
	if !strings.Contains(get(), newScore) {
		t.Error("after forgetFilm the page still shows the old score")
	}
}
