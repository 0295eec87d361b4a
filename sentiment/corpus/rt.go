package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// SentencePolarity reads rt-polarity.pos/.neg (Windows-1252, one snippet a
// line). Lines are split on '\n' only: byte 0x85 is an ellipsis here, not
// a line break. Negatives come first, each file in line order.
func SentencePolarity(dir string) ([]Doc, error) {
	base := filepath.Join(dir, "pang-lee-sentence-polarity-v1.0")
	var docs []Doc
	for _, f := range []struct {
		ext   string
		label int
	}{{"neg", 0}, {"pos", 1}} {
		raw, err := os.ReadFile(filepath.Join(base, "rt-polarity."+f.ext))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMissing, err)
		}
		utf, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, err
		}
		for i, line := range bytes.Split(utf, []byte{'\n'}) {
			t := strings.TrimSpace(string(line))
			if t == "" {
				continue
			}
			docs = append(docs, Doc{Text: t, Label: f.label, Score: -1,
				ID: fmt.Sprintf("%s:%d", f.ext, i+1)})
		}
	}
	return docs, nil
}
