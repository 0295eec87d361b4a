package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/html"

	"reel"
	"reel/store"
)

// feedSize is how many of the latest reviews a feed carries.
const feedSize = 50

// Atom (RFC 4287) documents. Feeds are read by programs that sign nobody
// in, so they are always built as a signed-out reader sees the site: only
// public reviews, whoever asks.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomPerson `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Link      atomLink   `xml:"link"`
	Author    atomPerson `xml:"author"`
	Category  []atomTag  `xml:"category"`
	Summary   atomText   `xml:"summary"`
	Content   *atomText  `xml:"content,omitempty"`
}

type atomTag struct {
	Term string `xml:"term,attr"`
}

func (s *Server) handleUserFeed(w http.ResponseWriter, r *http.Request) {
	u, err := s.userByPath(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.store.ReviewsByUser(r.Context(), 0, u.ID, store.Page{Limit: feedSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	head := headOf(u, "", r)
	f := atomFeed{Title: head.Name + "'s reviews on reel", Author: &atomPerson{Name: head.Name, URI: origin(r) + head.URL}}
	s.writeFeed(w, r, f, head.URL, page.Reviews)
}

func (s *Server) handleFilmFeed(w http.ResponseWriter, r *http.Request) {
	id, err := reel.ParseFilmID(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	films, err := s.store.Films(r.Context(), []reel.FilmID{id})
	if err == nil && len(films) == 0 {
		err = reel.Errorf(reel.NotFound, "There is no film %s in the catalog.", id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.store.ReviewsByFilm(r.Context(), 0, id, store.Page{Limit: feedSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := atomFeed{Title: "Reviews of " + filmTitle(films[0]) + " on reel"}
	s.writeFeed(w, r, f, filmURL(id), page.Reviews)
}

// writeFeed fills in the feed's entries and links and writes it.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, f atomFeed, page string, rs []store.Review) {
	items, err := s.reviewItems(r.Context(), rs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := origin(r)
	f.ID = base + r.URL.Path
	f.Links = []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + r.URL.Path}, {Rel: "alternate", Type: "text/html", Href: base + page}}
	f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	for _, it := range items {
		f.Entries = append(f.Entries, feedEntry(base, it))
		if up := it.UpdatedAt.UTC().Format(time.RFC3339); up > f.Updated {
			f.Updated = up
		}
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if err := xml.NewEncoder(&b).Encode(f); err != nil {
		s.fail(w, r, reel.Wrap(err, reel.Internal, "encode feed"))
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(b.Bytes())
}

// feedEntry is one review. A review that gives the film away carries only
// a warning: feed readers have no reveal control. Inline spoilers are
// blanked for the same reason.
func feedEntry(base string, it reviewItem) atomEntry {
	title := authorName(it.Review) + " on " + filmTitle(it.Film)
	if it.Grade != "" {
		title += " (" + it.Grade + ")"
	}
	e := atomEntry{Title: title, ID: base + it.URL, Link: atomLink{Rel: "alternate", Type: "text/html", Href: base + it.URL},
		Published: it.CreatedAt.UTC().Format(time.RFC3339), Updated: it.UpdatedAt.UTC().Format(time.RFC3339),
		Author: atomPerson{Name: authorName(it.Review), URI: base + userURL(it.Author)}, Summary: atomText{Type: "text", Body: it.Excerpt}}
	for _, t := range it.Tags {
		e.Category = append(e.Category, atomTag{Term: t})
	}
	if it.Spoilers {
		e.Summary.Body = "This review gives the film away; read it on the site."
		return e
	}
	e.Content = &atomText{Type: "html", Body: hideSpoilers(it.HTML)}
	return e
}

// hideSpoilers replaces the content of each inline spoiler span of
// sanitised HTML with "[spoiler]".
func hideSpoilers(h string) string {
	if !strings.Contains(h, `class="spoiler"`) {
		return h
	}
	z := html.NewTokenizer(strings.NewReader(h))
	var b strings.Builder
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			raw := string(z.Raw())
			name, more := z.TagName()
			if string(name) == "span" && (depth > 0 || hasSpoilerClass(z, more)) {
				if depth == 0 {
					b.WriteString("[spoiler]")
				}
				depth++
				continue
			}
			if depth == 0 {
				b.WriteString(raw)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "span" && depth > 0 {
				depth--
				continue
			}
			if depth == 0 {
				b.Write(z.Raw())
			}
		default:
			if depth == 0 {
				b.Write(z.Raw())
			}
		}
	}
}

// origin is the site's address as the request reached it; feeds need
// absolute links and the site is not told its own name.
func origin(r *http.Request) string {
	scheme := "http"
	if isTLS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
