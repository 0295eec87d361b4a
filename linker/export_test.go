package linker

import "io"

// SetDebugOut lets external tests (debug_test.go) receive every film
// candidate's scores; nil stops it.
func SetDebugOut(w io.Writer) { debugOut = w }

// SetPrune turns candidate pruning on or off (TestPruneKeepsResults).
func SetPrune(on bool) { pruneCands = on }
