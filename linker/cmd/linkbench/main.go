// Command linkbench measures the entity linker at catalog scale: build time
// and memory from IMDb-shaped TSV files (e.g. bench/imdbgen's synthetic
// dump), save and load, and the time to link a review of about 1,000 words.
//
//	go run ./bench/imdbgen -titles 2000000 -out /tmp/imdb
//	go run ./linker/cmd/linkbench -dir /tmp/imdb -types all
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"reel/linker"
)

func main() {
	dir := flag.String("dir", "", "directory of IMDb TSV files (.tsv or .tsv.gz)")
	types := flag.String("types", "", `title types to keep, comma-separated; "all" for every type (default: films and series)`)
	save := flag.String("save", "", "save the built linker here and time loading it back")
	review := flag.String("review", "", "text to link (default: a generated review of about 1,000 words)")
	runs := flag.Int("runs", 200, "Link calls to time")
	load := flag.String("load", "", "load a saved linker instead of building (then -dir is not needed)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the Link calls here")
	flag.Parse()
	profile = *cpuprofile
	if *load != "" {
		if err := runLoaded(*load, *review, *runs); err != nil {
			fmt.Fprintln(os.Stderr, "linkbench:", err)
			os.Exit(1)
		}
		return
	}
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "linkbench: -dir is required")
		os.Exit(2)
	}
	if err := run(*dir, *types, *save, *review, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "linkbench:", err)
		os.Exit(1)
	}
}

func run(dir, types, save, reviewPath string, runs int) error {
	src := &linker.TSV{FS: os.DirFS(dir)}
	switch types {
	case "":
	case "all":
		src.Types = []string{"movie", "tvMovie", "tvSeries", "tvMiniSeries", "tvSpecial", "video", "short", "tvEpisode", "tvShort", "videoGame", "tvPilot"}
	default:
		src.Types = strings.Split(types, ",")
	}
	start := time.Now()
	l, err := linker.Build(context.Background(), src)
	if err != nil {
		return err
	}
	build := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	st := l.Stats()
	fmt.Printf("build: %s; %d films, %d people, %d credits, %d words, %d phrases, %d refs\n",
		build.Round(time.Millisecond), st.Films, st.People, st.Credits, st.Words, st.Phrases, st.Refs)
	fmt.Printf("memory: tables %d MiB, live heap %d MiB, peak RSS %s\n", st.Bytes>>20, ms.HeapAlloc>>20, peakRSS())
	if save != "" {
		if err := saveLoad(l, save); err != nil {
			return err
		}
	}
	text := generatedReview(l)
	if reviewPath != "" {
		b, err := os.ReadFile(reviewPath)
		if err != nil {
			return err
		}
		text = string(b)
	}
	return timeLink(l, text, runs)
}

var profile string

func runLoaded(path, reviewPath string, runs int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	l, err := linker.Load(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return err
	}
	fmt.Printf("load: %s\n", time.Since(start).Round(time.Millisecond))
	text := generatedReview(l)
	if reviewPath != "" {
		b, err := os.ReadFile(reviewPath)
		if err != nil {
			return err
		}
		text = string(b)
	}
	return timeLink(l, text, runs)
}

func saveLoad(l *linker.Linker, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := l.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	saved := time.Since(start)
	fi, _ := os.Stat(path)
	f, err = os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	start = time.Now()
	if _, err := linker.Load(bufio.NewReaderSize(f, 1<<20)); err != nil {
		return err
	}
	fmt.Printf("save: %s, %d MiB; load: %s\n", saved.Round(time.Millisecond), fi.Size()>>20, time.Since(start).Round(time.Millisecond))
	return nil
}

func timeLink(l *linker.Linker, text string, runs int) error {
	words := len(strings.Fields(text))
	res := l.Link(text, linker.FilmHint{})
	times := make([]time.Duration, runs)
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	// The machine is shared: wall time includes waiting for a core, so the
	// thread's own CPU time is measured too.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu := make([]time.Duration, runs)
	for i := range times {
		start, startCPU := time.Now(), threadCPU()
		l.Link(text, linker.FilmHint{})
		times[i], cpu[i] = time.Since(start), threadCPU()-startCPU
	}
	slices.Sort(times)
	slices.Sort(cpu)
	q := func(d []time.Duration, p int) time.Duration { return d[len(d)*p/100].Round(time.Microsecond) }
	fmt.Printf("link: %d words, %d mentions over %d runs; wall p50 %s p90 %s p99 %s; cpu p50 %s p90 %s\n", words,
		len(res.Mentions), runs, q(times, 50), q(times, 90), q(times, 99), q(cpu, 50), q(cpu, 90))
	return nil
}

// threadCPU is the CPU time the calling OS thread has used (Linux).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rusageThread is RUSAGE_THREAD, which package syscall does not name.
const rusageThread = 1

// generatedReview writes a review-shaped text of about 1,000 words that
// names films and people of the catalog, so that Link does the work of a
// real review: lookups, candidates, context.
func generatedReview(l *linker.Linker) string {
	names := l.SampleNames(40)
	var b strings.Builder
	filler := strings.Fields(`The film opens quietly and takes its time, and the director trusts the actors with long takes that
		most studios would cut. It is a film about memory and regret, and about the heat of a summer that will not end.
		Her performance is the reason to see it, though the script wanders in the second hour and up close the seams show.`)
	for w := 0; w < 1000; {
		for _, f := range filler {
			b.WriteString(f)
			b.WriteByte(' ')
			w++
		}
		n := names[(w/len(filler))%len(names)]
		b.WriteString(n)
		b.WriteString(" is, as ever, remarkable. ")
		w += len(strings.Fields(n)) + 4
	}
	return b.String()
}

// peakRSS reads the process's peak resident set size from /proc (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
