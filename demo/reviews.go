package demo

import (
	"bufio"
	"context"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"reel"
	"reel/grade"
	"reel/store"
)

// The demo reviews: people.json holds the fictional accounts with their
// diaries, watchlists and lists; every other file is one review, Markdown
// after a front-matter header of "key: value" lines between "---" lines.
// All of it was written for the project; the people and publications are
// invented.
//
//go:embed reviews/people.json reviews/*.md
var reviewFiles embed.FS

// Reviews returns the demo reviews' files.
func Reviews() fs.FS {
	sub, err := fs.Sub(reviewFiles, "reviews")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sub
}

// People is the demo's people.json.
type People struct {
	Users []DemoUser `json:"users"`
	Lists []DemoList `json:"lists"`
}

// DemoUser is a fictional account with its journal.
type DemoUser struct {
	Name        string      `json:"name"`
	Role        store.Role  `json:"role"`
	DisplayName string      `json:"display_name"`
	Publication string      `json:"publication"`
	Bio         string      `json:"bio"`
	Weight      float64     `json:"weight"`
	Top         bool        `json:"top"`
	Watchlist   []string    `json:"watchlist"`
	Diary       []DemoDiary `json:"diary"`
}

// DemoDiary is a diary entry without a review.
type DemoDiary struct {
	Film    string `json:"film"`
	Watched string `json:"watched"`
	Grade   string `json:"grade"`
	Rewatch bool   `json:"rewatch"`
	Liked   bool   `json:"liked"`
}

