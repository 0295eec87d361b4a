package markup

import (
	"strings"
	"testing"
	"time"
)

func TestLimitCostLeavesOrdinaryTextAlone(t *testing.T) {
	for _, s := range []string{
		"A review.\n\n> quoted\n> > twice\n\n- a\n  - b\n1. one\n2) two\n",
		"[link](https://example.org/a_(film)) and (asides).",
		strings.Repeat("> ", maxNesting) + "deep but allowed",
		strings.Repeat("word ", 5000),
	} {
		if got := limitCost(s); got != s {
			t.Errorf("limitCost changed ordinary text %.60q…", s)
		}
	}
}

func TestLimitNesting(t *testing.T) {
	deep := strings.Repeat("> ", maxNesting) + "> x"
	if got, want := limitNesting(deep), strings.Repeat("> ", maxNesting)+`\> x`; got != want {
		t.Errorf("limitNesting(%q) = %q, want %q", deep, got, want)
	}
	mixed := strings.Repeat("- > ", maxNesting/2) + "1. x"
	if got, want := limitNesting(mixed), strings.Repeat("- > ", maxNesting/2)+`1\. x`; got != want {
		t.Errorf("limitNesting(%q) = %q, want %q", mixed, got, want)
	}
}

// TestRenderCostIsBounded renders hostile bodies at the size limit, each of
// which took goldmark seconds before limitCost, and requires each to cost at
// most a small multiple of rendering ordinary prose of the same size. The
// ratio, not a wall-clock bound, keeps the test meaningful on a slow or busy
// machine and under the race detector.
func TestRenderCostIsBounded(t *testing.T) {
	const size = 100 * 1024
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	timeRender := func(s string) time.Duration {
		start := time.Now()
		Render(s)
		return time.Since(start)
	}
	base := timeRender(fill("The film opens on a *long* shot of the sea, and [a link](https://example.org).\n\n"))
	for _, unit := range []string{"> ", ">", "> - ", "1. > ", "[a](", "[a](\\\\(", "a||b "} {
		if d := timeRender(fill(unit)); d > 20*base+50*time.Millisecond {
			t.Errorf("rendering 100 KB of %q took %v, ordinary prose %v", unit, d, base)
		}
	}
}
