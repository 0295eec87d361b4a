package web

import (
	"slices"
	"strings"

	"reel"
)

// personLink is a credited person as a page lists them.
type personLink struct {
	ID   reel.PersonID
	Name string
	Note string // a writer's job ("novel"), a producer's kind
}

// castMember is an on-screen credit with the characters played.
type castMember struct {
	ID         reel.PersonID
	Name       string
	Characters []string
	Self       bool // appears as themselves
}

// crewGroup is the people credited in one other role (composer, editor...).
type crewGroup struct {
	Role   string
	People []personLink
}

// filmCredits sorts a film's credits into what the page shows.
type filmCredits struct {
	Directors []personLink
	Writers   []personLink
	Cast      []castMember
	Crew      []crewGroup
}

// sortCredits splits credits (in billing order) by role. A person credited
// twice in one role, as IMDb's principals and crew files can do, shows once.
func sortCredits(credits []reel.PersonCredit) filmCredits {
	var fc filmCredits
	crew := map[string]int{}
	for _, c := range credits {
		link := personLink{ID: c.PersonID, Name: c.Name, Note: c.Job}
		switch {
		case c.Category == reel.CategoryDirector:
			fc.Directors = addLink(fc.Directors, link)
		case c.Category == reel.CategoryWriter:
			fc.Writers = addLink(fc.Writers, link)
		case c.IsCast():
			fc.Cast = append(fc.Cast, castMember{ID: c.PersonID, Name: c.Name, Characters: c.Characters, Self: c.Category == "self"})
		default:
			i, ok := crew[c.Category]
			if !ok {
				i = len(fc.Crew)
				crew[c.Category] = i
				fc.Crew = append(fc.Crew, crewGroup{Role: roleLabel(c.Category)})
			}
			fc.Crew[i].People = addLink(fc.Crew[i].People, link)
		}
	}
	return fc
}

func addLink(links []personLink, l personLink) []personLink {
	if slices.ContainsFunc(links, func(x personLink) bool { return x.ID == l.ID }) {
		return links
	}
	return append(links, l)
}

// roleLabel turns an IMDb category into a heading: "production_designer" →
// "Production designer".
func roleLabel(category string) string {
	switch category {
	case "self":
		return "Self"
	case "archive_footage":
		return "Archive footage"
	}
	s := strings.ReplaceAll(category, "_", " ")
	if s == "" {
		return "Other"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
