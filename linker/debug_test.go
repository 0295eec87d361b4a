package linker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestDebugText links the file named by $LINKDEBUG against the copy-desk
// catalog (testdata/copydesk/catalog, without the research distractors) and
// prints the candidates and the result: a tool for tuning, skipped otherwise.
func TestDebugText(t *testing.T) {
	path := os.Getenv("LINKDEBUG")
	if path == "" {
		t.Skip("set LINKDEBUG to a text file")
	}
	l, err := Build(context.Background(), &TSV{FS: os.DirFS(filepath.Join("..", "testdata", "copydesk", "catalog"))})
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	debugOut = os.Stdout
	res := l.Link(string(body), FilmHint{})
	debugOut = nil
	if res.Film != nil {
		fmt.Printf("film under review: %s %s %.2f\n", res.Film.ID, res.Film.Title, res.Film.Confidence)
	}
	for _, m := range res.Mentions {
		fmt.Printf("%5d %-9s %-24q %s %s %.2f\n", m.Start, m.Kind, m.Text, m.ID, m.Name, m.Confidence)
	}
	for _, c := range res.Checks {
		fmt.Printf("CHECK %s %q %s\n", c.Kind, body[c.Start:c.End], c.Message)
	}
}
