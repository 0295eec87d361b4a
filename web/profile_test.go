package web_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"reel/store"
)

// TestJournalPages: every page of a user's journal renders the demo's data.
func TestJournalPages(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv, _ := journalServer(t, d)
			pages := []struct {
				path   string
				status int
				wants  []string
			}{
				{"/u/margot.vell", 200, []string{"Favourite films", "Recent reviews", `href="/lists/`, `href="/u/margot.vell/feed.atom"`, "Pain and Glory"}},
				{"/u/juno/diary", 200, []string{`<table class="diary">`, `aria-current="page">Diary`}},
				{"/u/juno/watchlist", 200, []string{"Watchlist", `class="hit-list"`}},
				{"/u/margot.vell/lists", 200, []string{"Almodóvar, ranked"}},
				{"/u/nobody", 404, []string{"There is no member called"}},
			}
			for _, p := range pages {
				body, _ := getPage(t, srv.URL+p.path, p.status)
				mustContain(t, p.path, body, p.wants...)
				checkNoInlineScript(t, p.path, body)
			}
		})
	}
}

// TestListPage: a list shows its films and, to a signed-in reader, how many
// of them the reader has seen.
func TestListPage(t *testing.T) {
	srv, st := journalServer(t, store.SQLite)
	_, body, _ := fetch(t, nil, "GET", srv.URL+"/u/margot.vell/lists", nil)
	i := strings.Index(body, `href="/lists/`)
	if i < 0 {
		t.Fatal("no list link")
	}
	path := body[i+len(`href="`):]
	path = path[:strings.IndexByte(path, '"')]
	status, body, _ := fetch(t, nil, "GET", srv.URL+path, nil)
	if status != 200 {
		t.Fatalf("%s: %d", path, status)
	}
	mustContain(t, path, body, "Almodóvar, ranked", `class="list-entries list-entries--ranked"`, `href="/films/tt8291806"`)
	if strings.Contains(body, "You have seen") {
		t.Error("a signed-out reader is shown progress")
	}
	_, body, _ = fetch(t, signIn(t, st, "margot.vell"), "GET", srv.URL+path, nil)
	mustContain(t, path+" as its owner", body, "You have seen <strong>", "<progress")
}

// TestPrivateReviewHidden: a private review is on its author's pages for
// the author and nowhere for anyone else: not the review page, the profile,
// the feeds or the stats.
func TestPrivateReviewHidden(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv, st := journalServer(t, d)
			juno := signIn(t, st, "juno")
			form := reviewForm("D-")
			form.Set("body", "My secret opinion of Volver.")
			form.Set("visibility", "private")
			status, _, loc := fetch(t, juno, "POST", srv.URL+"/reviews/new", form)
			if status != http.StatusSeeOther {
				t.Fatalf("create: %d", status)
			}
			if status, _, _ := fetch(t, juno, "GET", srv.URL+loc, nil); status != 200 {
				t.Errorf("author reads own private review: %d", status)
			}
			_, body, _ := fetch(t, juno, "GET", srv.URL+"/u/juno", nil)
			mustContain(t, "own profile", body, "My secret opinion")
			margot := signIn(t, st, "margot.vell")
			for _, c := range []*http.Cookie{nil, margot} {
				if status, _, _ := fetch(t, c, "GET", srv.URL+loc, nil); status != 404 {
					t.Errorf("another reads a private review: %d, want 404", status)
				}
				for _, path := range []string{"/u/juno", "/u/juno/diary", "/u/juno/stats", "/u/juno/year/2024", "/u/juno/feed.atom", "/films/tt0441909/feed.atom"} {
					_, body, _ := fetch(t, c, "GET", srv.URL+path, nil)
					if strings.Contains(body, "secret opinion") || strings.Contains(body, loc+`"`) || strings.Contains(body, "D-") {
						t.Errorf("%s shows the private review to another reader", path)
					}
				}
			}
			// The author's own feed is public data too: feed readers sign nobody in.
			_, body, _ = fetch(t, juno, "GET", srv.URL+"/u/juno/feed.atom", nil)
			if strings.Contains(body, "secret opinion") {
				t.Error("the feed carries a private review")
			}
		})
	}
}

// TestFeeds: the Atom feeds are well-formed XML in the Atom namespace, with
// an entry per public review and spoilers kept out.
func TestFeeds(t *testing.T) {
	srv, _ := journalServer(t, store.SQLite)
	for _, tc := range []struct {
		path    string
		entries int
	}{{"/u/margot.vell/feed.atom", 6}, {"/films/tt8291806/feed.atom", 6}} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("%s: %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", tc.path, err)
			}
		}
		var feed struct {
			XMLName xml.Name
			Entries []struct {
				ID      string `xml:"id"`
				Content string `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(b, &feed); err != nil {
			t.Fatal(err)
		}
		if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" {
			t.Errorf("%s: root %v", tc.path, feed.XMLName)
		}
		if len(feed.Entries) != tc.entries {
			t.Errorf("%s: %d entries, want %d", tc.path, len(feed.Entries), tc.entries)
		}
		for _, e := range feed.Entries {
			if !strings.HasPrefix(e.ID, srv.URL+"/reviews/") || strings.Contains(e.Content, `class="spoiler"`) {
				t.Errorf("%s: entry %s shows a spoiler or lacks an absolute id", tc.path, e.ID)
			}
		}
	}
	if status, _, _ := fetch(t, nil, "GET", srv.URL+"/films/tt0000001/feed.atom", nil); status != 404 {
		t.Errorf("feed of an unknown film: %d", status)
	}
}
