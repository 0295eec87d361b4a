// Package journalio moves a user's journal in and out of reel: Letterboxd
// exports in (Import) and out (Letterboxd), and reel's own JSON export
// (WriteJSON). The store does the writing and reading; this package matches
// films and converts between the store's records and the export formats.
package journalio

import (
	"context"
	"io"

	"reel/letterboxd"
	"reel/store"
)

// ImportOptions says how to import a Letterboxd export.
type ImportOptions struct {
	Resolutions *letterboxd.Resolutions // nil for none
	DryRun      bool                    // match and report only
	// Progress, when set, is told each phase as it starts and, while
	// matching, how many of the export's film rows are done; storing is
	// one transaction and reports no steps of its own.
	Progress func(Progress)
}

// Progress is how far an import has got.
type Progress struct {
	Phase       Phase
	Done, Total int // film rows matched so far, of all the export's film rows
}

// Phase names a stage of an import.
type Phase string

// The phases, in order.
const (
	Matching Phase = "matching"
	Storing  Phase = "storing"
)

// Import matches exp against the catalog and, unless DryRun, stores every
// matched row for user in one transaction (store.ImportLetterboxd). Rows
// imported before are skipped, so importing again adds nothing twice.
func Import(ctx context.Context, st *store.Store, user store.UserID, exp *letterboxd.Export, opt ImportOptions) (*letterboxd.Report, store.LetterboxdImport, error) {
	m := letterboxd.NewMatcher(st.LetterboxdCatalog(), opt.Resolutions)
	total := 0
	if opt.Progress != nil {
		m.OnProgress(func(done, all int) {
			total = all
			opt.Progress(Progress{Phase: Matching, Done: done, Total: all})
		})
	}
	rep, err := m.MatchExport(ctx, exp)
	if err != nil || opt.DryRun {
		return rep, store.LetterboxdImport{}, err
	}
	if opt.Progress != nil {
		opt.Progress(Progress{Phase: Storing, Done: total, Total: total})
	}
	n, err := st.ImportLetterboxd(ctx, user, exp)
	return rep, n, err
}

// ImportFile opens a Letterboxd export (.zip or folder) and imports it.
func ImportFile(ctx context.Context, st *store.Store, user store.UserID, path string, opt ImportOptions) (*letterboxd.Report, store.LetterboxdImport, error) {
	exp, err := letterboxd.Open(path)
	if err != nil {
		return nil, store.LetterboxdImport{}, err
	}
	return Import(ctx, st, user, exp, opt)
}

// WriteLetterboxd writes user's journal as a Letterboxd export zip.
func WriteLetterboxd(ctx context.Context, st *store.Store, user store.UserID, w io.Writer) error {
	j, err := st.Journal(ctx, user)
	if err != nil {
		return err
	}
	return letterboxd.WriteZip(w, Letterboxd(j))
}
