package linker

import (
	"context"

	"reel"
)

// Mem is a Source over slices, for tests and small hand-made catalogs.
type Mem struct {
	Films     []reel.Film
	AltTitles []AltTitle
	People    []reel.Person
	Credits   []reel.Credit
}

// AltTitle is an alternate title of a film in a Mem source.
type AltTitle struct {
	Film reel.FilmID
	reel.AltTitle
}

// EachFilm implements Source.
func (m *Mem) EachFilm(ctx context.Context, fn func(reel.Film) error) error {
	return each(ctx, m.Films, fn)
}

// EachAltTitle implements Source.
func (m *Mem) EachAltTitle(ctx context.Context, fn func(reel.FilmID, reel.AltTitle) error) error {
	return each(ctx, m.AltTitles, func(a AltTitle) error { return fn(a.Film, a.AltTitle) })
}

// EachPerson implements Source.
func (m *Mem) EachPerson(ctx context.Context, fn func(reel.Person) error) error {
	return each(ctx, m.People, fn)
}

// EachCredit implements Source.
func (m *Mem) EachCredit(ctx context.Context, fn func(reel.Credit) error) error {
	return each(ctx, m.Credits, fn)
}

func each[T any](ctx context.Context, xs []T, fn func(T) error) error {
	for _, x := range xs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}
