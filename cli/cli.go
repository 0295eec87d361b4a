// Package cli holds reel's subcommands. Each lives in a file of its own with a
// run function; Main dispatches, prints errors as one clear line and maps them
// to exit codes: 0 success, 1 runtime error, 2 usage error.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"reel"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// env is what a command runs with: its streams and the parsed common options.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	cfg            *Config
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // arguments after the flags, for --help
	run     func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error
	flags   func(fs *flag.FlagSet, e *env) // extra flags beyond the common ones
}

// usageError marks errors that should exit with code 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func commands() map[string]*command {
	list := []*command{serveCommand(), demoCommand(), migrateCommand(), importCommand(), exportCommand(),
		searchCommand(), gradeCommand(), userCommand(), aggregatesCommand(), analyzeCommand(), reviewsCommand(), configCommand(), versionCommand()}
	m := map[string]*command{}
	for _, c := range list {
		m[c.name] = c
	}
	return m
}

// Main runs reel with args (without the program name) and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printOverview(stdout, cmds)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "reel: unknown command %q (run `reel help` for the list)\n", args[0])
		return ExitUsage
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, cfg: &Config{}}
	fs := newFlagSet(c, e)
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage // the flag package already printed the problem and usage
	}
	if err := e.cfg.resolve(fs); err != nil {
		return report(stderr, err, false)
	}
	return report(stderr, c.run(ctx, e, fs, rest), e.cfg.Verbose)
}

// parseInterspersed parses flags wherever they stand among the arguments, as
// in `reel user add ann --critic`, and returns the positional arguments in
// order. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("reel "+c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	e.cfg.register(fs)
	if c.flags != nil {
		c.flags(fs, e)
	}
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: reel %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

// report prints err as one line (with its cause when verbose) and returns the
// exit code.
func report(w io.Writer, err error, verbose bool) int {
	if err == nil {
		return ExitOK
	}
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintf(w, "reel: %s\n", u.msg)
		return ExitUsage
	}
	msg := reel.ErrorMessage(err)
	if msg == "internal error" || verbose {
		msg = err.Error()
	}
	fmt.Fprintf(w, "reel: %s\n", msg)
	if !verbose && msg != err.Error() {
		fmt.Fprintln(w, "      (run again with --verbose for details)")
	}
	return ExitFailure
}

func printOverview(w io.Writer, cmds map[string]*command) {
	fmt.Fprintln(w, "reel: a self-hosted home for film criticism.\n\nUsage: reel COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, firstLine(cmds[n].summary))
	}
	fmt.Fprintln(w, "\nRun `reel COMMAND --help` for a command's flags.")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
