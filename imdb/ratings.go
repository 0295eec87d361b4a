package imdb

import "sort"

// ratings holds every title's IMDb rating and vote count in 8 bytes a title,
// sorted by id: about 12 MB for the full dump's 1.5 million rated titles. A
// dense table indexed by id would cost 4 bytes for every possible id instead,
// rated or not.
type ratings struct {
	ids    []uint32
	packed []uint32 // votes<<7 | rating in tenths (0..100)
	sorted bool

	lastID  uint32 // one-entry cache: dependent files list a title's rows together
	lastVal uint32
	lastOK  bool
}

const maxVotes = 1<<25 - 1 // 33 million; the most-voted title has about 3 million

func newRatings() *ratings { return &ratings{sorted: true} }

// add records a title's rating (in tenths) and votes; later entries for the
// same id win.
func (r *ratings) add(id uint32, tenths, votes int) {
	if votes > maxVotes {
		votes = maxVotes
	}
	if n := len(r.ids); n > 0 && r.ids[n-1] >= id {
		r.sorted = false
	}
	r.ids = append(r.ids, id)
	r.packed = append(r.packed, uint32(votes)<<7|uint32(tenths))
	r.lastOK = false
}

// finish sorts the table once all ratings are in; the dumps are already sorted,
// so this is usually free.
func (r *ratings) finish() {
	if r.sorted {
		return
	}
	idx := make([]int, len(r.ids))
	for i := range idx {
		idx[i] = i
	}
	// Stable, so the last of duplicate ids stays last and wins in lookup.
	sort.SliceStable(idx, func(a, b int) bool { return r.ids[idx[a]] < r.ids[idx[b]] })
	ids, packed := make([]uint32, len(idx)), make([]uint32, len(idx))
	for i, j := range idx {
		ids[i], packed[i] = r.ids[j], r.packed[j]
	}
	r.ids, r.packed, r.sorted = ids, packed, true
}

// get returns a title's votes and rating in tenths; ok is false for a title
// without a rating.
func (r *ratings) get(id uint32) (votes int, tenths int, ok bool) {
	if r.lastOK && r.lastID == id {
		return unpack(r.lastVal)
	}
	// Find the last entry with this id, so later duplicates win.
	i := sort.Search(len(r.ids), func(i int) bool { return r.ids[i] > id }) - 1
	if i < 0 || r.ids[i] != id {
		return 0, 0, false
	}
	r.lastID, r.lastVal, r.lastOK = id, r.packed[i], true
	return unpack(r.packed[i])
}

func unpack(v uint32) (votes, tenths int, ok bool) {
	return int(v >> 7), int(v & 127), true
}

// votes returns a title's vote count, 0 when unrated.
func (r *ratings) votes(id uint32) int {
	v, _, _ := r.get(id)
	return v
}
