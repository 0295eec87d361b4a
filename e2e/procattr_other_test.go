//go:build !linux

package e2e

import "os/exec"

// dieWithTest does nothing where the kernel has no parent-death signal:
// TestMain's stops still end the servers on a normal exit.
func dieWithTest(cmd *exec.Cmd) {}
