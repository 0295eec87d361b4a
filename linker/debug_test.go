package linker_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"reel/linker"
	"reel/linker/linkeval"
)

// TestDebugText links the file named by $LINKDEBUG against the copy-desk
// catalog and prints the result; it is a tool for tuning, skipped otherwise.
func TestDebugText(t *testing.T) {
	path := os.Getenv("LINKDEBUG")
	if path == "" {
		t.Skip("set LINKDEBUG to a text file")
	}
	root, _ := filepath.Abs("..")
	set := linkeval.Set{Repo: root, Data: linkeval.DataDir(root)}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	linker.Debug = true
	res := l.Link(string(body), linker.FilmHint{})
	linker.Debug = false
	if res.Film != nil {
		fmt.Printf("film under review: %s %s %.2f\n", res.Film.ID, res.Film.Title, res.Film.Confidence)
	}
	for _, m := range res.Mentions {
		fmt.Printf("%5d %-9s %-24q %s %s %.2f\n", m.Start, m.Kind, m.Text, m.ID, m.Name, m.Confidence)
	}
	for _, c := range res.Checks {
		fmt.Printf("CHECK %s %q %s\n", c.Kind, string(body[c.Start:c.End]), c.Message)
	}
}
