package web_test

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"reel/store"
	"reel/store/storetest"
	"reel/web"
)

// TestOpenAPI checks the served document against the routes the server
// registers: every documented route exists and every route is documented.
func TestOpenAPI(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	srv := httptest.NewServer(web.New(st, web.Options{}))
	t.Cleanup(srv.Close)
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components map[string]map[string]json.RawMessage `json:"components"`
	}
	call(t, srv.URL, apiUser{}, "GET", "/api/v1/openapi.json", nil, 200, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	var documented []string
	for path, item := range doc.Paths {
		for method := range item {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	registered := web.APIPatterns(st)
	slices.Sort(documented)
	slices.Sort(registered)
	for _, p := range registered {
		if !slices.Contains(documented, p) {
			t.Errorf("route %s is not in the OpenAPI document", p)
		}
	}
	for _, p := range documented {
		if !slices.Contains(registered, p) {
			t.Errorf("the OpenAPI document has %s, which the server does not register", p)
		}
	}
	if len(registered) < 30 {
		t.Errorf("only %d API routes registered", len(registered))
	}
	checkRefs(t, doc.Components, doc.Paths)
	checkServed(t, srv.URL, documented)
}

var refPattern = regexp.MustCompile(`"\$ref":\s*"#/components/(\w+)/(\w+)"`)

// checkRefs fails on a $ref to a component the document lacks.
func checkRefs(t *testing.T, components map[string]map[string]json.RawMessage, v any) {
	t.Helper()
	raw, _ := json.Marshal(v)
	comp, _ := json.Marshal(components)
	for _, m := range refPattern.FindAllStringSubmatch(string(raw)+string(comp), -1) {
		if _, ok := components[m[1]][m[2]]; !ok {
			t.Errorf("$ref to missing #/components/%s/%s", m[1], m[2])
		}
	}
}

// checkServed asks for every documented route with placeholder path values
// and fails if the API's catch-all answers: the route is not really served.
func checkServed(t *testing.T, base string, documented []string) {
	t.Helper()
	fill := regexp.MustCompile(`\{\w+\}`)
	for _, p := range documented {
		method, path, _ := strings.Cut(p, " ")
		var e apiErr
		req := httptest.NewRequest(method, base+fill.ReplaceAllString(path, "1"), nil)
		req.RequestURI = ""
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if strings.HasPrefix(e.Error.Message, "no API endpoint") || resp.StatusCode == 405 {
			t.Errorf("%s: answered %d %q", p, resp.StatusCode, e.Error.Message)
		}
	}
}
