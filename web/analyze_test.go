package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"reel/copydesk"
	"reel/demo"
	"reel/store"
	"reel/store/storetest"
	"reel/web"
)

func postAnalyze(t *testing.T, url, token, contentType, body string, wantStatus int, v any) {
	t.Helper()
	req, err := http.NewRequest("POST", url+"/api/v1/analyze", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != wantStatus {
		t.Fatalf("POST analyze: status %d, want %d", resp.StatusCode, wantStatus)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("decode: %v", err)
	}
}

func TestAnalyzeAPI(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	if _, err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(st, web.Options{}))
	t.Cleanup(srv.Close)
	tok := newAPIUser(t, st, "desk-reader").token
	var anon struct {
		Error struct{ Code string }
	}
	postAnalyze(t, srv.URL, "", "text/plain", "A fine film.", http.StatusUnauthorized, &anon)
	if anon.Error.Code != "unauthorized" {
		t.Errorf("anonymous analyze: error code %q, want unauthorized", anon.Error.Code)
	}
	text := "Psycho is a masterpiece of suspense, and Anthony Perkins is brilliant as Norman Bates.\n\n" +
		"In the end it turns out that Norman Bates was the killer all along."
	body, _ := json.Marshal(map[string]string{"text": text, "film_id": "tt0054215"})
	var rep copydesk.Report
	postAnalyze(t, srv.URL, tok, "application/json", string(body), http.StatusOK, &rep)
	if rep.Film == nil || rep.Film.ID != "tt0054215" || !rep.Catalog {
		t.Errorf("film = %+v, catalog = %v", rep.Film, rep.Catalog)
	}
	if rep.Score.Verdict != "positive" || len(rep.Mentions) == 0 || len(rep.Spoilers) != 1 {
		t.Errorf("report = %+v", rep)
	}

	var plain copydesk.Report
	postAnalyze(t, srv.URL, tok, "text/plain; charset=utf-8", "A dull, lifeless bore of a film.", http.StatusOK, &plain)
	if plain.Score.Verdict != "negative" {
		t.Errorf("text/plain verdict = %s", plain.Score.Verdict)
	}

	// written: a text of 2014 names no Arrival (2016); this year's does
	arrival := func(ct, body string) bool {
		t.Helper()
		var rep copydesk.Report
		postAnalyze(t, srv.URL, tok, ct, body, http.StatusOK, &rep)
		for _, m := range rep.Mentions {
			if m.ID == "tt2543164" {
				return true
			}
		}
		return false
	}
	const arrivalText = `The first contact in *Arrival* is a long wait; the linguist's patience carries the film.`
	if !arrival("application/json", `{"text": "`+arrivalText+`"}`) {
		t.Errorf("Arrival not linked in a text written this year")
	}
	if arrival("application/json", `{"text": "`+arrivalText+`", "written": 2014}`) {
		t.Errorf("Arrival linked in a text written in 2014")
	}
	req, err := http.NewRequest("POST", srv.URL+"/api/v1/analyze?written=2014", strings.NewReader(arrivalText))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/markdown")
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var old copydesk.Report
	err = json.NewDecoder(resp.Body).Decode(&old)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("?written=2014: status %d, %v", resp.StatusCode, err)
	}
	for _, m := range old.Mentions {
		if m.ID == "tt2543164" {
			t.Errorf("?written=2014: Arrival linked")
		}
	}

	for name, c := range map[string]struct{ ct, body string }{
		"empty text": {"application/json", `{"text": ""}`},
		"bad year":   {"application/json", `{"text": "A fine film.", "written": 1200}`},
		"bad json":   {"application/json", `{"text": `},
		"binary":     {"text/plain", "\x00\x01\x02\x03"},
		"too big":    {"text/plain", strings.Repeat("x", 2<<20)},
		"bad type":   {"image/png", "x"},
	} {
		var e struct {
			Error struct{ Code, Message string }
		}
		postAnalyze(t, srv.URL, tok, c.ct, c.body, http.StatusBadRequest, &e)
		if e.Error.Code != "invalid" || e.Error.Message == "" {
			t.Errorf("%s: error = %+v", name, e.Error)
		}
	}
}
