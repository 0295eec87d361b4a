package copydesk

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"reel/linker"
)

// longReview repeats the test review's paragraphs to about 1,000 words.
func longReview() string {
	var b strings.Builder
	for len(strings.Fields(b.String())) < 1000 {
		b.WriteString(psychoReview[:strings.Index(psychoReview, "In the final act")])
	}
	b.WriteString(psychoReview[strings.Index(psychoReview, "In the final act"):])
	return b.String()
}

var (
	fullOnce   sync.Once
	fullLinker *linker.Linker
	fullErr    error
)

// fullLink builds a linker over the demo catalog joined with the synthetic
// dump in REEL_BENCH_CATALOG (bench/imdbgen's output; the foundation
// benchmark's full size is -titles 2000000), so that the review's names are
// in a catalog of full size. nil when the variable is unset.
func fullLink(tb testing.TB) *linker.Linker {
	dir := os.Getenv("REEL_BENCH_CATALOG")
	if dir == "" {
		return nil
	}
	fullOnce.Do(func() {
		start := time.Now()
		fullLinker, fullErr = linker.Build(context.Background(),
			linker.Multi(&linker.TSV{FS: os.DirFS(demoCatalog)}, &linker.TSV{FS: os.DirFS(dir)}))
		if fullErr == nil {
			tb.Logf("built the full linker in %s: %+v", time.Since(start).Round(time.Millisecond), fullLinker.Stats())
		}
	})
	if fullErr != nil {
		tb.Fatalf("build the full linker: %v", fullErr)
	}
	return fullLinker
}

// BenchmarkAnalyze1000Words times one 1,000-word review without a catalog,
// with the demo catalog and, when REEL_BENCH_CATALOG names a synthetic dump,
// with a full-size one. Besides the mean it reports the median call
// (p50-ms) and the mean throughput (reviews/s), the two targets.
func BenchmarkAnalyze1000Words(b *testing.B) {
	text := longReview()
	cases := []struct {
		name string
		opts Options
	}{{"nocatalog", Options{}}, {"democatalog", Options{Linker: demoLink(b)}}}
	if lk := fullLink(b); lk != nil {
		cases = append(cases, struct {
			name string
			opts Options
		}{"fullcatalog", Options{Linker: lk}})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var wall, cpu []time.Duration
			for b.Loop() {
				start, startCPU := time.Now(), cpuTime()
				if _, err := Analyze(context.Background(), text, c.opts); err != nil {
					b.Fatal(err)
				}
				wall, cpu = append(wall, time.Since(start)), append(cpu, cpuTime()-startCPU)
			}
			reportTimes(b, "", wall)
			reportTimes(b, "cpu-", cpu)
		})
	}
}

// reportTimes adds the median call time and the throughput to a benchmark.
// The wall-clock figures suffer on a shared machine; the process's CPU time
// ("cpu-" prefix; with -cpu 1 one core does all the work, the collector's
// included) is what one core of a quiet machine would take.
func reportTimes(b *testing.B, prefix string, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	var sum time.Duration
	for _, d := range took {
		sum += d
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, prefix+"p50-ms")
	b.ReportMetric(float64(len(took))/sum.Seconds(), prefix+"reviews/s")
}
