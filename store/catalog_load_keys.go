package store

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"slices"
)

// keySorter sorts the search keys of a load outside the database: an external
// merge sort with runs of bounded size in unlinked temporary files. Writing
// the merged stream into search_keys in key order turns random B-tree inserts
// into appends, on both engines, and on SQLite sorting in Go measured cheaper
// than staging the keys in a table for SQLite's sorter (docs/performance.md).
type keySorter struct {
	dir   string // for the runs: beside the database, which has the space
	buf   []keyRec
	bytes int
	runs  []*os.File
}

type keyRec struct {
	key  string
	kind int64
	ref  int64
	pop  int64
}

// keyRunBytes bounds the memory of one run: about a million keys.
var keyRunBytes = 48 << 20

// keyRecBytes is what a key costs in a run besides its text: the record
// and the string header's share of the heap.
const keyRecBytes = 48

func compareKeys(a, b keyRec) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	if c := cmp.Compare(a.kind, b.kind); c != 0 {
		return c
	}
	return cmp.Compare(a.ref, b.ref)
}

func (k *keySorter) add(r keyRec) error {
	if k.buf == nil {
		// One allocation for a whole run: growing the buffer by appends
		// copied it (and its pointers, under the GC's write barrier) about
		// twenty times per run, a tenth of a title.basics import's CPU.
		k.buf = make([]keyRec, 0, keyRunBytes/keyRecBytes)
	}
	k.buf = append(k.buf, r)
	k.bytes += len(r.key) + keyRecBytes
	if k.bytes >= keyRunBytes {
		return k.spill()
	}
	return nil
}

// sortBuf sorts the buffer and folds duplicates, keeping the highest pop.
func (k *keySorter) sortBuf() {
	slices.SortFunc(k.buf, compareKeys)
	out := k.buf[:0]
	for _, r := range k.buf {
		if n := len(out); n > 0 && compareKeys(out[n-1], r) == 0 {
			out[n-1].pop = max(out[n-1].pop, r.pop)
			continue
		}
		out = append(out, r)
	}
	clear(k.buf[len(out):])
	k.buf = out
}

// spill writes the sorted buffer as one run.
func (k *keySorter) spill() error {
	k.sortBuf()
	f, err := os.CreateTemp(k.dir, ".reel-keys-*")
	if err != nil {
		return err
	}
	os.Remove(f.Name()) // unlinked: nothing is left behind, even after kill -9
	k.runs = append(k.runs, f)
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	for _, r := range k.buf {
		b = binary.AppendUvarint(b[:0], uint64(len(r.key)))
		b = append(b, r.key...)
		b = binary.AppendVarint(b, r.kind)
		b = binary.AppendVarint(b, r.ref)
		b = binary.AppendVarint(b, r.pop)
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	clear(k.buf)
	k.buf, k.bytes = k.buf[:0], 0
	return nil
}

// each calls fn for every distinct key in order, with its highest pop.
func (k *keySorter) each(fn func(keyRec) error) error {
	if len(k.runs) == 0 {
		k.sortBuf()
		for _, r := range k.buf {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	if len(k.buf) > 0 {
		if err := k.spill(); err != nil {
			return err
		}
	}
	h := &runHeap{}
	for _, f := range k.runs {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		rr := &runReader{r: bufio.NewReaderSize(f, 256<<10)}
		if ok, err := rr.next(); err != nil {
			return err
		} else if ok {
			h.rs = append(h.rs, rr)
		}
	}
	heap.Init(h)
	var last keyRec
	have := false
	for h.Len() > 0 {
		rr := h.rs[0]
		r := rr.cur
		if have && compareKeys(last, r) == 0 {
			last.pop = max(last.pop, r.pop)
		} else {
			if have {
				if err := fn(last); err != nil {
					return err
				}
			}
			last, have = r, true
		}
		ok, err := rr.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	if have {
		return fn(last)
	}
	return nil
}

func (k *keySorter) close() {
	for _, f := range k.runs {
		f.Close()
	}
	k.runs, k.buf = nil, nil
}

type runReader struct {
	r   *bufio.Reader
	cur keyRec
	key []byte
}

var errBadRun = errors.New("corrupt search key run")

func (rr *runReader) next() (bool, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil || n > 1<<20 {
		return false, errBadRun
	}
	if cap(rr.key) < int(n) {
		rr.key = make([]byte, n)
	}
	rr.key = rr.key[:n]
	if _, err := io.ReadFull(rr.r, rr.key); err != nil {
		return false, errBadRun
	}
	var v [3]int64
	for i := range v {
		if v[i], err = binary.ReadVarint(rr.r); err != nil {
			return false, errBadRun
		}
	}
	rr.cur = keyRec{key: string(rr.key), kind: v[0], ref: v[1], pop: v[2]}
	return true, nil
}

type runHeap struct{ rs []*runReader }

func (h *runHeap) Len() int           { return len(h.rs) }
func (h *runHeap) Less(i, j int) bool { return compareKeys(h.rs[i].cur, h.rs[j].cur) < 0 }
func (h *runHeap) Swap(i, j int)      { h.rs[i], h.rs[j] = h.rs[j], h.rs[i] }
func (h *runHeap) Push(x any)         { h.rs = append(h.rs, x.(*runReader)) }
func (h *runHeap) Pop() any {
	x := h.rs[len(h.rs)-1]
	h.rs = h.rs[:len(h.rs)-1]
	return x
}
