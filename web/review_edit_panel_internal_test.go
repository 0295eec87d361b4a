package web

import (
	"context"
	"log/slog"
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
	if !strings.Contains(p.Unlinked, "still loading") || p.Empty != "" || p.Score.Verdict != "positive" {
		t.Errorf("panel during the build: %+v", p)
	}
	html, err := s.execute("review_edit", "desk-panel", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The catalog is still loading", "not checked without the catalog", "Not recognised without the catalog"} {
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

// TestPanelWithoutCatalog: a catalog that cannot be read leaves the panel
// scoring the text and saying why nothing is linked, and the next request
// tries the build again.
func TestPanelWithoutCatalog(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	s := newServer(st, Options{Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(func() { linkers.Delete(st) })
	st.Close() // every query fails from now on
	p := s.deskPanelFor(context.Background(), "A warm, funny and generous film.", 0, "", false)
	if !strings.Contains(p.Unlinked, "could not be read") || p.Score.Verdict == "" || p.Empty != "" {
		t.Errorf("panel without a catalog: %+v", p)
	}
	v, _ := linkers.Load(st)
	c := v.(*cachedLinker)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.first != nil || c.l != nil || c.err == nil {
		t.Errorf("after a failed build: first %v, linker %v, err %v; want a retry to start afresh", c.first, c.l, c.err)
	}
}
