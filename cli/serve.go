package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"reel"
	"reel/store"
	"reel/web"
)

func serveCommand() *command {
	var migrate bool
	return &command{
		name:    "serve",
		summary: "Serve the website and the JSON API.",
		flags: func(fs *flag.FlagSet, e *env) {
			fs.BoolVar(&migrate, "migrate", false, "migrate the database schema before serving")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("serve takes no arguments, got %q", args)
			}
			st, err := store.Open(ctx, e.cfg.DB, store.Options{Migrate: migrate})
			if err != nil {
				return err
			}
			defer st.Close()
			return serveHTTP(ctx, e, st)
		},
	}
}

// serveHTTP serves until ctx ends, then drains requests for up to ten seconds.
func serveHTTP(ctx context.Context, e *env, st *store.Store) error {
	ln, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		return reel.Wrap(err, reel.Invalid, "cannot listen on %s", e.cfg.Addr)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	defer inferInBackground(ctx, logger, st)() // scores what is saved while serving
	srv := &http.Server{
		Handler:           web.New(st, web.Options{Logger: logger}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(e.stdout, "reel: serving http://%s/ (database %s); Ctrl-C stops\n", ln.Addr(), store.Redact(e.cfg.DB))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return reel.Wrap(err, reel.Internal, "web server stopped")
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return reel.Wrap(err, reel.Internal, "shut down web server")
	}
	return nil
}
