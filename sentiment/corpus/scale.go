package corpus

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Scale reads the scale dataset v1.0: for each critic folder, line i of
// subj.A, rating.A, label.4class.A and id.A describe the same review.
// Score is round(100 × rating); Label is the 4-class label; Group is the
// critic. Critics are returned in sorted order.
func Scale(dir string) ([]Doc, error) {
	base := filepath.Join(dir, "pang-lee-scale-v1.0", "scaledata")
	ents, err := os.ReadDir(base)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	var critics []string
	for _, e := range ents {
		if e.IsDir() {
			critics = append(critics, e.Name())
		}
	}
	sort.Strings(critics)
	var docs []Doc
	for _, a := range critics {
		read := func(kind string) ([]string, error) {
			return lines(filepath.Join(base, a, kind+"."+a))
		}
		subj, err := read("subj")
		if err != nil {
			return nil, err
		}
		rating, err := read("rating")
		if err != nil {
			return nil, err
		}
		lab, err := read("label.4class")
		if err != nil {
			return nil, err
		}
		ids, err := read("id")
		if err != nil {
			return nil, err
		}
		if len(rating) != len(subj) || len(lab) != len(subj) || len(ids) != len(subj) {
			return nil, fmt.Errorf("corpus: %s files disagree in length", a)
		}
		for i := range subj {
			r, err := strconv.ParseFloat(strings.TrimSpace(rating[i]), 64)
			if err != nil {
				return nil, fmt.Errorf("corpus: %s rating line %d: %v", a, i+1, err)
			}
			l, err := strconv.Atoi(strings.TrimSpace(lab[i]))
			if err != nil {
				return nil, fmt.Errorf("corpus: %s label line %d: %v", a, i+1, err)
			}
			docs = append(docs, Doc{Text: subj[i], Label: l, Score: math.Round(100 * r),
				Group: strings.ReplaceAll(a, "+", " "), ID: a + ":" + strings.TrimSpace(ids[i])})
		}
	}
	return docs, nil
}

func lines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}
