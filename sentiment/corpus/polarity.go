package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// PolarityV2 reads txt_sentoken/{neg,pos}/cvNNN_*.txt. Group is the fold
// derived from the cv prefix: the 900 prefixes present (cv000–cv899) are
// cut into 10 contiguous blocks of 90, mirroring the authors' contiguous
// 100-prefix folds. Files are returned sorted by name for determinism.
func PolarityV2(dir string) ([]Doc, error) {
	base := filepath.Join(dir, "pang-lee-polarity-v2.0", "txt_sentoken")
	var docs []Doc
	for _, c := range []struct {
		name  string
		label int
	}{{"neg", 0}, {"pos", 1}} {
		ents, err := os.ReadDir(filepath.Join(base, c.name))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMissing, err)
		}
		names := make([]string, 0, len(ents))
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), "cv") && strings.HasSuffix(e.Name(), ".txt") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			cv, err := strconv.Atoi(n[2:5])
			if err != nil {
				return nil, fmt.Errorf("corpus: bad polarity file name %q", n)
			}
			b, err := os.ReadFile(filepath.Join(base, c.name, n))
			if err != nil {
				return nil, err
			}
			docs = append(docs, Doc{Text: string(b), Label: c.label, Score: -1,
				Group: strconv.Itoa(cv / 90), ID: c.name + "/" + n})
		}
	}
	return docs, nil
}

// PolarityFold returns the 10-fold index of a PolarityV2 document.
func PolarityFold(d Doc) int {
	n, _ := strconv.Atoi(d.Group)
	return n
}
