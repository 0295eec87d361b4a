package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"reel/linker"
	"reel/store"
	"reel/store/storetest"
)

// TestPanelWhileCatalogLoads: while the catalog's first build runs, the
// editor's panel does not wait for it past panelLinkerWait: it scores the
// text and says names are not linked yet. The API waits, and gets the
// linker once the build ends.
func TestPanelWhileCatalogLoads(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	s := newServer(st, Options{})
	ctx := context.Background()
	first := make(chan struct{})
	c := &cachedLinker{first: first} // a first build in flight
	linkers.Store(st, c)
	t.Cleanup(func() { linkers.Delete(st) })

	if _, err := linkerWithin(ctx, st, 10*time.Millisecond); err != errCatalogLoading {
		t.Fatalf("during the build: err = %v, want errCatalogLoading", err)
	}
	defer func(d time.Duration) { panelLinkerWait = d }(panelLinkerWait)
	panelLinkerWait = 10 * time.Millisecond
	p := s.deskPanelFor(ctx, "A warm, funny and generous film, the best of the year.", 0, "", false)
	if !p.Loading || p.Empty != "" || p.Score.Verdict != "positive" {
		t.Errorf("panel during the build: %+v", p)
	}
	html, err := s.execute("review_edit", "desk-panel", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The catalog is still loading", "checked once the catalog has loaded", "Not recognised yet"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("panel lacks %q:\n%s", want, html)
		}
	}

	// The build ends: a waiting caller gets its linker.
	l, err := linker.Build(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(20 * time.Millisecond)
		c.mu.Lock()
		c.l, c.built, c.first = l, time.Now(), nil
		c.mu.Unlock()
		close(first)
	}()
	got, err := catalogLinker(ctx, st)
	if err != nil || got != l {
		t.Errorf("after the build: %p, %v; want %p", got, err, l)
	}
}
