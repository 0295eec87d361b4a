package web

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The OpenAPI 3.1 document is built from the operation table below rather
// than kept as a hand-edited JSON file: each route is one line, and the
// shared parts (errors, paging, auth) are written once. The table is kept
// apart from routes() on purpose, so the test that compares the two catches
// a route added without documentation, or documentation without a route.

// jsonObj is a JSON object in the document.
type jsonObj = map[string]any

// operation is one documented route.
type operation struct {
	method, path, summary string
	auth                  bool     // needs a signed-in viewer
	query                 []string // names from components.parameters
	body                  string   // request schema; "upload" for the multipart zip
	status                int      // success status
	result                string   // response schema; "" for no body
}

var operations = []operation{
	{"get", "/api/v1/openapi.json", "This document", false, nil, "", 200, ""},
	{"get", "/api/v1/search", "Search films and people", false, []string{"q", "search_limit"}, "", 200, "SearchResults"},
	{"get", "/api/v1/films/{id}", "A film with its credits", false, nil, "", 200, "Film"},
	{"get", "/api/v1/films/{id}/scores", "A film's scores per audience", false, nil, "", 200, "FilmScores"},
	{"get", "/api/v1/films/{id}/reviews", "A film's reviews, newest first", false, []string{"after", "limit"}, "", 200, "ReviewPage"},
	{"get", "/api/v1/people/{id}", "A person with their filmography", false, nil, "", 200, "Person"},
	{"get", "/api/v1/grade", "Read a grade as written, as the review form's preview does", false, []string{"text"}, "", 200, "GradeReading"},
	{"post", "/api/v1/analyze", "Run the copy desk on a text", true, nil, "AnalyzeRequest", 200, "AnalyzeReport"},
	{"get", "/api/v1/reviews", "Everyone's public reviews, newest first", false, []string{"tag", "after", "limit"}, "", 200, "ReviewPage"},
	{"post", "/api/v1/reviews", "Write a review", true, nil, "ReviewCreate", 201, "Review"},
	{"get", "/api/v1/reviews/{id}", "A review", false, nil, "", 200, "Review"},
	{"patch", "/api/v1/reviews/{id}", "Edit your review; absent fields keep their value", true, nil, "ReviewFields", 200, "Review"},
	{"delete", "/api/v1/reviews/{id}", "Delete your review", true, nil, "", 204, ""},
	{"get", "/api/v1/me", "The signed-in account", true, nil, "", 200, "Account"},
	{"get", "/api/v1/users/{name}", "A user's public profile", false, nil, "", 200, "PublicUser"},
	{"get", "/api/v1/users/{name}/reviews", "A user's reviews, newest first", false, []string{"after", "limit"}, "", 200, "ReviewPage"},
	{"get", "/api/v1/users/{name}/diary", "A user's diary, latest viewing first", false, []string{"after", "limit"}, "", 200, "DiaryPage"},
	{"get", "/api/v1/users/{name}/watchlist", "A user's watchlist", false, nil, "", 200, "Watchlist"},
	{"get", "/api/v1/users/{name}/lists", "A user's lists", false, nil, "", 200, "Lists"},
	{"post", "/api/v1/diary", "Log a viewing", true, nil, "DiaryFields", 201, "DiaryEntry"},
	{"patch", "/api/v1/diary/{id}", "Edit your diary entry; absent fields keep their value", true, nil, "DiaryFields", 200, "DiaryEntry"},
	{"delete", "/api/v1/diary/{id}", "Delete your diary entry", true, nil, "", 204, ""},
	{"put", "/api/v1/watchlist/{film_id}", "Add a film to your watchlist", true, nil, "", 204, ""},
	{"delete", "/api/v1/watchlist/{film_id}", "Take a film off your watchlist", true, nil, "", 204, ""},
	{"get", "/api/v1/lists", "Your lists, private ones included", true, nil, "", 200, "Lists"},
	{"post", "/api/v1/lists", "Make a list", true, nil, "ListFields", 201, "ListDetail"},
	{"get", "/api/v1/lists/{id}", "A list with its films", false, nil, "", 200, "ListDetail"},
	{"patch", "/api/v1/lists/{id}", "Edit your list; entries, when given, replace all", true, nil, "ListFields", 200, "ListDetail"},
	{"delete", "/api/v1/lists/{id}", "Delete your list", true, nil, "", 204, ""},
	{"put", "/api/v1/likes/{kind}/{id}", "Like a film, review or list", true, nil, "", 200, "Likes"},
	{"delete", "/api/v1/likes/{kind}/{id}", "Take back a like", true, nil, "", 200, "Likes"},
	{"post", "/api/v1/import/letterboxd", "Import a Letterboxd export zip (at most 50 MB)", true, []string{"dry_run"}, "upload", 200, "ImportResult"},
	{"get", "/api/v1/import/letterboxd/{job}", "An import started on the Import page: its progress, and its result once done", true, nil, "", 200, "ImportJob"},
}

