package cli

import (
	"context"
	"flag"

	"reel"
	"reel/grade"
)

func gradeCommand() *command {
	return &command{
		name:  "grade",
		usage: "TEXT...",
		summary: "Parse grades in any notation (★★★½, 3.5/5, B+, 7/10, \"very good\" …) and print, for each,\n" +
			"its scale, 0–100 value and verdict; exits 1 if any fails to parse.",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) == 0 {
				return usagef("grade needs at least one grade to parse, e.g. reel grade '★★★½' B+ 7/10")
			}
			failed, err := grade.Report(e.stdout, args)
			if err != nil {
				return reel.Wrap(err, reel.Internal, "write report")
			}
			if failed > 0 {
				return reel.Errorf(reel.Invalid, "%d of %d grades did not parse", failed, len(args))
			}
			return nil
		},
	}
}
