// Command imdbgen writes a synthetic IMDb dump of the real dumps' shape, for
// bench/import.sh:
//
//	go run ./bench/imdbgen -titles 2000000 -out /tmp/imdb
//
// By default the other files scale with -titles (2 million titles: 8 million
// principals, 3 million names, 4 million akas, 300,000 ratings); each can be
// set on its own. Output is deterministic for a given seed.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"reel/imdb/synth"
)

func main() {
	titles := flag.Int("titles", 2_000_000, "title.basics and title.crew rows")
	out := flag.String("out", "", "output directory (created if missing)")
	akas := flag.Int("akas", -1, "title.akas rows (default 2 per title)")
	principals := flag.Int("principals", -1, "title.principals rows (default 4 per title)")
	names := flag.Int("names", -1, "name.basics rows (default 1.5 per title)")
	ratings := flag.Int("ratings", -1, "title.ratings rows (default 15% of titles)")
	seed := flag.Uint64("seed", 1, "random seed")
	gz := flag.Bool("gz", false, "write .tsv.gz files")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "imdbgen: -out DIR is required")
		os.Exit(2)
	}
	c := synth.Scaled(*titles)
	for _, o := range []struct {
		flag *int
		dst  *int
	}{{akas, &c.Akas}, {principals, &c.Principals}, {names, &c.Names}, {ratings, &c.Ratings}} {
		if *o.flag >= 0 {
			*o.dst = *o.flag
		}
	}
	c.Seed, c.Gzip = *seed, *gz
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "imdbgen:", err)
		os.Exit(1)
	}
	start := time.Now()
	if err := synth.Write(*out, c); err != nil {
		fmt.Fprintln(os.Stderr, "imdbgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "imdbgen: %d rows (%d titles, %d akas, %d principals, %d names, %d ratings) in %s\n",
		c.Rows(), c.Titles, c.Akas, c.Principals, c.Names, c.Ratings, time.Since(start).Round(time.Millisecond))
}
