package web

import (
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
	if v, ok := c.get("a"); !ok || v != 1 { // a is now the most recent
		t.Fatalf("get a = %d, %v", v, ok)
	}
	c.put("c", 3) // evicts b, the least recently used
	if _, ok := c.get("b"); ok {
		t.Error("b survived eviction")
	}
	if v, ok := c.get("a"); !ok || v != 1 {
		t.Errorf("a evicted instead of b")
	}
	c.put("a", 10)
	if v, _ := c.get("a"); v != 10 || c.order.Len() != 2 {
		t.Errorf("replacing a: %d, %d entries", v, c.order.Len())
	}
}

func TestLRUExpires(t *testing.T) {
	c := newLRU[string, int](10, 20*time.Millisecond)
	c.put("a", 1)
	time.Sleep(30 * time.Millisecond)
	if _, ok := c.get("a"); ok {
		t.Error("entry outlived its ttl")
	}
	if len(c.items) != 0 {
		t.Errorf("expired entry kept: %d items", len(c.items))
	}
}

func TestLRUDisabled(t *testing.T) {
	c := newLRU[string, int](10, -1)
	c.put("a", 1)
	if _, ok := c.get("a"); ok {
		t.Error("disabled cache returned a value")
	}
}

func TestCached(t *testing.T) {
	c := newLRU[int, string](10, time.Hour)
	loads := 0
	load := func() (string, error) { loads++; return "v", nil }
	for range 3 {
		if v, err := cached(c, 1, load); v != "v" || err != nil {
			t.Fatalf("cached = %q, %v", v, err)
		}
	}
	if loads != 1 {
		t.Errorf("%d loads for three gets, want 1", loads)
	}
	boom := errors.New("boom")
	if _, err := cached(c, 2, func() (string, error) { return "", boom }); err != boom {
		t.Fatalf("error not passed on: %v", err)
	}
	if _, ok := c.get(2); ok {
		t.Error("a failed load was cached")
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
