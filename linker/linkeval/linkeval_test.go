package linkeval

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// repo is the repository root, two levels up from this package.
func repo(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func TestCopyDesk(t *testing.T) {
	root := repo(t)
	data := DataDir(root)
	if data == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("research data not found: set REEL_DATA or place shared/data beside the repository")
		}
		t.Skip("research data not found (set REEL_DATA)")
	}
	set := Set{Repo: root, Data: data}
	l, err := set.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	own, err := set.Own()
	if err != nil {
		t.Fatal(err)
	}
	research, err := set.Research()
	if err != nil {
		t.Fatal(err)
	}
	ro, rr := Evaluate("own reviews", l, own), Evaluate("research reviews", l, research)
	all := Merge("all", ro, rr)
	for _, r := range []*Report{ro, rr, all} {
		r.Write(os.Stdout)
	}
	if testing.Verbose() && os.Getenv("LINKEVAL_ERRORS") != "" {
		for _, e := range all.Errors {
			t.Log(e)
		}
		for _, a := range all.Alarms {
			t.Log("ALARM", a)
		}
	}
}
