package imdb

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"reel/numfmt"
)

// maxExamples is how many bad rows a file's summary quotes.
const maxExamples = 5

// maxReasons bounds the distinct skip reasons kept per file; a dump with
// thousands of made-up title types cannot grow the summary without limit.
const maxReasons = 32

// FileSummary counts what happened to one dataset file's rows. Read counts
// every data row; each is kept, skipped (a valid row the filters leave out)
// or bad (malformed, reported and skipped).
type FileSummary struct {
	File        string
	Read        int64
	Kept        int64
	Skipped     map[string]int64 // reason → rows
	Bad         int64
	BadExamples []string // "file:line: reason", the first few
	Duration    time.Duration
}

func (f *FileSummary) skip(reason string) {
	if f.Skipped == nil {
		f.Skipped = map[string]int64{}
	}
	if _, ok := f.Skipped[reason]; !ok && len(f.Skipped) >= maxReasons {
		reason = "other"
	}
	f.Skipped[reason]++
}

func (f *FileSummary) bad(line int64, reason string) {
	f.Bad++
	if len(f.BadExamples) < maxExamples {
		f.BadExamples = append(f.BadExamples, fmt.Sprintf("%s:%d: %s", f.File, line, reason))
	}
}

// SkippedTotal is the number of skipped rows, all reasons together.
func (f *FileSummary) SkippedTotal() int64 {
	var n int64
	for _, v := range f.Skipped {
		n += v
	}
	return n
}

// Summary reports an import: one entry per file read, in the order read.
type Summary struct {
	Files    []FileSummary
	Duration time.Duration
}

// Rows is the number of data rows read over all files.
func (s Summary) Rows() int64 {
	var n int64
	for _, f := range s.Files {
		n += f.Read
	}
	return n
}

// File returns the summary of the named dataset ("title.basics"), if read.
func (s Summary) File(base string) (FileSummary, bool) {
	for _, f := range s.Files {
		if strings.HasPrefix(f.File, base+".tsv") {
			return f, true
		}
	}
	return FileSummary{}, false
}

// String is the end-of-import report.
func (s Summary) String() string {
	var b strings.Builder
	secs := s.Duration.Seconds()
	rate := ""
	if secs > 0 {
		rate = fmt.Sprintf(", %s rows/s", thousands(int64(float64(s.Rows())/secs)))
	}
	fmt.Fprintf(&b, "IMDb import: %s rows read in %s%s\n", thousands(s.Rows()), s.Duration.Round(time.Millisecond), rate)
	for _, f := range s.Files {
		fmt.Fprintf(&b, "  %-22s %12s read %12s kept %12s skipped %8s bad  (%s)\n", f.File,
			thousands(f.Read), thousands(f.Kept), thousands(f.SkippedTotal()), thousands(f.Bad), f.Duration.Round(time.Millisecond))
		reasons := make([]string, 0, len(f.Skipped))
		for r := range f.Skipped {
			reasons = append(reasons, r)
		}
		sort.Slice(reasons, func(i, j int) bool {
			a, c := f.Skipped[reasons[i]], f.Skipped[reasons[j]]
			return a > c || a == c && reasons[i] < reasons[j]
		})
		for _, r := range reasons {
			fmt.Fprintf(&b, "      skipped %12s  %s\n", thousands(f.Skipped[r]), r)
		}
		for _, e := range f.BadExamples {
			fmt.Fprintf(&b, "      bad row  %s\n", e)
		}
		if more := f.Bad - int64(len(f.BadExamples)); more > 0 {
			fmt.Fprintf(&b, "      bad row  … and %s more\n", thousands(more))
		}
	}
	return b.String()
}

// thousands formats n with comma separators for the import's reports.
func thousands(n int64) string { return numfmt.Thousands(n) }
