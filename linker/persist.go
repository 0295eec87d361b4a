package linker

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"unsafe"
)

// The saved form is the Linker's columns written one after another, each as a
// length and little-endian elements, then a CRC-32 of everything before it.
// Loading is a few large reads with no parsing, so a full-catalog matcher
// comes back in seconds instead of the minutes a rebuild from the store takes.
const magic = "reel-linker-v3\n"

// Save writes l to w.
func (l *Linker) Save(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	crc := crc32.NewIEEE()
	out := io.MultiWriter(bw, crc)
	if _, err := io.WriteString(out, magic); err != nil {
		return fmt.Errorf("linker: save: %w", err)
	}
	for _, col := range l.columns() {
		if err := col.write(out); err != nil {
			return fmt.Errorf("linker: save: %w", err)
		}
	}
	if err := binary.Write(bw, binary.LittleEndian, crc.Sum32()); err != nil {
		return fmt.Errorf("linker: save: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("linker: save: %w", err)
	}
	return nil
}

// Load reads a Linker written by Save.
func Load(r io.Reader) (*Linker, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	crc := crc32.NewIEEE()
	in := io.TeeReader(br, crc)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(in, head); err != nil || string(head) != magic {
		return nil, errors.New("linker: load: not a saved linker (or from another version)")
	}
	l := &Linker{words: newDict()}
	for _, col := range l.columns() {
		if err := col.read(in); err != nil {
			return nil, fmt.Errorf("linker: load: %w", err)
		}
	}
	var sum uint32
	if err := binary.Read(br, binary.LittleEndian, &sum); err != nil {
		return nil, fmt.Errorf("linker: load: %w", err)
	}
	if sum != crc.Sum32() {
		return nil, errors.New("linker: load: checksum mismatch (file damaged)")
	}
	l.words.rehash(slotsFor(l.words.len()))
	l.indexKinds()
	return l, nil
}

func slotsFor(n int) int {
	s := 1 << 10
	for s < 2*n+2 {
		s *= 2
	}
	return s
}

// column is one slice of the Linker, by pointer.
type column interface {
	write(io.Writer) error
	read(io.Reader) error
}

type col[T bool | uint8 | uint16 | uint32 | uint64] struct{ p *[]T }

func (l *Linker) columns() []column {
	return []column{
		col[uint8]{&l.words.words.blob}, col[uint32]{&l.words.words.off},
		col[uint8]{&l.str.blob}, col[uint32]{&l.str.off},
		col[uint32]{&l.films.id}, col[uint32]{&l.films.title}, col[uint32]{&l.films.orig},
		col[uint16]{&l.films.year}, col[uint32]{&l.films.votes}, col[bool]{&l.films.series},
		col[uint32]{&l.people.id}, col[uint32]{&l.people.name}, col[uint32]{&l.people.pop},
		col[uint32]{&l.credits.filmStart}, col[uint32]{&l.credits.person}, col[uint8]{&l.credits.cat},
		col[uint32]{&l.credits.chars}, col[uint32]{&l.credits.personStart}, col[uint32]{&l.credits.byPerson},
		col[uint32]{&l.credits.film},
		col[uint32]{&l.ph.toks}, col[uint32]{&l.ph.start}, col[uint32]{&l.ph.first},
		col[uint32]{&l.ph.refOff}, col[uint32]{&l.ph.refs}, col[uint8]{&l.ph.forms},
		col[uint64]{&l.firstNames}, col[uint64]{&l.byFirst},
	}
}

// chunk bounds the bytes converted at once, so saving never doubles the
// memory of a large column.
const chunk = 1 << 16

func (c col[T]) write(w io.Writer) error {
	s := *c.p
	if err := binary.Write(w, binary.LittleEndian, uint64(len(s))); err != nil {
		return err
	}
	for len(s) > 0 {
		n := min(len(s), chunk)
		if err := binary.Write(w, binary.LittleEndian, s[:n]); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}

// maxColumn rejects lengths no real catalog reaches, so a damaged file fails
// cleanly instead of asking for terabytes.
const maxColumn = 1 << 31

func (c col[T]) read(r io.Reader) error {
	var n uint64
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return err
	}
	var zero T
	if n > maxColumn/uint64(unsafe.Sizeof(zero)) {
		return fmt.Errorf("column of %d elements: file damaged", n)
	}
	s := make([]T, 0, min(n, 1<<26))
	part := make([]T, min(n, chunk))
	for uint64(len(s)) < n {
		k := min(int(n)-len(s), chunk)
		if err := binary.Read(r, binary.LittleEndian, part[:k]); err != nil {
			return err
		}
		s = append(s, part[:k]...)
	}
	*c.p = s
	return nil
}
