package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"reel/demo"
	"reel/store"
	"reel/store/storetest"
	"reel/web"
)

// demoServer serves the demo catalog on engine d.
func demoServer(t *testing.T, d store.Dialect) *httptest.Server {
	t.Helper()
	st := storetest.Open(t, d)
	if _, err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(st, web.Options{}))
	t.Cleanup(srv.Close)
	return srv
}

func getJSON(t *testing.T, url string, wantStatus int, v any) http.Header {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d", url, resp.StatusCode, wantStatus)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: content type %q", url, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.Header
}

func TestCatalogAPI(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			srv := demoServer(t, d)
			var search struct {
				Results []struct{ Kind, ID, Name string }
			}
			h := getJSON(t, srv.URL+"/api/v1/search?q=almodovar", 200, &search)
			if len(search.Results) == 0 || search.Results[0].Name != "Pedro Almodóvar" {
				t.Fatalf("search almodovar = %+v", search.Results)
			}
			if h.Get("Content-Security-Policy") == "" || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Fatalf("missing security headers: %v", h)
			}
			var film struct {
				Title     string
				AltTitles []struct{ Title string } `json:"alt_titles"`
				Credits   []struct {
					Name, Category string
					Characters     []string
				}
			}
			getJSON(t, srv.URL+"/api/v1/films/tt8291806", 200, &film)
			found := false
			for _, c := range film.Credits {
				if c.Name == "Antonio Banderas" && len(c.Characters) > 0 && c.Characters[0] == "Salvador Mallo" {
					found = true
				}
			}
			if film.Title != "Pain and Glory" || !found {
				t.Fatalf("film tt8291806 = %+v", film)
			}
			var person struct {
				Name        string
				Filmography []struct{ Title, Category string }
			}
			getJSON(t, srv.URL+"/api/v1/people/nm0000264", 200, &person)
			if person.Name != "Pedro Almodóvar" || len(person.Filmography) < 4 {
				t.Fatalf("person nm0000264 = %+v", person)
			}
		})
	}
}

func TestAPIErrorShape(t *testing.T) {
	srv := demoServer(t, store.SQLite)
	cases := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/films/tt0000001", 404, "not_found"},
		{"/api/v1/films/banana", 400, "invalid"},
		{"/api/v1/people/nm", 400, "invalid"},
		{"/api/v1/search", 400, "invalid"},
		{"/api/v1/search?q=%21%21", 400, "invalid"},
		{"/api/v1/search?q=her&limit=1000", 400, "invalid"},
	}
	for _, c := range cases {
		var body struct {
			Error struct{ Code, Message string }
		}
		getJSON(t, srv.URL+c.path, c.status, &body)
		if body.Error.Code != c.code || body.Error.Message == "" {
			t.Errorf("%s: error %+v, want code %s with a message", c.path, body.Error, c.code)
		}
	}
}

// TestCrossOriginPostRefused: a state-changing request from another site is
// refused before any handler sees it.
func TestCrossOriginPostRefused(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	if _, err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(st, web.Options{}))
	t.Cleanup(srv.Close)
	// A valid token on both requests: the refusal must not depend on who asks.
	tok := newAPIUser(t, st, "csrf-probe").token
	post := func(site, origin string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/analyze", strings.NewReader(`{"text":"A fine film."}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Sec-Fetch-Site", site)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("cross-site", "https://evil.example"); code != http.StatusForbidden {
		t.Fatalf("cross-origin POST: status %d, want 403", code)
	}
	if code := post("same-origin", ""); code != http.StatusOK {
		t.Fatalf("same-origin POST: status %d, want 200", code)
	}
}
