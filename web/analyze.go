package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"reel"
	"reel/copydesk"
	"reel/linker"
	"reel/store"
)

// analyzeRequest is the JSON body of POST /api/v1/analyze. A text/plain body
// is the text itself, with film_id and format as query parameters.
type analyzeRequest struct {
	Text   string `json:"text"`
	FilmID string `json:"film_id"`
	Format string `json:"format"`
	// Written is the year the text was written (default: this year): no
	// film released after the next year is linked.
	Written int `json:"written"`
}

// apiAnalyze runs the copy desk on one text and returns its Report
// (docs/copydesk.md).
//
// It needs a signed-in caller: an analysis of a long text costs milliseconds
// of CPU and builds the catalog's linker on first use, which an open
// endpoint would hand to anyone on the internet.
func (s *Server) apiAnalyze(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.apiViewer(w, r); !ok {
		return
	}
	req, err := readAnalyzeRequest(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	l, err := catalogLinker(r.Context(), s.store)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if req.Written == 0 {
		req.Written = time.Now().Year()
	}
	rep, err := copydesk.Analyze(r.Context(), req.Text, copydesk.Options{
		Linker: l, Format: req.Format, FilmHint: linker.FilmHint{ID: req.FilmID, Written: req.Written}})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, rep)
}

func readAnalyzeRequest(r *http.Request) (analyzeRequest, error) {
	var req analyzeRequest
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, reel.Errorf(reel.Invalid, "the request body is over the %d-byte limit", tooBig.Limit)
		}
		return req, reel.Wrap(err, reel.Invalid, "read the request body")
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/plain", "text/markdown", "text/html":
		q := r.URL.Query()
		req = analyzeRequest{Text: string(body), FilmID: q.Get("film_id"), Format: q.Get("format")}
		if w := q.Get("written"); w != "" {
			n, err := strconv.Atoi(w)
			if err != nil {
				return req, reel.Errorf(reel.Invalid, "written must be a year, not %q", w)
			}
			req.Written = n
		}
		if req.Format == "" && mt != "text/plain" {
			req.Format = mt[len("text/"):]
		}
		return req, nil
	case "application/json", "":
		if err := json.Unmarshal(body, &req); err != nil {
			return req, reel.Wrap(err, reel.Invalid, "the body must be JSON like {\"text\": \"…\", \"film_id\": \"tt…\"}")
		}
		return req, nil
	}
	return req, reel.Errorf(reel.Invalid, "unsupported content type %q (use application/json or text/plain)", mt)
}

// linkerTTL bounds how stale the catalog linker may get after an import:
// rebuilding reads the whole catalog, so it is not done per request.
const linkerTTL = 10 * time.Minute

// cachedLinker is one store's linker and when it was built.
type cachedLinker struct {
	mu      sync.Mutex
	l       *linker.Linker
	built   time.Time
	loading bool          // a refresh of a stale linker is running
	first   chan struct{} // closed when the running first build ends; nil when none runs
	err     error         // the last first build's failure
}

// linkers holds a cachedLinker per store; a process normally has one.
var linkers sync.Map // *store.Store → *cachedLinker

// errCatalogLoading is what linkerWithin returns while the first build runs.
var errCatalogLoading = reel.Errorf(reel.Internal, "the catalog is still loading")

// catalogLinker returns the store's linker, waiting for its first build (or
// until ctx ends) and rebuilding it in the background once it is older than
// linkerTTL, so only the first requests wait.
func catalogLinker(ctx context.Context, st *store.Store) (*linker.Linker, error) {
	return linkerWithin(ctx, st, -1)
}

// linkerWithin is catalogLinker waiting at most wait (forever when
// negative) for the first build; after that it answers errCatalogLoading
// and the build goes on. The review editor uses it so that a large
// catalog's first build (minutes on the full IMDb files) never holds up a
// page: its panel says names will be linked once the catalog has loaded.
func linkerWithin(ctx context.Context, st *store.Store, wait time.Duration) (*linker.Linker, error) {
	v, _ := linkers.LoadOrStore(st, &cachedLinker{})
	c := v.(*cachedLinker)
	l, first := c.current(st)
	if l != nil {
		return l, nil
	}
	var timeout <-chan time.Time
	if wait >= 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-first:
	case <-timeout:
		return nil, errCatalogLoading
	case <-ctx.Done():
		return nil, reel.Wrap(ctx.Err(), reel.Internal, "read the catalog")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.l == nil {
		return nil, reel.Wrap(c.err, reel.Internal, "read the catalog")
	}
	return c.l, nil
}

// current returns the linker, starting a refresh when it is stale, or,
// before the first build has succeeded, a channel closed when the running
// (or a newly started) build ends. The build is not tied to one request's
// context: a caller who gives up does not waste the work for the next.
func (c *cachedLinker) current(st *store.Store) (*linker.Linker, <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.l != nil {
		if time.Since(c.built) > linkerTTL && !c.loading {
			c.loading = true
			go c.refresh(st)
		}
		return c.l, nil
	}
	if c.first == nil {
		c.first = make(chan struct{})
		go c.buildFirst(st, c.first)
	}
	return nil, c.first
}

func (c *cachedLinker) buildFirst(st *store.Store, done chan struct{}) {
	l, err := linker.Build(context.Background(), st)
	c.mu.Lock()
	if err == nil {
		c.l, c.built = l, time.Now()
	}
	c.err, c.first = err, nil // a failed build is retried by the next request
	c.mu.Unlock()
	close(done)
}

func (c *cachedLinker) refresh(st *store.Store) {
	l, err := linker.Build(context.Background(), st)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loading = false
	if err == nil {
		c.l, c.built = l, time.Now()
	}
}
