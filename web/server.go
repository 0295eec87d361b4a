// Package web serves reel's website and JSON API over HTTP.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"reel"
	"reel/store"
)

// Options configure the handler.
type Options struct {
	Logger *slog.Logger
	// CacheTTL is how long catalog pages, fragments and search results are
	// served from memory: 0 means a minute, a negative value turns caching
	// off. Pages that show review data (scores) live at most liveTTL.
	CacheTTL time.Duration
}

// Cache sizes: enough for the pages a busy site serves often, a few tens of
// megabytes at most.
const (
	pageCacheSize = 1024
	filmCacheSize = 4096
	liveCacheSize = 2048
)

// liveTTL bounds how stale review data (scores, and later review lists) may
// be on a cached page. The web layer's own review writes forget the film's
// page at once (forgetFilm); the bound covers writes made elsewhere, such as
// another reel serve behind the same PostgreSQL or the CLI.
const liveTTL = 10 * time.Second

// Server holds what handlers need.
type Server struct {
	store  *store.Store
	logger *slog.Logger
	mux    *http.ServeMux
	assets *assets
	pages  pages

	pageCache *lru[string, []byte]            // whole catalog pages, by path or query
	filmCache *lru[reel.FilmID, *filmCatalog] // rendered catalog parts of film pages
	liveCache *lru[reel.FilmID, []byte]       // whole film pages, catalog and scores

	apiPatterns []string // every route registered with s.api, for the OpenAPI check
}

// New returns the handler for the whole site. It panics when the embedded
// templates or static files are broken: that is a build defect, better
// found at boot than by the first visitor.
func New(st *store.Store, opts Options) http.Handler {
	s := newServer(st, opts)
	// Cross-origin state changes are refused before any handler runs (CSRF):
	// browsers send Sec-Fetch-Site or Origin on every POST.
	csrf := http.NewCrossOriginProtection()
	return s.middleware(csrf.Handler(s.withViewer(s.mux)))
}