// openAPIJSON is the document, built once.
var openAPIJSON = sync.OnceValue(func() []byte {
	b, err := json.MarshalIndent(openAPIDocument(), "", "  ")
	if err != nil {
		panic(err) // the document is static: a failure is a build defect
	}
	return b
})

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIJSON())
}

func openAPIDocument() jsonObj {
	paths := jsonObj{}
	for _, op := range operations {
		item, _ := paths[op.path].(jsonObj)
		if item == nil {
			item = jsonObj{}
			paths[op.path] = item
		}
		item[op.method] = op.document()
	}
	return jsonObj{
		"openapi": "3.1.0",
		"info": jsonObj{"title": "reel API", "version": "1",
			"description": "reel's JSON API. Reads are open; writes need `Authorization: Bearer <token>` " +
				"(create tokens in your account settings) or a signed-in browser session. Every error is " +
				"`{\"error\":{\"code\",\"message\"}}`. Lists page with an opaque cursor: pass a page's `next` as `after`."},
		"servers": []jsonObj{{"url": "/"}},
		"paths":   paths,
		"components": jsonObj{
			"schemas":         oaSchemas(),
			"parameters":      oaParameters(),
			"responses":       oaErrors(),
			"securitySchemes": jsonObj{"bearer": jsonObj{"type": "http", "scheme": "bearer"}},
		},
	}
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

func (op operation) document() jsonObj {
	d := jsonObj{"summary": op.summary, "operationId": op.method + strings.ReplaceAll(op.path, "/", "_")}
	var params []jsonObj
	for _, p := range pathParam.FindAllStringSubmatch(op.path, -1) {
		params = append(params, jsonObj{"name": p[1], "in": "path", "required": true, "schema": oaString()})
	}
	for _, q := range op.query {
		params = append(params, oaRef("parameters", q))
	}
	if params != nil {
		d["parameters"] = params
	}
	if op.body != "" {
		d["requestBody"] = oaBody(op.body)
	}
	d["responses"] = op.responses()
	if op.auth {
		d["security"] = []jsonObj{{"bearer": []string{}}}
	}
	return d
}

func oaBody(schema string) jsonObj {
	if schema == "upload" {
		return jsonObj{"required": true, "content": jsonObj{"multipart/form-data": jsonObj{"schema": oaObject(jsonObj{
			"file": jsonObj{"type": "string", "contentMediaType": "application/zip"}}, "file")}}}
	}
	return jsonObj{"required": true, "content": jsonObj{"application/json": jsonObj{"schema": oaRef("schemas", schema)}}}
}

func (op operation) responses() jsonObj {
	ok := jsonObj{"description": http.StatusText(op.status)}
	if op.result != "" {
		ok["content"] = jsonObj{"application/json": jsonObj{"schema": oaRef("schemas", op.result)}}
	}
	rs := jsonObj{strconv.Itoa(op.status): ok, "400": oaRef("responses", "Invalid"), "404": oaRef("responses", "NotFound")}
	if op.auth {
		rs["401"] = oaRef("responses", "SignIn")
		rs["403"] = oaRef("responses", "Forbidden")
	}
	return rs
}

func oaErrors() jsonObj {
	resp := func(desc string) jsonObj {
		return jsonObj{"description": desc, "content": jsonObj{"application/json": jsonObj{"schema": oaRef("schemas", "Error")}}}
	}
	return jsonObj{
		"Invalid":   resp("The request is malformed: bad parameters, or a body that is not the documented JSON (unknown fields are refused)."),
		"NotFound":  resp("No such item, or one that is private to another user."),
		"SignIn":    resp("No valid bearer token or session; the answer carries WWW-Authenticate: Bearer."),
		"Forbidden": resp("Signed in, but the item belongs to another user."),
	}
}

func oaParameters() jsonObj {
	q := func(name, desc string, schema jsonObj) jsonObj {
		return jsonObj{"name": name, "in": "query", "description": desc, "schema": schema}
	}
	return jsonObj{
		"q":            q("q", "What to search for (required).", oaString()),
		"search_limit": q("limit", "At most this many results (1–100, default 20).", jsonObj{"type": "integer", "minimum": 1, "maximum": 100}),
		"after":        q("after", "The next cursor of the previous page.", oaString()),
		"limit":        q("limit", "Page size (1–100, default 20).", jsonObj{"type": "integer", "minimum": 1, "maximum": 100}),
		"text":         q("text", "A grade as written: 3.5/5, B+, 88%, ★★★½ (required).", oaString()),
		"tag":          q("tag", "Only reviews with this tag.", oaString()),
		"dry_run":      q("dry_run", "1 to match and report without storing anything.", oaBool()),
	}
}

// Schema helpers.
func oaString() jsonObj               { return jsonObj{"type": "string"} }
func oaInt() jsonObj                  { return jsonObj{"type": "integer"} }
func oaBool() jsonObj                 { return jsonObj{"type": "boolean"} }
func oaNumber() jsonObj               { return jsonObj{"type": "number"} }
func oaTime() jsonObj                 { return jsonObj{"type": "string", "format": "date-time"} }
func oaDate() jsonObj                 { return jsonObj{"type": "string", "format": "date"} }
func oaArray(items jsonObj) jsonObj   { return jsonObj{"type": "array", "items": items} }
func oaRef(kind, name string) jsonObj { return jsonObj{"$ref": "#/components/" + kind + "/" + name} }
func oaSchema(name string) jsonObj    { return oaRef("schemas", name) }

func oaObject(props jsonObj, required ...string) jsonObj {
	o := jsonObj{"type": "object", "properties": props}
	if required != nil {
		o["required"] = required
	}
	return o
}

// open is an object documented by its prose rather than field by field:
// its shape belongs to the package that makes it.
func oaOpen(desc string) jsonObj { return jsonObj{"type": "object", "description": desc} }

func oaVisibility() jsonObj {
	return jsonObj{"type": "string", "enum": []string{"public", "unlisted", "private"}}
}

func oaSchemas() jsonObj {
	return jsonObj{
		"Error": oaObject(jsonObj{"error": oaObject(jsonObj{"code": jsonObj{"type": "string",
			"enum": []string{"invalid", "not_found", "conflict", "unauthorized", "internal"}}, "message": oaString()},
			"code", "message")}, "error"),
		"SearchResults": oaObject(jsonObj{"query": oaString(), "results": oaArray(oaObject(jsonObj{"kind": oaString(), "id": oaString(), "name": oaString()}))}),
		"Film":          oaOpen("A catalog film: ids, titles, year, runtime, genres, credits."),
		"Person":        oaOpen("A catalog person with their credits."),
		"AnalyzeRequest": oaObject(jsonObj{"text": oaString(), "film_id": oaString(),
			"format": oaString()}, "text"),
		"AnalyzeReport": oaOpen("The copy desk's report: inferred grade and verdict, links, checks (docs/copydesk.md)."),
		"FilmScores": oaObject(jsonObj{"film_id": oaInt(), "critics": oaSchema("Audience"),
			"top_critics": oaSchema("Audience"), "members": oaSchema("Audience")}),
		"Audience": oaObject(jsonObj{"count": oaInt(), "mean": oaNumber(), "percent_positive": oaInt(),
			"weighted_score": oaInt(), "half_stars": oaArray(oaInt())}, "count", "half_stars"),
		"GradeReading": oaObject(jsonObj{"text": oaString(), "value": oaNumber(), "scale": oaString(), "verdict": oaString()}),
		"Grade":        oaObject(jsonObj{"text": oaString(), "scale": oaString(), "value": oaNumber(), "source": oaString()}),
		"Review":       oaReview(),
		"ReviewPage":   oaObject(jsonObj{"reviews": oaArray(oaSchema("Review")), "next": oaString()}, "reviews"),
		"ReviewFields": oaReviewFields(),
		"ReviewCreate": jsonObj{"allOf": []jsonObj{oaSchema("ReviewFields"), oaObject(jsonObj{"film_id": oaFilmID()}, "film_id")}},
		"PublicUser": oaObject(jsonObj{"name": oaString(), "role": oaString(), "profile": oaOpen("Display name, publication, bio."),
			"created_at": oaTime()}),
		"Account": oaObject(jsonObj{"id": oaInt(), "name": oaString(), "role": oaString(), "profile": oaOpen("Display name, publication, bio."),
			"keep_watchlist": oaBool(), "created_at": oaTime()}),
		"DiaryEntry": oaObject(jsonObj{"id": oaInt(), "user_id": oaInt(), "film_id": oaInt(), "watched_on": oaDate(),
			"rewatch": oaBool(), "liked": oaBool(), "grade": oaSchema("Grade"), "review_id": oaInt(),
			"created_at": oaTime(), "updated_at": oaTime()}),
		"DiaryPage": oaObject(jsonObj{"entries": oaArray(oaSchema("DiaryEntry")), "next": oaString()}, "entries"),
		"DiaryFields": oaObject(jsonObj{"film_id": oaFilmID(), "watched_on": oaDate(), "rewatch": oaBool(),
			"liked": oaBool(), "grade": oaString(), "review_id": oaInt()}),
		"Watchlist": oaObject(jsonObj{"films": oaArray(oaObject(jsonObj{"film_id": oaInt(), "added_at": oaTime()}))}, "films"),
		"List": oaObject(jsonObj{"id": oaInt(), "user_id": oaInt(), "name": oaString(), "description": oaString(),
			"ranked": oaBool(), "visibility": oaVisibility(), "count": oaInt(),
			"created_at": oaTime(), "updated_at": oaTime()}),
		"Lists": oaObject(jsonObj{"lists": oaArray(oaSchema("List"))}, "lists"),
		"ListDetail": jsonObj{"allOf": []jsonObj{oaSchema("List"), oaObject(jsonObj{"seen": oaInt(), "entries": oaArray(oaObject(jsonObj{
			"film_id": oaInt(), "position": oaInt(), "note": oaString(), "seen": oaBool()}))})}},
		"ListFields": oaObject(jsonObj{"name": oaString(), "description": oaString(), "ranked": oaBool(), "visibility": oaVisibility(),
			"entries": oaArray(oaObject(jsonObj{"film_id": oaFilmID(), "note": oaString()}, "film_id"))}),
		"Likes": oaObject(jsonObj{"kind": jsonObj{"type": "string", "enum": []string{"film", "review", "list"}},
			"id": oaString(), "count": oaInt(), "liked": oaBool()}),
		"ImportResult": oaObject(jsonObj{"dry_run": oaBool(),
			"report": oaOpen("How each row of the export matched the catalog: matched, ambiguous, unmatched counts and rows."),
			"stored": oaOpen("What was stored, per kind, and what was skipped; absent on a dry run.")}),
		"ImportJob": oaObject(jsonObj{"id": oaString(),
			"state": jsonObj{"type": "string", "enum": []string{"running", "done", "failed"}},
			"phase": jsonObj{"type": "string", "enum": []string{"queued", "matching", "storing", "done", "failed"}},
			"done":  oaInt(), "total": oaInt(), "dry_run": oaBool(), "error": oaString(), "expires_at": oaTime(),
			"result": oaSchema("ImportResult")}, "id", "state", "phase", "done", "total"),
	}
}

// filmIDInput is a film id in a request: "tt0052357" or its number.
func oaFilmID() jsonObj { return jsonObj{"type": []string{"string", "integer"}} }

func oaReview() jsonObj {
	return oaObject(jsonObj{"id": oaInt(), "user_id": oaInt(), "author": oaString(), "author_display_name": oaString(),
		"film_id": oaInt(), "body": oaString(), "format": oaString(), "html": oaString(), "grade": oaSchema("Grade"),
		"verdict": oaString(), "verdict_stated": oaBool(), "spoilers": oaBool(), "tags": oaArray(oaString()),
		"watched_on": oaDate(), "rewatch": oaBool(), "liked": oaBool(), "visibility": oaVisibility(),
		"source_url": oaString(), "pull_quote": oaString(), "created_at": oaTime(), "updated_at": oaTime()})
}

func oaReviewFields() jsonObj {
	return oaObject(jsonObj{"body": oaString(), "format": jsonObj{"type": "string", "enum": []string{"markdown", "html"}},
		"grade":   jsonObj{"type": "string", "description": `As written: "3.5/5", "B+", "88", "★★★½"; "" for none.`},
		"verdict": oaString(), "spoilers": oaBool(), "tags": oaArray(oaString()), "watched_on": oaDate(),
		"rewatch": oaBool(), "liked": oaBool(), "visibility": oaVisibility(),
		"source_url": oaString(), "pull_quote": oaString()})
}
