package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"sync"

	"reel"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageNames are the page templates; each is parsed with the shared partials
// (templates/_*.html: the layout) into a set of its own, so
// pages can define the same blocks without clashing.
var pageNames = []string{"home", "film", "person", "search", "error"}

// view is what every page template receives: the layout's fields and the
// page's own view-model in Page.
type view struct {
	Title       string // the <title> before " — reel"; the site name alone when empty
	Description string // meta description
	Query       string // the header search box's value
	JSONLD      any    // schema.org data, marshalled into a ld+json block
	Page        any
}

// pages holds the parsed page templates.
type pages map[string]*template.Template

// parsePages parses every page at boot; a missing or broken template is an
// error there, not on the first request that needs it.
func parsePages(fsys fs.FS, funcs template.FuncMap) (pages, error) {
	ps := pages{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys, "templates/_*.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		if t.Lookup("main") == nil {
			return nil, fmt.Errorf("template %s defines no main block", name)
		}
		ps[name] = t
	}
	return ps, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute renders a template of a page set (the whole page for "layout",
// or a fragment) into a fresh byte slice.
func (s *Server) execute(page, tmpl string, data any) ([]byte, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufPool.Put(buf) }()
	if err := s.pages[page].ExecuteTemplate(buf, tmpl, data); err != nil {
		return nil, reel.Wrap(err, reel.Internal, "render %s %s", page, tmpl)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// render writes a page. It renders into a buffer first, so a template error
// becomes an error page instead of half a page with a 200 status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	body, err := s.execute(name, "layout", v)
	if err != nil {
		if name == "error" {
			s.logger.Error("render error page", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.writeHTML(w, r, status, body)
}

// renderCached serves a page that is the same for every reader from the
// page cache under key, building its view and rendering it on a miss.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, key, name string, build func(context.Context) (view, error)) {
	body, err := cached(r.Context(), s.pageCache, key, func(ctx context.Context) ([]byte, error) {
		v, err := build(ctx)
		if err != nil {
			return nil, err
		}
		return s.execute(name, "layout", v)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeHTML(w, r, http.StatusOK, body)
}

func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	body = s.personalise(w, r, body) // the header's account links (auth_header.go)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// errorPage is the view-model of the error template.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// fail renders err as an error page in the site's style, with the status
// statusOf gives its code, logging internal errors once.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := reel.ErrorCode(err)
	status := statusOf(code)
	msg := reel.ErrorMessage(err)
	if code == reel.Internal {
		s.logger.Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "Something went wrong on our side. Please try again in a moment."
	}
	p := errorPage{Status: status, Heading: headingOf(code), Message: msg}
	s.render(w, r, status, "error", view{Title: p.Heading, Page: p})
}

func headingOf(code reel.Code) string {
	switch code {
	case reel.NotFound:
		return "Page not found"
	case reel.Invalid:
		return "That address does not look right"
	case reel.Unauthorized:
		return "Not allowed"
	case reel.Conflict:
		return "Conflict"
	}
	return "Server error"
}
