// Command copydesk scores the research corpora with reel's sentiment model
// and with GoVader (a Go port of VADER, a lexicon scorer) side by side, in
// the same run, on one core, and prints texts per second for each, the
// throughput ratio and the accuracy of each:
//
//	go run ./bench/copydesk [-data ../shared/data] [-rounds 5]
//
// Timing alternates the two scorers round by round so the shared machine's
// noise falls on both alike; each figure is the median round, in wall-clock
// and in process CPU time. Accuracy is binary: reel's value ≥ 50 and
// VADER's compound ≥ 0.05 (its authors' threshold) count as positive.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/jonreiter/govader"
	"golang.org/x/text/encoding/charmap"

	"reel/sentiment"
)

// corpus is a set of labelled texts.
type corpus struct {
	name  string
	texts []string
	pos   []bool
}

// scorer names a classifier: positive reports its binary call.
type scorer struct {
	name     string
	positive func(string) bool
}

func main() {
	data := flag.String("data", "../shared/data", "the research data directory")
	rounds := flag.Int("rounds", 5, "timed rounds per scorer and corpus")
	flag.Parse()
	runtime.GOMAXPROCS(1) // one core, as the figure asks
	corpora, err := load(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "copydesk bench:", err)
		os.Exit(1)
	}
	m := sentiment.Default()
	vader := govader.NewSentimentIntensityAnalyzer()
	scorers := []scorer{
		{"reel", func(s string) bool { return m.Score(s).Value >= 50 }},
		{"govader", func(s string) bool { return vader.PolarityScores(s).Compound >= 0.05 }},
	}
	fmt.Printf("%s, GOMAXPROCS=1, %d rounds, median round\n\n", runtime.Version(), *rounds)
	fmt.Println("| corpus | texts | scorer | texts/s (wall) | texts/s (CPU) | accuracy |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, c := range corpora {
		res := measure(c, scorers, *rounds)
		for i, s := range scorers {
			fmt.Printf("| %s | %d | %s | %.0f | %.0f | %.2f %% |\n", c.name, len(c.texts), s.name,
				res[i].wall, res[i].cpu, 100*res[i].acc)
		}
		fmt.Printf("| %s | | reel ÷ govader | %.1f× | %.1f× | %+.2f points |\n", c.name,
			res[0].wall/res[1].wall, res[0].cpu/res[1].cpu, 100*(res[0].acc-res[1].acc))
	}
}

// result is one scorer's figures on one corpus.
type result struct {
	wall, cpu float64 // texts per second, median round
	acc       float64
}

// measure times every scorer over the corpus, alternating who goes first.
func measure(c corpus, scorers []scorer, rounds int) []result {
	wall := make([][]float64, len(scorers))
	cpu := make([][]float64, len(scorers))
	out := make([]result, len(scorers))
	for r := 0; r < rounds; r++ {
		for k := range scorers {
			i := (k + r) % len(scorers)
			runtime.GC() // the previous scorer's garbage is not this one's cost
			start, startCPU := time.Now(), cpuTime()
			right := 0
			for j, t := range c.texts {
				if scorers[i].positive(t) == c.pos[j] {
					right++
				}
			}
			n := float64(len(c.texts))
			wall[i] = append(wall[i], n/time.Since(start).Seconds())
			cpu[i] = append(cpu[i], n/(cpuTime()-startCPU).Seconds())
			out[i].acc = float64(right) / n
		}
	}
	for i := range scorers {
		out[i].wall, out[i].cpu = median(wall[i]), median(cpu[i])
	}
	return out
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// load reads rt-polarity's snippets and polarity v2.0's full reviews.
func load(dir string) ([]corpus, error) {
	rt := corpus{name: "rt-polarity sentences"}
	for _, side := range []struct {
		file string
		pos  bool
	}{{"rt-polarity.pos", true}, {"rt-polarity.neg", false}} {
		lines, err := readLatin(filepath.Join(dir, "pang-lee-sentence-polarity-v1.0", side.file))
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			rt.texts, rt.pos = append(rt.texts, l), append(rt.pos, side.pos)
		}
	}
	v2 := corpus{name: "polarity v2.0 reviews"}
	for _, side := range []struct {
		sub string
		pos bool
	}{{"pos", true}, {"neg", false}} {
		paths, err := filepath.Glob(filepath.Join(dir, "pang-lee-polarity-v2.0", "txt_sentoken", side.sub, "*.txt"))
		if err != nil || len(paths) == 0 {
			return nil, fmt.Errorf("no polarity v2.0 reviews under %s (%v)", dir, err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			v2.texts, v2.pos = append(v2.texts, string(b)), append(v2.pos, side.pos)
		}
	}
	return []corpus{rt, v2}, nil
}

// readLatin reads the non-empty lines of a Windows-1252 file as UTF-8.
func readLatin(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = charmap.Windows1252.NewDecoder().Reader(f)
	sc := bufio.NewScanner(r)
	var out []string
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}
