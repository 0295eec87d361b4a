// Package researchdata finds the research corpora (../shared/data beside the
// checkout) that tests, training and benchmarks read. The texts are never
// copied into the repository; code that needs them asks here where they are.
package researchdata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Env names the variable that overrides the location.
const Env = "REEL_DATA"

// Find returns the data directory: $REEL_DATA, else shared/data beside the
// repository, else /work/shared/data. ok is false when none exists.
func Find() (dir string, ok bool) {
	for _, d := range candidates() {
		if d == "" {
			continue
		}
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, true
		}
	}
	return "", false
}

func candidates() []string {
	out := []string{os.Getenv(Env)}
	if _, file, _, ok := runtime.Caller(0); ok {
		repo := filepath.Dir(filepath.Dir(file))
		out = append(out, filepath.Join(repo, "..", "shared", "data"))
	}
	return append(out, "/work/shared/data")
}

// Dir returns the data directory for a test, or the named subfolder of it. It
// skips the test when the data is absent, except in CI (CI set), where it
// fails: CI must never pass by skipping.
func Dir(t testing.TB, sub ...string) string {
	t.Helper()
	d, ok := Find()
	if ok {
		d = filepath.Join(append([]string{d}, sub...)...)
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("research data %v not found (set %s): CI must not skip", sub, Env)
	}
	t.Skipf("research data %v not found; set %s to run this test", sub, Env)
	return ""
}

// Optional returns the data directory for a test that also runs, on less,
// without it: "" when the data is absent, except in CI, where it fails.
func Optional(t testing.TB) string {
	t.Helper()
	d, ok := Find()
	if !ok && os.Getenv("CI") != "" {
		t.Fatalf("research data not found (set %s): CI must not run on less", Env)
	}
	return d
}
