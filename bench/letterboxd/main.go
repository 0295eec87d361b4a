// Command letterboxd times `reel import letterboxd` on a synthetic 20-year,
// 10,000-entry Letterboxd export, on SQLite and PostgreSQL:
//
//	go run ./bench/letterboxd [-entries 10000] [-years 20] [-films 50000] [-runs 3] \
//	    [-pg postgres://...] [-bin ./reel]
//
// It invents a catalog (IMDb dataset files of -films films, loaded with
// imdb.Import) and a member's export drawn from it: diary entries with
// rewatches, ratings, tags and reviews, films marked watched, ratings,
// likes, a watchlist and lists, 1 % of films missing from the catalog.
// Each run gets a fresh database and times, in process, what the command
// runs (journalio.ImportFile: open the zip, match every film, store in one
// transaction), then the same import again (which must add nothing), then
// a dry run (open and match only). With -bin it also times the reel binary
// itself on a fresh database. Medians of -runs runs are printed as a table.
//
// -write DIR writes the catalog files and export.zip instead, for timing
// `reel import imdb DIR` and `reel import letterboxd` by hand.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"reel"
	"reel/imdb"
	"reel/journalio"
	"reel/letterboxd"
	"reel/store"
)

type options struct {
	config
	runs    int
	engines []string
	pg      string
	bin     string
	// cpuprofile, when set, profiles the first run's import only: the
	// catalog load and generation would drown it.
	cpuprofile string
}

func main() {
	var o options
	flag.IntVar(&o.Entries, "entries", 10_000, "diary entries")
	flag.IntVar(&o.Years, "years", 20, "years the diary spans")
	flag.IntVar(&o.EndYear, "end", 2024, "last year of the diary")
	flag.IntVar(&o.Films, "films", 50_000, "catalog films")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed")
	flag.IntVar(&o.runs, "runs", 3, "runs per engine (the median is reported)")
	engines := flag.String("engines", "sqlite,postgres", "engines to time")
	flag.StringVar(&o.pg, "pg", os.Getenv("REEL_TEST_POSTGRES"), "PostgreSQL URL; each run uses a fresh schema, dropped afterwards")
	flag.StringVar(&o.bin, "bin", "", "also time this reel binary's `import letterboxd`")
	write := flag.String("write", "", "write the catalog files and export.zip to this directory and exit")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the timed imports to this file")
	flag.Parse()
	o.engines = strings.Split(*engines, ",")
	if err := run(context.Background(), o, *write); err != nil {
		fmt.Fprintln(os.Stderr, "bench/letterboxd:", reel.ErrorMessage(err))
		os.Exit(1)
	}
}

// input is the generated catalog and export.
type input struct {
	catalog fs.FS
	exp     *letterboxd.Export
	zip     string // path of the export
	size    int
}

func run(ctx context.Context, o options, write string) error {
	in, err := generate(o.config, write)
	if err != nil || write != "" {
		return err
	}
	defer os.RemoveAll(filepath.Dir(in.zip))
	describe(in)
	var results []result
	for _, eng := range o.engines {
		if eng == "postgres" && o.pg == "" {
			fmt.Println("postgres: skipped, no -pg URL (or REEL_TEST_POSTGRES)")
			continue
		}
		r, err := timeEngine(ctx, o, eng, in)
		if err != nil {
			return fmt.Errorf("%s: %w", eng, err)
		}
		results = append(results, r)
	}
	printTable(o, in, results)
	return nil
}

// generate builds the world and writes export.zip (and, with dir, the
// catalog files) to disk.
func generate(c config, dir string) (input, error) {
	start := time.Now()
	w := newWorld(c)
	in := input{catalog: w.catalogFS(), exp: w.export()}
	data, err := exportZip(in.exp)
	if err != nil {
		return in, err
	}
	in.size = len(data)
	if dir == "" {
		if dir, err = os.MkdirTemp("", "reel-lb-bench-"); err != nil {
			return in, err
		}
	} else if err := writeCatalog(in.catalog, dir); err != nil {
		return in, err
	}
	in.zip = filepath.Join(dir, "export.zip")
	if err := os.WriteFile(in.zip, data, 0o644); err != nil {
		return in, err
	}
	fmt.Printf("generated in %v: %s (%d kB)\n", time.Since(start).Round(time.Millisecond), in.zip, in.size>>10)
	return in, nil
}

