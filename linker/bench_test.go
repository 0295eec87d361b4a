package linker_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel"
	"reel/linker"
)

// review1000 joins four of the copy desk's own reviews: 1,100 words of real
// critic's prose.
func review1000(tb testing.TB) string {
	var b strings.Builder
	for _, name := range []string{"05-heat.md", "06-amour.md", "12-crouching-tiger.md", "13-no-country.md"} {
		body, err := os.ReadFile(filepath.Join("..", "testdata", "copydesk", "reviews", name))
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(body)
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkLink1000 links a 1,100-word review against the copy desk's
// catalog. For the full-scale figure see cmd/linkbench.
func BenchmarkLink1000(b *testing.B) {
	l, err := linker.Build(context.Background(), &linker.TSV{FS: os.DirFS(filepath.Join("..", "testdata", "copydesk", "catalog"))})
	if err != nil {
		b.Fatal(err)
	}
	text := review1000(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		l.Link(text, linker.FilmHint{})
	}
}

// BenchmarkBuild builds from an in-process synthetic catalog of 20,000 films
// and 40,000 people; cmd/linkbench measures the full IMDb size.
func BenchmarkBuild(b *testing.B) {
	src := synthetic(20000, 40000)
	for b.Loop() {
		if _, err := linker.Build(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}

func synthetic(films, people int) *linker.Mem {
	words := strings.Fields("love night city return house red blue last first dark road summer winter river king queen son daughter")
	src := &linker.Mem{}
	for i := range films {
		title := words[i%len(words)] + " " + words[(i/len(words))%len(words)] + fmt.Sprint(" ", i%97)
		src.Films = append(src.Films, reel.Film{ID: reel.FilmID(i + 1), Type: "movie", Title: title, OriginalTitle: title,
			Year: 1950 + i%70, Votes: (i * 7919) % 500000})
	}
	for j := range people {
		src.People = append(src.People, reel.Person{ID: reel.PersonID(j + 1), Name: fmt.Sprintf("%s Person%d", words[j%len(words)], j)})
		src.Credits = append(src.Credits, reel.Credit{FilmID: reel.FilmID(j%films + 1), PersonID: reel.PersonID(j + 1),
			Ordering: j % 10, Category: "actor", Characters: []string{fmt.Sprintf("Role %d", j)}})
	}
	return src
}
