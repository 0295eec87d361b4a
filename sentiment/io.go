package sentiment

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// The weights file is gzip-compressed:
//
//	magic "REELSENT" version byte
//	Options: Bits and five flag bytes
//	Params: float64s, little-endian, in declaration order
//	vocab: uvarint count, then uvarint deltas of the sorted hashes
//	weights: float64 scale per head, uvarint count of non-zero buckets,
//	         then per bucket a uvarint id delta and NumHeads int16s
//	         (pol, val, sent, short val)
//
// Weights are quantised to int16 of their head's largest magnitude: the
// error (< 2e-5 of the largest weight) is far below what training noise
// moves, and it halves the file.
const (
	magic   = "REELSENT"
	version = 3 // 2: sentence head and snippet value head; 3: PlattLong reads the sentence head (whole text and closing sentences)
)

//go:embed model.bin.gz
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded once. If the embedded file is
// unusable (a broken build), it returns an empty model whose every score
// is a mixed verdict with zero confidence; LoadError tells why.
func Default() *Model {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(embedded))
		if defaultErr != nil {
			defaultModel = &Model{Opts: Options{Bits: 1}}
		}
	})
	return defaultModel
}

// LoadError reports why Default fell back to an empty model, if it did.
func LoadError() error {
	Default()
	return defaultErr
}

// Save writes m in the weights file format.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	bw.WriteByte(version)
	o := m.Opts
	bw.Write([]byte{o.Bits, b2u(o.Bigrams), b2u(o.Trigrams), b2u(o.Negation), b2u(o.Contrast), b2u(o.Tail)})
	if err := binary.Write(bw, binary.LittleEndian, m.Params); err != nil {
		return err
	}
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	uv(uint64(len(m.Vocab)))
	prev := uint64(0)
	for _, h := range m.Vocab {
		uv(h - prev)
		prev = h
	}
	var scale [NumHeads]float64
	for i, w := range m.W {
		scale[i%NumHeads] = math.Max(scale[i%NumHeads], math.Abs(float64(w)))
	}
	var qs [NumHeads]int16
	bucket := func(b int) bool { // quantises bucket b into qs, reports non-zero
		nz := false
		for k := range qs {
			qs[k] = q(m.W[NumHeads*b+k], scale[k])
			nz = nz || qs[k] != 0
		}
		return nz
	}
	nb := len(m.W) / NumHeads
	nz := 0
	for b := 0; b < nb; b++ {
		if bucket(b) {
			nz++
		}
	}
	binary.Write(bw, binary.LittleEndian, scale)
	uv(uint64(nz))
	last := 0
	for b := 0; b < nb; b++ {
		if !bucket(b) {
			continue
		}
		uv(uint64(b - last))
		last = b
		binary.Write(bw, binary.LittleEndian, qs)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func q(w float32, scale float64) int16 {
	if scale == 0 {
		return 0
	}
	return int16(math.Round(float64(w) / scale * math.MaxInt16))
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	head := make([]byte, len(magic)+1+6)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, err
	}
	if string(head[:len(magic)]) != magic || head[len(magic)] != version {
		return nil, errors.New("sentiment: not a model file of this version")
	}
	f := head[len(magic)+1:]
	m := &Model{Opts: Options{Bits: f[0], Bigrams: f[1] == 1, Trigrams: f[2] == 1,
		Negation: f[3] == 1, Contrast: f[4] == 1, Tail: f[5] == 1}}
	if m.Opts.Bits < 1 || m.Opts.Bits > 26 {
		return nil, fmt.Errorf("sentiment: bad feature bits %d", m.Opts.Bits)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.Params); err != nil {
		return nil, err
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<24 {
		return nil, fmt.Errorf("sentiment: bad vocabulary size")
	}
	m.Vocab = make([]uint64, n)
	prev := uint64(0)
	for i := range m.Vocab {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		prev += d
		m.Vocab[i] = prev
	}
	var scale [NumHeads]float64
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	dim := 1 << m.Opts.Bits
	m.W = make([]float32, NumHeads*dim)
	nz, err := binary.ReadUvarint(br)
	if err != nil || nz > uint64(dim) {
		return nil, fmt.Errorf("sentiment: bad weight count")
	}
	id := 0
	var buf [2 * NumHeads]byte
	var k [NumHeads]float32
	for h := range k {
		k[h] = float32(scale[h] / math.MaxInt16)
	}
	for range nz {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		id += int(d)
		if id >= dim {
			return nil, fmt.Errorf("sentiment: weight id out of range")
		}
		if _, err := io.ReadFull(br, buf[:]); err != nil {
			return nil, err
		}
		for h := range k {
			m.W[NumHeads*id+h] = float32(int16(binary.LittleEndian.Uint16(buf[2*h:]))) * k[h]
		}
	}
	m.indexVocab()
	return m, nil
}