// DemoList is a list by one of the demo users.
type DemoList struct {
	Owner       string          `json:"owner"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Ranked      bool            `json:"ranked"`
	Entries     []DemoListEntry `json:"entries"`
}

// DemoListEntry is a film on a list with a note.
type DemoListEntry struct {
	Film string `json:"film"`
	Note string `json:"note"`
}

// DemoReview is one parsed review file.
type DemoReview struct {
	File    string
	Author  string
	Film    reel.FilmID
	Grade   string // as written; "" for none
	Input   store.ReviewInput
	Diary   bool // also log the watch in the author's diary
	Summary string
}

// ReadPeople parses people.json.
func ReadPeople() (People, error) {
	var p People
	b, err := fs.ReadFile(Reviews(), "people.json")
	if err != nil {
		return p, reel.Wrap(err, reel.Internal, "read the demo people")
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, reel.Wrap(err, reel.Internal, "parse the demo people")
	}
	return p, nil
}

// ReadReviews parses every review file, in file name order.
func ReadReviews() ([]DemoReview, error) {
	names, err := fs.Glob(Reviews(), "*.md")
	if err != nil {
		return nil, reel.Wrap(err, reel.Internal, "list the demo reviews")
	}
	sort.Strings(names)
	out := make([]DemoReview, 0, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(Reviews(), name)
		if err != nil {
			return nil, reel.Wrap(err, reel.Internal, "read demo review %s", name)
		}
		r, err := parseReview(name, string(b))
		if err != nil {
			return nil, reel.Wrap(err, reel.Internal, "demo review %s", name)
		}
		out = append(out, r)
	}
	return out, nil
}

// parseReview reads a front-matter header and a Markdown body.
func parseReview(name, text string) (DemoReview, error) {
	r := DemoReview{File: name}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		return r, fmt.Errorf("no front matter")
	}
	header, body, ok := strings.Cut(text[4:], "\n---\n")
	if !ok {
		return r, fmt.Errorf("front matter not closed")
	}
	r.Input.Body = strings.TrimSpace(body) + "\n"
	sc := bufio.NewScanner(strings.NewReader(header))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			return r, fmt.Errorf("bad header line %q", line)
		}
		val = strings.TrimSpace(val)
		var err error
		switch strings.TrimSpace(key) {
		case "author":
			r.Author = val
		case "film":
			r.Film, err = reel.ParseFilmID(val)
			r.Input.FilmID = r.Film
		case "grade":
			r.Grade = val
			r.Input.Grade, err = grade.Parse(val)
		case "verdict":
			r.Input.Verdict = grade.Verdict(val)
		case "spoilers":
			r.Input.Spoilers, err = strconv.ParseBool(val)
		case "tags":
			for _, t := range strings.Split(val, ",") {
				if t = strings.TrimSpace(t); t != "" {
					r.Input.Tags = append(r.Input.Tags, t)
				}
			}
		case "watched":
			r.Input.WatchedOn = val
		case "rewatch":
			r.Input.Rewatch, err = strconv.ParseBool(val)
		case "liked":
			r.Input.Liked, err = strconv.ParseBool(val)
		case "diary":
			r.Diary, err = strconv.ParseBool(val)
		case "visibility":
			r.Input.Visibility = store.Visibility(val)
		case "source":
			r.Input.SourceURL = val
		case "quote":
			r.Input.PullQuote = val
		default:
			return r, fmt.Errorf("unknown header %q", key)
		}
		if err != nil {
			return r, fmt.Errorf("header %s: %w", key, err)
		}
	}
	if r.Author == "" || r.Film == 0 {
		return r, fmt.Errorf("author and film are required")
	}
	return r, nil
}

// ReviewSummary counts what LoadReviews wrote.
type ReviewSummary struct {
	Users, Reviews, Diary, Watchlist, Lists int
}

func (s ReviewSummary) String() string {
	return fmt.Sprintf("%d demo users, %d reviews, %d diary entries, %d watchlist items, %d lists",
		s.Users, s.Reviews, s.Diary, s.Watchlist, s.Lists)
}

// randomPassword returns an unguessable password nobody is told: the demo
// accounts are there to be read, not signed in to.
func randomPassword() string {
	var b [24]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// LoadReviews creates the demo users with their reviews, diaries,
// watchlists and lists; the demo catalog must be loaded. When the first demo
// user exists already it does nothing, so loading twice is harmless.
func LoadReviews(ctx context.Context, st *store.Store) (ReviewSummary, error) {
	var sum ReviewSummary
	people, err := ReadPeople()
	if err != nil {
		return sum, err
	}
	reviews, err := ReadReviews()
	if err != nil {
		return sum, err
	}
	if len(people.Users) == 0 {
		return sum, nil
	}
	if _, err := st.UserByName(ctx, people.Users[0].Name); err == nil {
		return sum, nil
	}
	ids := map[string]store.UserID{}
	for _, p := range people.Users {
		u, err := st.CreateUser(ctx, p.Name, randomPassword(), p.Role)
		if err != nil {
			return sum, reel.Wrap(err, reel.ErrorCode(err), "create demo user %s", p.Name)
		}
		prof := store.CriticProfile{DisplayName: p.DisplayName, Publication: p.Publication, Bio: p.Bio, Weight: p.Weight, Top: p.Top}
		if prof.Weight == 0 {
			prof.Weight = 1
		}
		if err := st.UpdateCriticProfile(ctx, u.ID, prof); err != nil {
			return sum, reel.Wrap(err, reel.ErrorCode(err), "profile of demo user %s", p.Name)
		}
		ids[p.Name] = u.ID
		sum.Users++
	}
	for _, r := range reviews {
		uid, ok := ids[r.Author]
		if !ok {
			return sum, reel.Errorf(reel.Internal, "demo review %s: unknown author %q", r.File, r.Author)
		}
		rev, err := st.CreateReview(ctx, uid, r.Input)
		if err != nil {
			return sum, reel.Wrap(err, reel.ErrorCode(err), "demo review %s", r.File)
		}
		sum.Reviews++
		if r.Diary && r.Input.WatchedOn != "" {
			_, err := st.LogFilm(ctx, uid, store.DiaryInput{FilmID: r.Film, WatchedOn: r.Input.WatchedOn,
				Rewatch: r.Input.Rewatch, Liked: r.Input.Liked, Grade: r.Input.Grade, ReviewID: rev.ID})
			if err != nil {
				return sum, reel.Wrap(err, reel.ErrorCode(err), "diary entry for demo review %s", r.File)
			}
			sum.Diary++
		}
	}
	for _, p := range people.Users {
		uid := ids[p.Name]
		for _, d := range p.Diary {
			in := store.DiaryInput{WatchedOn: d.Watched, Rewatch: d.Rewatch, Liked: d.Liked}
			if in.FilmID, err = reel.ParseFilmID(d.Film); err != nil {
				return sum, reel.Wrap(err, reel.Internal, "diary of demo user %s", p.Name)
			}
			if d.Grade != "" {
				if in.Grade, err = grade.Parse(d.Grade); err != nil {
					return sum, reel.Wrap(err, reel.Internal, "diary of demo user %s", p.Name)
				}
			}
			if _, err := st.LogFilm(ctx, uid, in); err != nil {
				return sum, reel.Wrap(err, reel.ErrorCode(err), "diary of demo user %s: %s", p.Name, d.Film)
			}
			sum.Diary++
		}
		for _, f := range p.Watchlist {
			id, err := reel.ParseFilmID(f)
			if err != nil {
				return sum, reel.Wrap(err, reel.Internal, "watchlist of demo user %s", p.Name)
			}
			if err := st.AddToWatchlist(ctx, uid, id); err != nil {
				return sum, reel.Wrap(err, reel.ErrorCode(err), "watchlist of demo user %s: %s", p.Name, f)
			}
			sum.Watchlist++
		}
	}
	for _, l := range people.Lists {
		uid, ok := ids[l.Owner]
		if !ok {
			return sum, reel.Errorf(reel.Internal, "demo list %q: unknown owner %q", l.Name, l.Owner)
		}
		var entries []store.EntryInput
		for _, e := range l.Entries {
			id, err := reel.ParseFilmID(e.Film)
			if err != nil {
				return sum, reel.Wrap(err, reel.Internal, "demo list %q", l.Name)
			}
			entries = append(entries, store.EntryInput{FilmID: id, Note: e.Note})
		}
		if _, err := st.CreateList(ctx, uid, store.ListInput{Name: l.Name, Description: l.Description, Ranked: l.Ranked}, entries); err != nil {
			return sum, reel.Wrap(err, reel.ErrorCode(err), "demo list %q", l.Name)
		}
		sum.Lists++
	}
	return sum, nil
}
