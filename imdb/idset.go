package imdb

// IMDb ids are dense small integers (tt numbers reach the tens of millions), so
// sets and tables indexed by id cost a few bits or bytes per possible id and
// nothing per row: memory stays flat however many rows a dump has. Both
// structures are paged so that a stray huge id allocates one page, not
// gigabytes.

// maxID bounds the ids the importer accepts; larger numbers are bad rows.
const maxID = 1<<32 - 1

const pageBits = 16 // ids per page: 65,536

// idSet is a paged bitset of ids.
type idSet struct {
	pages [][]uint64
	n     int
}

func (s *idSet) page(id uint32, alloc bool) []uint64 {
	p := int(id >> pageBits)
	if p >= len(s.pages) {
		if !alloc {
			return nil
		}
		s.pages = append(s.pages, make([][]uint64, p+1-len(s.pages))...)
	}
	if s.pages[p] == nil && alloc {
		s.pages[p] = make([]uint64, 1<<pageBits/64)
	}
	return s.pages[p]
}

// Add inserts id and reports whether it was new.
func (s *idSet) Add(id uint32) bool {
	pg := s.page(id, true)
	i, bit := id&(1<<pageBits-1)/64, uint64(1)<<(id%64)
	if pg[i]&bit != 0 {
		return false
	}
	pg[i] |= bit
	s.n++
	return true
}

// Has reports whether id is in the set.
func (s *idSet) Has(id uint32) bool {
	pg := s.page(id, false)
	if pg == nil {
		return false
	}
	return pg[id&(1<<pageBits-1)/64]&(1<<(id%64)) != 0
}

// Len is the number of ids in the set.
func (s *idSet) Len() int { return s.n }

// idValues maps ids to uint32 values, 0 meaning absent. Callers that need to
// store 0 store value+1.
type idValues struct {
	pages [][]uint32
}

func (v *idValues) Get(id uint32) uint32 {
	p := int(id >> pageBits)
	if p >= len(v.pages) || v.pages[p] == nil {
		return 0
	}
	return v.pages[p][id&(1<<pageBits-1)]
}

func (v *idValues) Set(id uint32, x uint32) {
	p := int(id >> pageBits)
	if p >= len(v.pages) {
		v.pages = append(v.pages, make([][]uint32, p+1-len(v.pages))...)
	}
	if v.pages[p] == nil {
		v.pages[p] = make([]uint32, 1<<pageBits)
	}
	v.pages[p][id&(1<<pageBits-1)] = x
}

// Max raises id's value to x if x is larger.
func (v *idValues) Max(id uint32, x uint32) {
	if v.Get(id) < x {
		v.Set(id, x)
	}
}