func newServer(st *store.Store, opts Options) *Server {
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
	ttl := opts.CacheTTL
	if ttl == 0 {
		ttl = time.Minute
	}
	s.pageCache = newLRU[string, []byte](pageCacheSize, ttl)
	s.filmCache = newLRU[reel.FilmID, *filmCatalog](filmCacheSize, ttl)
	s.liveCache = newLRU[reel.FilmID, []byte](liveCacheSize, min(ttl, liveTTL))
	s.routes()
	return s
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.handleHome)
	s.mux.HandleFunc("GET /films/{id}", s.handleFilm)
	s.mux.HandleFunc("GET /people/{id}", s.handlePerson)
	s.mux.HandleFunc("GET /search", s.handleSearch)
	// Accounts: auth*.go, settings.go, admin.go. Each handler checks who may
	// use it; web/authz_test.go walks them all as every role.
	acc := newAccounts(s)
	s.mux.HandleFunc("GET /login", acc.loginForm)
	s.mux.HandleFunc("POST /login", acc.login)
	s.mux.HandleFunc("POST /logout", acc.logout)
	s.mux.HandleFunc("GET /signup", acc.signupForm)
	s.mux.HandleFunc("POST /signup", acc.signup)
	s.mux.HandleFunc("GET /settings", acc.settings)
	s.mux.HandleFunc("POST /settings/profile", acc.saveProfile)
	s.mux.HandleFunc("POST /settings/password", acc.changePassword)
	s.mux.HandleFunc("POST /settings/tokens", acc.createToken)
	s.mux.HandleFunc("POST /settings/tokens/{id}/revoke", acc.revokeToken)
	s.mux.HandleFunc("GET /admin", acc.adminHome)
	s.mux.HandleFunc("POST /admin/signup", acc.setSignup)
	s.mux.HandleFunc("POST /admin/users/{name}/role", acc.setRole)
	s.mux.HandleFunc("POST /admin/users/{name}/critic", acc.setCritic)
	// Reviews and the journal: review*.go, profile*.go, diary.go, lists.go, stats.go, feed.go.
	s.mux.HandleFunc("GET /reviews/new", s.handleNewReview)
	s.mux.HandleFunc("POST /reviews/new", s.handleCreateReview)
	s.mux.HandleFunc("GET /reviews/{id}", s.handleReview)
	s.mux.HandleFunc("GET /reviews/{id}/edit", s.handleEditReview)
	s.mux.HandleFunc("POST /reviews/{id}/edit", s.handleUpdateReview)
	s.mux.HandleFunc("POST /reviews/{id}/delete", s.handleDeleteReview)
	s.mux.HandleFunc("POST /reviews/{id}/like", s.handleLikeReview)
	// The editor's copy desk panel (review_edit_panel.go).
	s.mux.HandleFunc("POST /reviews/analyze", s.handleDeskPanel)
	s.importRoutes() // GET/POST /import (importpage.go)
	s.api("GET /api/v1/grade", s.apiGrade)
	s.mux.HandleFunc("GET /u/{name}", s.handleProfile)
	s.mux.HandleFunc("GET /u/{name}/diary", s.handleDiary)
	s.mux.HandleFunc("GET /u/{name}/watchlist", s.handleWatchlist)
	s.mux.HandleFunc("GET /u/{name}/lists", s.handleLists)
	s.mux.HandleFunc("GET /u/{name}/feed.atom", s.handleUserFeed)
	s.mux.HandleFunc("GET /u/{name}/stats", s.handleStats)
	s.mux.HandleFunc("GET /u/{name}/year/{year}", s.handleYear)
	s.mux.HandleFunc("GET /lists/{id}", s.handleList)
	s.mux.HandleFunc("GET /films/{id}/feed.atom", s.handleFilmFeed)
	s.mux.HandleFunc("GET /static/", s.serveStatic)
	s.mux.HandleFunc("/", s.handleNotFound)
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.api("GET /api/v1/openapi.json", s.apiOpenAPI)
	s.api("GET /api/v1/search", s.apiSearch)
	s.api("GET /api/v1/films/{id}", s.apiFilm)
	s.api("GET /api/v1/films/{id}/scores", s.apiFilmScores)
	s.api("GET /api/v1/films/{id}/reviews", s.apiFilmReviews)
	s.api("GET /api/v1/people/{id}", s.apiPerson)
	s.api("POST /api/v1/analyze", s.apiAnalyze)
	s.api("GET /api/v1/reviews", s.apiReviews)
	s.api("POST /api/v1/reviews", s.apiCreateReview)
	s.api("GET /api/v1/reviews/{id}", s.apiReview)
	s.api("PATCH /api/v1/reviews/{id}", s.apiPatchReview)
	s.api("DELETE /api/v1/reviews/{id}", s.apiDeleteReview)
	s.api("GET /api/v1/me", s.apiMe)
	s.api("GET /api/v1/users/{name}", s.apiUser)
	s.api("GET /api/v1/users/{name}/reviews", s.apiUserReviews)
	s.api("GET /api/v1/users/{name}/diary", s.apiUserDiary)
	s.api("GET /api/v1/users/{name}/watchlist", s.apiUserWatchlist)
	s.api("GET /api/v1/users/{name}/lists", s.apiUserLists)
	s.api("POST /api/v1/diary", s.apiLogFilm)
	s.api("PATCH /api/v1/diary/{id}", s.apiPatchDiary)
	s.api("DELETE /api/v1/diary/{id}", s.apiDeleteDiary)
	s.api("PUT /api/v1/watchlist/{film_id}", s.apiWatchlist)
	s.api("DELETE /api/v1/watchlist/{film_id}", s.apiWatchlist)
	s.api("GET /api/v1/lists", s.apiMyLists)
	s.api("POST /api/v1/lists", s.apiCreateList)
	s.api("GET /api/v1/lists/{id}", s.apiList)
	s.api("PATCH /api/v1/lists/{id}", s.apiPatchList)
	s.api("DELETE /api/v1/lists/{id}", s.apiDeleteList)
	s.api("PUT /api/v1/likes/{kind}/{id}", s.apiLike)
	s.api("DELETE /api/v1/likes/{kind}/{id}", s.apiLike)
	s.api("POST "+letterboxdUploadPath, s.apiImportLetterboxd)
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
		r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
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

// maxBodyBytes bounds request bodies; uploads that need more raise it in
// bodyLimit.
const maxBodyBytes = 1 << 20

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.store.DB().PingContext(r.Context()); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
