// Package demo holds the bundled demo data: a catalog of a few hundred
// well-known films in IMDb's TSV format, written for the project from public
// facts, loaded by `reel demo`.
package demo

import (
	"context"
	"embed"
	"io/fs"

	"reel"
	"reel/copydesk"
	"reel/imdb"
	"reel/store"
)

//go:embed catalog/*.tsv
var files embed.FS

// Catalog returns the demo catalog's files.
func Catalog() fs.FS {
	sub, err := fs.Sub(files, "catalog")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sub
}

// Load imports the demo catalog into st, keeping every title type, then the
// demo users with their reviews, diaries, watchlists and lists (LoadReviews),
// and has the copy desk infer the ungraded reviews' scores.
func Load(ctx context.Context, st *store.Store) (imdb.Summary, error) {
	sum, err := imdb.Import(ctx, st, Catalog(), imdb.Options{Types: []string{"movie", "tvMovie", "short", "video", "tvSeries", "tvMiniSeries"}})
	if err != nil {
		return sum, reel.Wrap(err, reel.Internal, "load the demo catalog")
	}
	if _, err := LoadReviews(ctx, st); err != nil {
		return sum, reel.Wrap(err, reel.ErrorCode(err), "load the demo reviews")
	}
	if _, err := copydesk.InferScores(ctx, st); err != nil {
		return sum, reel.Wrap(err, reel.ErrorCode(err), "infer the ungraded demo reviews' scores")
	}
	return sum, nil
}
