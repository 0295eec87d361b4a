package web

import (
	"html/template"
	"strconv"
	"strings"

	"reel"
	"reel/numfmt"
)

// templateFuncs are the helpers every template may call.
func (s *Server) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"asset":     s.assets.URL,
		"filmURL":   filmURL,
		"personURL": personURL,
		"thousands": thousands,
		"runtime":   runtime,
		"join":      strings.Join,
	}
}

func filmURL(id reel.FilmID) string     { return "/films/" + id.String() }
func personURL(id reel.PersonID) string { return "/people/" + id.String() }

// thousands groups digits with commas, as the site's English copy does.
func thousands(n int) string { return numfmt.Thousands(int64(n)) }

// runtime spells minutes the way film references do: 113 → "1 h 53 min".
func runtime(minutes int) string {
	if minutes < 60 {
		return strconv.Itoa(minutes) + " min"
	}
	h, m := minutes/60, minutes%60
	if m == 0 {
		return strconv.Itoa(h) + " h"
	}
	return strconv.Itoa(h) + " h " + strconv.Itoa(m) + " min"
}
