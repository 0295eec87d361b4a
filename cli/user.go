package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"reel"
	"reel/store"
)

func userCommand() *command {
	var admin, critic bool
	var passwordFile string
	return &command{
		name:  "user",
		usage: "add NAME | list | passwd NAME",
		summary: "Manage accounts. The password is read from a prompt (or stdin, or --password-file),\n" +
			"never from the command line.",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.BoolVar(&admin, "admin", false, "add: make the user an admin")
			fs.BoolVar(&critic, "critic", false, "add: make the user a critic")
			fs.StringVar(&passwordFile, "password-file", "", "read the password from this file's first line")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) == 0 {
				return usagef("usage: reel user add NAME [--admin|--critic] | list | passwd NAME")
			}
			if admin && critic {
				return usagef("choose one of --admin and --critic")
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{})
			if err != nil {
				return err
			}
			defer st.Close()
			switch {
			case args[0] == "list" && len(args) == 1:
				return listUsers(ctx, e, st)
			case args[0] == "add" && len(args) == 2:
				role := store.RoleMember
				if admin {
					role = store.RoleAdmin
				} else if critic {
					role = store.RoleCritic
				}
				return addUser(ctx, e, st, args[1], role, passwordFile)
			case args[0] == "passwd" && len(args) == 2:
				return changePassword(ctx, e, st, args[1], passwordFile)
			}
			return usagef("usage: reel user add NAME [--admin|--critic] | list | passwd NAME")
		},
	}
}

func addUser(ctx context.Context, e *env, st *store.Store, name string, role store.Role, pwFile string) error {
	pw, err := readPassword(e, pwFile)
	if err != nil {
		return err
	}
	u, err := st.CreateUser(ctx, name, pw, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reel: added %s (%s)\n", u.Name, u.Role)
	return nil
}

func changePassword(ctx context.Context, e *env, st *store.Store, name, pwFile string) error {
	u, err := st.UserByName(ctx, name)
	if err != nil {
		return err
	}
	pw, err := readPassword(e, pwFile)
	if err != nil {
		return err
	}
	if err := st.SetPassword(ctx, u.ID, pw); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reel: password of %s changed\n", u.Name)
	return nil
}

func listUsers(ctx context.Context, e *env, st *store.Store) error {
	users, err := st.ListUsers(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "name\trole\tdisplay name\tpublication")
	for _, u := range users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, u.Profile.DisplayName, u.Profile.Publication)
	}
	return tw.Flush()
}

// readPassword takes the password from a file, a terminal prompt without
// echo (asked twice), or the first line of standard input.
func readPassword(e *env, file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", reel.Wrap(err, reel.Invalid, "read password file %s", file)
		}
		return firstLineOf(string(b)), nil
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return promptPassword(e, int(f.Fd()))
	}
	line, err := bufio.NewReader(io.LimitReader(e.stdin, 4096)).ReadString('\n')
	if err != nil && line == "" {
		return "", reel.Errorf(reel.Invalid, "no password given: type it at the prompt, pipe it on stdin or use --password-file")
	}
	return firstLineOf(line), nil
}

func promptPassword(e *env, fd int) (string, error) {
	fmt.Fprint(e.stderr, "Password: ")
	a, err := term.ReadPassword(fd)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", reel.Wrap(err, reel.Invalid, "read password")
	}
	fmt.Fprint(e.stderr, "Again: ")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", reel.Wrap(err, reel.Invalid, "read password")
	}
	if string(a) != string(b) {
		return "", reel.Errorf(reel.Invalid, "the passwords differ")
	}
	return string(a), nil
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, "\r")
}
