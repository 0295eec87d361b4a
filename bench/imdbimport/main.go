// Command imdbimport runs imdb.ImportDir the way `reel import imdb` does, for
// bench/import.sh when the reel command cannot be built on its own:
//
//	go run ./bench/imdbimport [--types T,...] [--min-votes N] --db DSN DIR
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"reel"
	"reel/imdb"
	"reel/store"
)

func main() {
	db := flag.String("db", "reel.db", "SQLite file or postgres:// URL")
	types := flag.String("types", strings.Join(imdb.DefaultTypes, ","), "title types to keep")
	minVotes := flag.Int("min-votes", 0, "keep only titles with at least this many votes")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: imdbimport [--types T,...] [--min-votes N] --db DSN DIR")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *db, strings.Split(*types, ","), *minVotes, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "imdbimport:", reel.ErrorMessage(err))
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(ctx context.Context, dsn string, types []string, minVotes int, dir string) error {
	st, err := store.Open(ctx, dsn, store.Options{Migrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	fi, _ := os.Stderr.Stat()
	term := fi != nil && fi.Mode()&os.ModeCharDevice != 0
	sum, err := imdb.ImportDir(ctx, st, dir, imdb.Options{Types: types, MinVotes: minVotes, Progress: os.Stderr, Terminal: term})
	if err != nil {
		return err
	}
	fmt.Print(sum.String())
	return nil
}
