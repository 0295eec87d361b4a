// Package corpus reads the research corpora the sentiment model is trained
// and evaluated on (Pang & Lee sentence polarity, polarity v2.0 and scale
// data; SST-5 PTB trees). The texts are copyrighted and are only ever read
// from disk at training/evaluation time, never embedded.
package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"reel/researchdata"
)

// Doc is one labelled text.
type Doc struct {
	// Text is the review or snippet as it appears in the corpus, after
	// decoding to UTF-8 and undoing corpus-specific escapes.
	Text string
	// Label is the class: 1 positive / 0 negative for the polarity sets,
	// 0–4 for SST, the 4-class label for the scale data.
	Label int
	// Score is a 0–100 rating where the corpus has one (scale data, SST
	// root label × 25); -1 otherwise.
	Score float64
	// Group names the unit that must not be split across folds: the cv
	// fold number for polarity v2.0, the critic for the scale data, the
	// split name for SST.
	Group string
	// ID identifies the document inside its corpus (file name, line).
	ID string
}

// Dir returns the data directory as package researchdata finds it:
// $REEL_DATA, else shared/data beside the checkout, else the workspace's.
// When none exists it returns $REEL_DATA (or "") so that the caller's
// message names what was looked for.
func Dir() string {
	if d, ok := researchdata.Find(); ok {
		return d
	}
	return os.Getenv(researchdata.Env)
}

// Available reports whether the corpora directory exists.
func Available(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "pang-lee-sentence-polarity-v1.0"))
	return err == nil && st.IsDir()
}

// ErrMissing is returned when a corpus file is absent.
var ErrMissing = errors.New("corpus: data missing")

// Key is the normalised text key used to find the same snippet in two
// corpora (SST re-tokenised the Rotten Tomatoes snippets, so quoting, case
// and spacing differ): lowercase, keep letters and digits, collapse
// everything else to single spaces.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}
