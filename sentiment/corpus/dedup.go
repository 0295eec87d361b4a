package corpus

import (
	"strings"
)

// MatchSnippets finds, for every text in a, the texts of b that are the
// same snippet: equal normalised keys (Key), or one key containing the
// other when the shorter has at least minWords words (SST split some
// Rotten Tomatoes snippets into several sentences, and the inverse can
// happen). The result lists b indices per a index.
func MatchSnippets(a, b []string, minWords int) [][]int {
	bk := make([]string, len(b))
	exact := make(map[string][]int, len(b))
	// prefix indexes every window of minWords words of every b key, so
	// that a short a key can be found inside a longer b key.
	windows := make(map[string][]int)
	for j, t := range b {
		k := Key(t)
		bk[j] = " " + k + " "
		exact[k] = append(exact[k], j)
		w := strings.Fields(k)
		for s := 0; s+minWords <= len(w); s++ {
			g := strings.Join(w[s:s+minWords], " ")
			if l := windows[g]; len(l) == 0 || l[len(l)-1] != j {
				windows[g] = append(windows[g], j)
			}
		}
	}
	out := make([][]int, len(a))
	for i, t := range a {
		k := Key(t)
		seen := map[int]bool{}
		for _, j := range exact[k] {
			seen[j] = true
		}
		w := strings.Fields(k)
		if len(w) >= minWords {
			// a inside b: look b up by a's first window, then verify.
			for _, j := range windows[strings.Join(w[:minWords], " ")] {
				if !seen[j] && strings.Contains(bk[j], " "+k+" ") {
					seen[j] = true
				}
			}
			// b inside a: every b key of minWords+ words that occurs in a
			// starts at one of a's windows.
			for s := 0; s+minWords <= len(w); s++ {
				for _, j := range windows[strings.Join(w[s:s+minWords], " ")] {
					if !seen[j] && len(bk[j]) < len(k)+2 && strings.Contains(" "+k+" ", bk[j]) {
						seen[j] = true
					}
				}
			}
		}
		for j := range seen {
			out[i] = append(out[i], j)
		}
		sortInts(out[i])
	}
	return out
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// NearDuplicates finds, for every text in a, the texts of b that share at
// least frac of a's word n-grams. The scale data keeps only the
// subjective sentences of a review, so a scale text is a subset of the
// full review in polarity v2.0 when both hold the same review; n-gram
// containment detects that where whole-text keys cannot.
func NearDuplicates(a, b []string, n int, frac float64) [][]int {
	post := make(map[uint64][]int32)
	for j, t := range b {
		for _, h := range shingles(t, n) {
			if l := post[h]; len(l) == 0 || l[len(l)-1] != int32(j) {
				post[h] = append(post[h], int32(j))
			}
		}
	}
	out := make([][]int, len(a))
	for i, t := range a {
		sh := shingles(t, n)
		if len(sh) == 0 {
			continue
		}
		count := map[int32]int{}
		for _, h := range sh {
			// Very common n-grams ("one of the best films") say nothing.
			if l := post[h]; len(l) <= 20 {
				for _, j := range l {
					count[j]++
				}
			}
		}
		for j, c := range count {
			if float64(c) >= frac*float64(len(sh)) {
				out[i] = append(out[i], int(j))
			}
		}
		sortInts(out[i])
	}
	return out
}

// shingles returns the distinct hashes of the word n-grams of Key(t).
func shingles(t string, n int) []uint64 {
	w := strings.Fields(Key(t))
	seen := map[uint64]bool{}
	var out []uint64
	for s := 0; s+n <= len(w); s++ {
		h := uint64(14695981039346656037)
		for _, x := range w[s : s+n] {
			for k := 0; k < len(x); k++ {
				h = (h ^ uint64(x[k])) * 1099511628211
			}
			h = (h ^ ' ') * 1099511628211
		}
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
