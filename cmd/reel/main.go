// Command reel is a self-hosted home for film criticism. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"reel/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
