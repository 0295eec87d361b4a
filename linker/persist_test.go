package linker_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"reel/linker"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	l := testLinker(t)
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	back, err := linker.Load(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	if back.Stats() != l.Stats() {
		t.Errorf("stats after load = %+v, want %+v", back.Stats(), l.Stats())
	}
	text := "Pedro Almodovar's Volver (2005) stars Penélope Cruz as Raimunda; Antonio Banderas is in Pain & Glory and *Her*."
	if a, b := l.Link(text, linker.FilmHint{}), back.Link(text, linker.FilmHint{}); !reflect.DeepEqual(a, b) {
		t.Errorf("Link after load differs:\n%+v\n%+v", a, b)
	}
	var again bytes.Buffer
	if err := back.Save(&again); err != nil || !bytes.Equal(again.Bytes(), saved) {
		t.Errorf("saving a loaded linker gives different bytes (err %v)", err)
	}
}

func TestLoadRejectsDamage(t *testing.T) {
	var buf bytes.Buffer
	if err := testLinker(t).Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not ours":  []byte("PK\x03\x04 a zip file"),
		"truncated": good[:len(good)/3],
		"flipped":   flipped,
	} {
		if _, err := linker.Load(bytes.NewReader(data)); err == nil || !strings.HasPrefix(err.Error(), "linker: load") {
			t.Errorf("%s: Load error = %v, want a linker: load error", name, err)
		}
	}
}
