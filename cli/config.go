package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"reel/store"
)

// Config is the effective configuration: each option has a flag, an
// environment variable that is used when the flag is not given, and a default.
type Config struct {
	DB      string
	Addr    string
	Verbose bool
}

// option is one row of the configuration table.
type option struct {
	flag, env, def, help string
	secret               bool
	ptr                  *string
}

func (c *Config) options() []option {
	return []option{
		{flag: "db", env: "REEL_DB", def: "reel.db", ptr: &c.DB, secret: true,
			help: "database: a SQLite file path, or a postgres:// URL"},
		{flag: "addr", env: "REEL_ADDR", def: "127.0.0.1:8080", ptr: &c.Addr,
			help: "address the web server listens on"},
	}
}

func (c *Config) register(fs *flag.FlagSet) {
	for _, o := range c.options() {
		fs.StringVar(o.ptr, o.flag, "", fmt.Sprintf("%s (env %s, default %q)", o.help, o.env, o.def))
	}
	fs.BoolVar(&c.Verbose, "verbose", false, "print error details")
}

// resolve fills options not given as flags from the environment, then from
// the defaults.
func (c *Config) resolve(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, o := range c.options() {
		if set[o.flag] {
			continue
		}
		if v, ok := os.LookupEnv(o.env); ok && v != "" {
			*o.ptr = v
		} else {
			*o.ptr = o.def
		}
	}
	return nil
}

// print writes the effective configuration with secrets masked.
func (c *Config) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "option\tvalue\tenv")
	for _, o := range c.options() {
		v := *o.ptr
		if o.secret {
			v = store.Redact(v)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", o.flag, v, o.env)
	}
	tw.Flush()
}
