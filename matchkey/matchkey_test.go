package matchkey

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pedro Almodóvar", "pedro almodovar"},
		{"ALMODOVAR", "almodovar"},
		{"Pain & Glory", "pain and glory"},
		{"Pain and Glory", "pain and glory"},
		{"8½", "8 1 2"},
		{"8 1/2", "8 1 2"},
		{"Otto e mezzo", "otto e mezzo"},
		{"Schindler's List", "schindlers list"},
		{"Schindler’s List", "schindlers list"},
		{"L.A. Confidential", "la confidential"},
		{"Wong Kar-wai", "wong kar wai"},
		{"Krzysztof Kieślowski", "krzysztof kieslowski"},
		{"Alejandro González Iñárritu", "alejandro gonzalez inarritu"},
		{"Lars von Trier", "lars von trier"},
		{"Søren Kragh-Jacobsen", "soren kragh jacobsen"},
		{"Æon Flux", "aeon flux"},
		{"  Spaces\t and\nbreaks  ", "spaces and breaks"},
		{"Amélie", "amelie"},
		{"Ｆｕｌｌ width", "full width"},
		{"七人の侍", "七人の侍"},
		{"Brief Encounter!", "brief encounter"},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	got := strings.Join(Words("Hable con ella (2002)"), "|")
	if got != "hable|con|ella|2002" {
		t.Errorf("Words = %q", got)
	}
}

func TestKeyBoundsInput(t *testing.T) {
	long := strings.Repeat("é", MaxInput)
	if k := Key(long); len(k) > MaxInput {
		t.Errorf("key of %d bytes from oversized input", len(k))
	}
}

// checkKey asserts the properties every key has.
func checkKey(t *testing.T, in string) {
	k := Key(in)
	if !utf8.ValidString(k) {
		t.Fatalf("Key(%q) = %q is not valid UTF-8", in, k)
	}
	if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
		t.Fatalf("Key(%q) = %q has stray spaces", in, k)
	}
	if k != strings.ToLower(k) {
		t.Fatalf("Key(%q) = %q is not lower case", in, k)
	}
	if again := Key(k); again != k {
		t.Fatalf("Key is not idempotent: Key(%q) = %q, Key(that) = %q", in, k, again)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Pedro Almodóvar", "8½", "Pain & Glory", "L.A.", "\xff\xfe", "Æ-ß ½", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > MaxInput {
			s = s[:MaxInput]
		}
		checkKey(t, s)
	})
}

func BenchmarkKeyASCII(b *testing.B) {
	for b.Loop() {
		Key("The Shawshank Redemption")
	}
}

func BenchmarkKeyAccented(b *testing.B) {
	for b.Loop() {
		Key("Alejandro González Iñárritu")
	}
}

func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"already lower":    "already lower",
		"Penélope CRUZ":    "penélope cruz",
		"ÀLMODÓVAR Ñ 8½ X": "ÀlmodÓvar Ñ 8½ x", // only ASCII capitals fold: offsets hold
	} {
		got := LowerASCII(in)
		if got != want || len(got) != len(in) {
			t.Errorf("LowerASCII(%q) = %q, want %q of the same length", in, got, want)
		}
	}
}
