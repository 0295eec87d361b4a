// Package web serves reel's website and JSON API over HTTP.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"reel"
	"reel/store"
)

// Options configure the handler.
type Options struct {
	Logger *slog.Logger
}

// Server holds what handlers need.
type Server struct {
	store   *store.Store
	logger  *slog.Logger
	mux     *http.ServeMux
	assets  *assets
	pages   pages
	popular *popularCache
}

// New returns the handler for the whole site. It panics when the embedded
// templates or static files are broken: that is a build defect, better
// found at boot than by the first visitor.
func New(st *store.Store, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Server{store: st, logger: opts.Logger, mux: http.NewServeMux()}
	var err error
	if s.assets, err = loadAssets(staticFiles); err != nil {
		panic(err)
	}
	if s.pages, err = parsePages(templateFiles, s.templateFuncs()); err != nil {
		panic(err)
	}
	s.popular = &popularCache{ttl: time.Minute, load: func(ctx context.Context) ([]store.ListedFilm, error) {
		return st.PopularFilms(ctx, popularCount)
	}}
	s.routes()
	return s.middleware(s.mux)
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.handleHome)
	s.mux.HandleFunc("GET /films/{id}", s.handleFilm)
	s.mux.HandleFunc("GET /people/{id}", s.handlePerson)
	s.mux.HandleFunc("GET /search", s.handleSearch)
	s.mux.HandleFunc("GET /static/", s.serveStatic)
	s.mux.HandleFunc("/", s.handleNotFound)
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /api/v1/search", s.apiSearch)
	s.mux.HandleFunc("GET /api/v1/films/{id}", s.apiFilm)
	s.mux.HandleFunc("GET /api/v1/people/{id}", s.apiPerson)
	s.mux.HandleFunc("POST /api/v1/analyze", s.apiAnalyze)
	s.mux.HandleFunc("/api/", s.apiNotFound)
}

// handleNotFound answers every path no route claims with the site's 404 page.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, reel.Errorf(reel.NotFound, "There is no page at %s.", r.URL.Path))
}

// apiNotFound keeps unknown API paths in the API's JSON error shape.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.apiFail(w, r, reel.Errorf(reel.NotFound, "no API endpoint %s %s", r.Method, r.URL.Path))
}

// middleware wraps every response: security headers, panic recovery, a
// request size bound and one log line per request.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		defer func() {
			if v := recover(); v != nil {
				s.logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
		s.logger.Debug("request", "method", r.Method, "path", r.URL.Path, "dur", time.Since(start))
	})
}

// maxBodyBytes bounds request bodies; uploads that need more raise it per route.
const maxBodyBytes = 1 << 20

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.store.DB().PingContext(r.Context()); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
