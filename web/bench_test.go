package web_test

import (
	"net/http/httptest"
	"testing"

	"reel/store"
	"reel/web"
)

// The page benchmarks render through the whole handler (middleware, store,
// templates) on the demo catalog, without the network; bench/web.sh measures
// over HTTP against a ceiling.
func benchPage(b *testing.B, path string) {
	h := web.New(demoStore(b, store.SQLite), web.Options{})
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
}

func BenchmarkHome(b *testing.B)   { benchPage(b, "/") }
func BenchmarkFilm(b *testing.B)   { benchPage(b, "/films/tt8291806") }
func BenchmarkPerson(b *testing.B) { benchPage(b, "/people/nm0000264") }
func BenchmarkSearch(b *testing.B) { benchPage(b, "/search?q=almodovar") }

// BenchmarkFilmUncached renders the film page with caching off: every
// request reads the film, its credits and scores and renders every part.
func BenchmarkFilmUncached(b *testing.B) {
	h := web.New(demoStore(b, store.SQLite), web.Options{CacheTTL: -1})
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/films/tt8291806", nil))
	}
}

// BenchmarkFilmParallel asks for the film page from 64 goroutines at once,
// as the HTTP benchmark's connections do.
func BenchmarkFilmParallel(b *testing.B) {
	h := web.New(demoStore(b, store.SQLite), web.Options{})
	b.SetParallelism(32)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/films/tt8291806", nil))
			if rec.Code != 200 {
				b.Errorf("%d", rec.Code)
				return
			}
		}
	})
}
