package web

import (
	"strconv"

	"reel/store"
)

// scoresView is what a film page shows of store.FilmScores.
type scoresView struct {
	Critics criticsScore
	Members membersScore
	Counted bool // some review counts in a score
}

// criticsScore is the critics' weighted score and share of positive reviews,
// each shown only from the review counts the store sets.
type criticsScore struct {
	Count       int64
	Score       int
	HasScore    bool
	Band        string // "generally favourable"
	Tone        string // good, mixed or bad: the CSS class of the score
	Positive    int
	HasPositive bool
	Fresh       bool // 60 % positive or more
}

// membersScore is the members' mean and their half-star histogram.
type membersScore struct {
	Count     int64
	Stars     string // mean in stars out of five, one decimal: "3.8"
	HasMean   bool
	Histogram barChart
}

// halfStarLabels name the histogram's eleven bins, 0 to 5 stars.
var halfStarLabels = []string{"0", "½", "1", "1½", "2", "2½", "3", "3½", "4", "4½", "5"}

func scoresViewOf(fs store.FilmScores) scoresView {
	var v scoresView
	c := fs.Critics
	v.Critics.Count = c.Count
	v.Critics.Score, v.Critics.HasScore = c.WeightedScore()
	if v.Critics.HasScore {
		v.Critics.Band = string(store.BandOf(v.Critics.Score))
		v.Critics.Tone = toneOf(v.Critics.Score)
	}
	v.Critics.Positive, v.Critics.HasPositive = c.PercentPositive(0)
	v.Critics.Fresh = v.Critics.Positive >= 60
	m := fs.Members
	v.Members.Count = m.Count
	if mean, ok := m.Mean(); ok {
		v.Members.HasMean = true
		v.Members.Stars = strconv.FormatFloat(mean/20, 'f', 1, 64)
	}
	v.Counted = c.Count > 0 || m.Count > 0
	v.Members.Histogram = newBarChart("members-hist", "Members' ratings, in half stars", halfStarLabels, m.Histogram[:])
	return v
}

// toneOf colours a score by Metacritic's three broad bands.
func toneOf(score int) string {
	switch {
	case score >= 61:
		return "good"
	case score >= 40:
		return "mixed"
	}
	return "bad"
}

// ldRating is the schema.org AggregateRating: the critics' score when it is
// shown, else the members' mean in stars.
func ldRating(s scoresView) (map[string]any, bool) {
	if s.Critics.HasScore {
		return map[string]any{"@type": "AggregateRating", "ratingValue": s.Critics.Score,
			"bestRating": 100, "worstRating": 0, "ratingCount": s.Critics.Count}, true
	}
	if s.Members.HasMean {
		return map[string]any{"@type": "AggregateRating", "ratingValue": s.Members.Stars,
			"bestRating": 5, "worstRating": 0, "ratingCount": s.Members.Count}, true
	}
	return nil, false
}
