package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// asset is one static file, held in memory with its gzipped form.
type asset struct {
	url   string // /static/app.3f2a9c0d1e7b.css
	ctype string
	body  []byte
	gz    []byte // nil when gzip does not make it smaller
}

// assets are the embedded static files under content-hashed URLs. A file's
// URL changes whenever its bytes do, so responses can be cached for a year
// and a deploy never serves a stale stylesheet.
type assets struct {
	byName map[string]*asset // "app.css"
	byURL  map[string]*asset // "/static/app.3f2a9c0d1e7b.css"
}

// loadAssets reads every file under static/ and hashes it.
func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		as := &asset{url: "/static/" + hashedName(name, body), ctype: contentType(name), body: body, gz: gzipped(body)}
		a.byName[name], a.byURL[as.url] = as, as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static assets: %w", err)
	}
	return a, nil
}

// hashedName puts the first 12 hex digits of the content's SHA-256 before
// the extension: app.css → app.3f2a9c0d1e7b.css.
func hashedName(name string, body []byte) string {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func gzipped(body []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if b.Len() >= len(body) {
		return nil
	}
	return b.Bytes()
}

// URL returns the hashed URL of a static file, for templates.
func (a *assets) URL(name string) (string, error) {
	as, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return as.url, nil
}

// serve answers /static/ requests. Only current hashed URLs exist: an old
// hash is a 404, never the new file under a cacheable old name.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	as, ok := s.assets.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	body := as.body
	if as.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
