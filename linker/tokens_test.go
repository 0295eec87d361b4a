package linker

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	text := "Almodóvar's “Volver” (2006). L.A. Confidential, 8½ & Wong Kar-wai!"
	toks := tokenize(text)
	var keys []string
	for _, tk := range toks {
		keys = append(keys, tk.key)
	}
	if got := strings.Join(keys, " "); got != "almodovars volver 2006 la confidential 8 1 2 and wong kar wai" {
		t.Fatalf("keys = %q", got)
	}
	first := toks[0]
	if text[first.start:first.end] != "Almodóvar's" || first.alt != "almodovar" || !first.has(tokPossessive) || !first.has(tokAccent) || !first.has(tokCap) {
		t.Errorf("first token = %+v", first)
	}
	if !toks[3].has(tokSentStart) || toks[4].has(tokSentStart) {
		t.Errorf("sentence starts: %q %v, %q %v", toks[3].key, toks[3].has(tokSentStart), toks[4].key, toks[4].has(tokSentStart))
	}
	if text[toks[5].start:toks[7].end] != "8½" || toks[6].start != toks[7].start {
		t.Errorf("8½ should span its three tokens: %+v %+v %+v", toks[5], toks[6], toks[7])
	}
	if !toks[11].has(tokJoined) || toks[10].has(tokJoined) {
		t.Errorf("Kar-wai: %q joined=%v, %q joined=%v", toks[10].key, toks[10].has(tokJoined), toks[11].key, toks[11].has(tokJoined))
	}
	for _, tk := range toks {
		if tk.start < 0 || int(tk.end) > len(text) || tk.start >= tk.end {
			t.Errorf("token %+v: bad span", tk)
		}
	}
}

func TestTokenizeInitialsDoNotEndSentences(t *testing.T) {
	toks := tokenize("Samuel L. Jackson and Mr. Smith met. Then")
	for _, tk := range toks {
		if tk.has(tokSentStart) && tk.key != "samuel" && tk.key != "then" {
			t.Errorf("%q starts a sentence", tk.key)
		}
	}
}

func TestDict(t *testing.T) {
	d := newDict()
	var ids []uint32
	for i := range 5000 {
		ids = append(ids, d.intern("w"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i)))
	}
	if d.intern("wa0") != ids[0] || d.lookup("wa0") != ids[0] || d.lookup("missing") != 0 || d.lookup("") != 0 {
		t.Fatal("intern is not idempotent or lookup is wrong")
	}
	d.rehash(1 << 16)
	for i, id := range ids {
		if d.lookup(d.word(id)) != id {
			t.Fatalf("word %d lost after rehash", i)
		}
	}
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		if i /= 10; i == 0 {
			return s
		}
	}
}

func TestPhraseIndexLongestAndPossessive(t *testing.T) {
	d := newDict()
	var b phraseBuilder
	add := func(phrase string, ref uint32) {
		var ws []uint32
		for _, w := range strings.Fields(phrase) {
			ws = append(ws, d.intern(w))
		}
		b.add(ws, ref, formPrimary)
	}
	add("talk to her", 1)
	add("her", 2)
	add("talk", 3)
	add("pedro almodovar", 4|personBit)
	add("her", 5)
	ix := b.build(d.len(), func(ref uint32) uint32 { return ref & 0xff })
	words := func(s string) ([]uint32, []uint32) {
		var ws, alts []uint32
		for _, w := range strings.Fields(s) {
			ws = append(ws, d.lookup(w))
			alts = append(alts, 0)
		}
		return ws, alts
	}
	ws, alts := words("talk to her now")
	var lens []int
	ix.match(ws, alts, func(k int, p uint32, _ bool) { lens = append(lens, k) })
	if len(lens) != 2 || lens[0] != 1 || lens[1] != 3 {
		t.Errorf("matches of 'talk to her now' = %v, want lengths [1 3]", lens)
	}
	ws, alts = words("her")
	ix.match(ws, alts, func(k int, p uint32, _ bool) {
		refs := ix.refs[ix.refOff[p]:ix.refOff[p+1]]
		if len(refs) != 2 || refs[0] != 5 || refs[1] != 2 {
			t.Errorf("refs of 'her' = %v, want [5 2] (by weight)", refs)
		}
	})
	ws, alts = words("pedro almodovars")
	alts[1] = d.lookup("almodovar")
	found := false
	ix.match(ws, alts, func(k int, p uint32, viaAlt bool) { found = found || k == 2 && viaAlt })
	if !found {
		t.Error("possessive 'pedro almodovars' did not match 'pedro almodovar'")
	}
}

func TestMaySequelNumberAdmitsEveryKey(t *testing.T) {
	for k := range sequelNumbers {
		if !maySequelNumber(k) {
			t.Errorf("maySequelNumber(%q) = false for a sequel number", k)
		}
	}
}
