package letterboxd

import "testing"

func TestStars(t *testing.T) {
	ok := map[string]int{"": 0, "0.5": 1, "1": 2, "1.0": 2, "2.5": 5, "4.5": 9, "5": 10, "5.0": 10}
	for s, want := range ok {
		if got, err := parseStars(s); err != nil || got != want || Stars(s).Half() != want {
			t.Errorf("parseStars(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"0", "0.0", "5.5", "6", "4.2", "+4", "4e0", "0x1p2", "-1", " 3", "3.", ".5", "10", "4.50", "½"} {
		if _, err := parseStars(s); err == nil {
			t.Errorf("parseStars(%q) accepted", s)
		}
	}
}
