package researchdata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEnvWins(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "x"), 0o755)
	t.Setenv(Env, dir)
	if got, ok := Find(); !ok || got != dir {
		t.Fatalf("Find = %q %v, want %q", got, ok, dir)
	}
	if got := Dir(t, "x"); got != filepath.Join(dir, "x") {
		t.Fatalf("Dir = %q", got)
	}
}
