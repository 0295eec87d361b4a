package linker

import (
	"strings"

	"reel/matchkey"
)

// extendTitles lengthens chosen film spans (sorted by start) to the whole
// title the critic wrote when the catalog's form matched only its start:
// the title with an article dropped ("four weddings and funeral") or a
// sequel's subtitle the catalog lacks ("sorority house massacre 2 :
// nightie nightmare").
func (r *run) extendTitles() {
	for n := range r.chosen {
		c := &r.chosen[n]
		if c.kind != kFilm || c.altEnd {
			continue
		}
		limit := len(r.toks)
		if n+1 < len(r.chosen) {
			limit = r.chosen[n+1].i
		}
		if j := r.droppedArticleEnd(c, limit); j > c.j {
			c.j = j
		} else if j := r.sequelSubtitleEnd(c, limit); j > c.j {
			c.j = j
		}
	}
}

// droppedArticleEnd returns the token end of film c's title written on from
// c.i with one or more of its articles left out, or 0. The text must go
// beyond c.j and the title be matched to its last word.
func (r *run) droppedArticleEnd(c *cand, limit int) int {
	tw := matchkey.Words(r.l.filmTitle(c.ref))
	k, skipped := c.i, false
	for t := 0; t < len(tw); t++ {
		if k >= limit || r.toks[k].sent != r.toks[c.i].sent {
			return 0
		}
		if r.toks[k].key == tw[t] {
			k++
			continue
		}
		if !articles[tw[t]] || k == c.i {
			return 0
		}
		skipped = true
	}
	if !skipped || k <= c.j {
		return 0
	}
	return k
}

// maxSubtitle bounds the words of a subtitle read after a sequel number.
const maxSubtitle = 4

// sequelSubtitleEnd returns the token end of a subtitle after a colon that
// follows a title ending in a sequel number ("2 : nightie nightmare ("), up
// to punctuation or the sentence's end, or 0. A title with a subtitle of its
// own in the catalog is left as matched.
func (r *run) sequelSubtitleEnd(c *cand, limit int) int {
	last := c.j - 1
	if c.j >= limit || !maySequelNumber(r.toks[last].key) || strings.Contains(r.l.filmTitle(c.ref), ":") ||
		strings.TrimSpace(r.text[r.toks[last].end:r.toks[c.j].start]) != ":" {
		return 0
	}
	sent := r.toks[last].sent
	for k := c.j; ; k++ {
		if k >= limit || k-c.j >= maxSubtitle || r.toks[k].sent != sent || r.toks[k].has(tokNumber) {
			return 0
		}
		if k+1 == len(r.toks) || r.toks[k+1].sent != sent || strings.TrimSpace(r.text[r.toks[k].end:r.toks[k+1].start]) != "" {
			return k + 1
		}
	}
}