func writeCatalog(fsys fs.FS, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names, _ := fs.Glob(fsys, "*.tsv")
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func describe(in input) {
	e := in.exp
	entries, reviews, rewatches, rated, tagged := 0, 0, 0, 0, 0
	for _, d := range e.Diary {
		entries += 1
		reviews += b2i(d.Review != "")
		rewatches += b2i(d.Rewatch)
		rated += b2i(d.Rating != "")
		tagged += b2i(len(d.Tags) > 0)
	}
	listEntries := 0
	for _, l := range e.Lists {
		listEntries += len(l.Entries)
	}
	fmt.Printf("export: %d diary entries (%d rewatches, %d rated, %d tagged, %d reviewed) from %s to %s;\n"+
		"        %d other reviews, %d ratings, %d watched, %d likes, %d watchlist, %d lists (%d entries)\n",
		entries, rewatches, rated, tagged, reviews, day(e.Diary[0].Watched), day(e.Diary[len(e.Diary)-1].Watched),
		len(e.Reviews), len(e.Ratings), len(e.Watched), len(e.Likes), len(e.Watchlist), len(e.Lists), listEntries)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// result holds one engine's timings, one per run.
type result struct {
	engine                           string
	catalog, imp, again, dry, binary []time.Duration
	rows, matched, unmatched, stored int
}

func timeEngine(ctx context.Context, o options, eng string, in input) (result, error) {
	r := result{engine: eng}
	for i := range o.runs {
		if err := timeRun(ctx, o, eng, in, &r); err != nil {
			return r, err
		}
		if o.bin != "" {
			if err := timeBinary(ctx, o, eng, in, &r); err != nil {
				return r, err
			}
		}
		fmt.Printf("%s run %d: import %v, re-import %v, dry run %v\n", eng, i+1,
			sec(r.imp[i]), sec(r.again[i]), sec(r.dry[i]))
	}
	return r, nil
}

// freshDB returns the address of an empty database and a function that
// removes it.
func freshDB(o options, eng string) (string, func(), error) {
	if eng == "sqlite" {
		dir, err := os.MkdirTemp("", "reel-lb-db-")
		return filepath.Join(dir, "reel.db"), func() { os.RemoveAll(dir) }, err
	}
	if eng != "postgres" {
		return "", nil, fmt.Errorf("unknown engine %q (sqlite or postgres)", eng)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "reelbench_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", o.pg)
	if err != nil {
		return "", nil, err
	}
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		db.Close()
		return "", nil, err
	}
	drop := func() { db.Exec("DROP SCHEMA " + schema + " CASCADE"); db.Close() }
	u, err := url.Parse(o.pg)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// prepare opens a fresh database with the catalog loaded and the member
// added.
func prepare(ctx context.Context, o options, eng string, in input) (*store.Store, store.UserID, string, func(), time.Duration, error) {
	dsn, drop, err := freshDB(o, eng)
	if err != nil {
		return nil, 0, "", nil, 0, err
	}
	st, err := store.Open(ctx, dsn, store.Options{Migrate: true})
	if err != nil {
		drop()
		return nil, 0, "", nil, 0, err
	}
	cleanup := func() { st.Close(); drop() }
	start := time.Now()
	if _, err := imdb.Import(ctx, st, in.catalog, imdb.Options{Types: []string{"movie"}}); err != nil {
		cleanup()
		return nil, 0, "", nil, 0, err
	}
	load := time.Since(start)
	u, err := st.CreateUser(ctx, "bench", "bench-password", store.RoleMember)
	if err != nil {
		cleanup()
		return nil, 0, "", nil, 0, err
	}
	return st, u.ID, dsn, cleanup, load, nil
}

// timeRun times the import, the re-import and a dry run on a fresh
// database, checking that the re-import adds nothing.
func timeRun(ctx context.Context, o options, eng string, in input, r *result) error {
	st, user, _, cleanup, load, err := prepare(ctx, o, eng, in)
	if err != nil {
		return err
	}
	defer cleanup()
	r.catalog = append(r.catalog, load)
	runtime.GC() // start each timing with the catalog load's garbage gone

	stop, err := profile(o.cpuprofile, len(r.imp) == 0)
	if err != nil {
		return err
	}
	start := time.Now()
	rep, n, err := journalio.ImportFile(ctx, st, user, in.zip, journalio.ImportOptions{})
	stop()
	if err != nil {
		return err
	}
	r.imp = append(r.imp, time.Since(start))
	r.rows, r.matched, r.unmatched = len(rep.Rows), rep.Matched, rep.Unmatched
	r.stored = n.Diary + n.Reviews + n.Watched + n.Watchlist + n.Likes + n.Lists + n.ListEntries
	if rep.Ambiguous != 0 || rep.Unmatched*50 > len(rep.Rows) {
		return fmt.Errorf("the synthetic export should match all but about 1 %%: %d rows, %d ambiguous, %d unmatched",
			len(rep.Rows), rep.Ambiguous, rep.Unmatched)
	}

	runtime.GC()
	start = time.Now()
	_, again, err := journalio.ImportFile(ctx, st, user, in.zip, journalio.ImportOptions{})
	if err != nil {
		return err
	}
	r.again = append(r.again, time.Since(start))
	if added := again.Diary + again.Reviews + again.Watched + again.Watchlist + again.Likes + again.Lists + again.ListEntries; added != 0 {
		return fmt.Errorf("the re-import added %d rows: %+v", added, again)
	}

	runtime.GC()
	start = time.Now()
	if _, _, err := journalio.ImportFile(ctx, st, user, in.zip, journalio.ImportOptions{DryRun: true}); err != nil {
		return err
	}
	r.dry = append(r.dry, time.Since(start))
	return nil
}

// profile starts a CPU profile into path when on, and returns its stop.
func profile(path string, on bool) (func(), error) {
	if path == "" || !on {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// timeBinary times `reel import letterboxd` as a user runs it, process
// start and report printing included, on a fresh database.
func timeBinary(ctx context.Context, o options, eng string, in input, r *result) error {
	st, _, dsn, cleanup, _, err := prepare(ctx, o, eng, in)
	if err != nil {
		return err
	}
	defer cleanup()
	st.Close() // the binary opens its own
	cmd := exec.CommandContext(ctx, o.bin, "import", "letterboxd", "--db", dsn, "--user", "bench", in.zip)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", o.bin, err, out)
	}
	r.binary = append(r.binary, time.Since(start))
	return nil
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func sec(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func printTable(o options, in input, results []result) {
	fmt.Printf("\nLetterboxd import, %d-year %d-entry export (%d kB zip), catalog of %d films; median of %d runs, %s, %d CPUs\n\n",
		o.Years, o.Entries, in.size>>10, o.Films, o.runs, runtime.Version(), runtime.NumCPU())
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	head := "engine\tcatalog load\timport\trows/s\tre-import\tdry run (open+match)\trows (matched/unmatched)\tstored\t"
	if o.bin != "" {
		head += "reel binary\t"
	}
	fmt.Fprintln(tw, head)
	for _, r := range results {
		imp := median(r.imp)
		line := fmt.Sprintf("%s\t%s\t%s\t%.0f\t%s\t%s\t%d (%d/%d)\t%d\t", r.engine, sec(median(r.catalog)), sec(imp),
			float64(r.rows)/imp.Seconds(), sec(median(r.again)), sec(median(r.dry)), r.rows, r.matched, r.unmatched, r.stored)
		if o.bin != "" {
			line += sec(median(r.binary)) + "\t"
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
}
