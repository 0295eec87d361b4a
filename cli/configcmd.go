package cli

import (
	"context"
	"flag"
)

func configCommand() *command {
	return &command{
		name:    "config",
		summary: "Print the effective configuration (flags, then environment, then defaults), secrets masked.",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("config takes no arguments, got %q", args)
			}
			e.cfg.print(e.stdout)
			return nil
		},
	}
}
