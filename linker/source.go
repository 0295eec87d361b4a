package linker

import (
	"context"

	"reel"
)

// Source iterates a catalog for Build. *store.Store implements it with plain
// SQL streaming rows; TSV reads IMDb's dataset files. Each method calls fn once
// per row, in any order, and stops at the first error fn returns.
//
// Build calls the methods in the order listed: films, then their alternate
// titles, then people, then credits.
type Source interface {
	EachFilm(ctx context.Context, fn func(reel.Film) error) error
	EachAltTitle(ctx context.Context, fn func(reel.FilmID, reel.AltTitle) error) error
	EachPerson(ctx context.Context, fn func(reel.Person) error) error
	EachCredit(ctx context.Context, fn func(reel.Credit) error) error
}

// Multi joins sources into one, in order. A film or person that several
// sources hold is merged: its titles are pooled, and the later source's facts
// win.
func Multi(srcs ...Source) Source { return multi(srcs) }

type multi []Source

func (m multi) EachFilm(ctx context.Context, fn func(reel.Film) error) error {
	for _, s := range m {
		if err := s.EachFilm(ctx, fn); err != nil {
			return err
		}
	}
	return nil
}

func (m multi) EachAltTitle(ctx context.Context, fn func(reel.FilmID, reel.AltTitle) error) error {
	for _, s := range m {
		if err := s.EachAltTitle(ctx, fn); err != nil {
			return err
		}
	}
	return nil
}

func (m multi) EachPerson(ctx context.Context, fn func(reel.Person) error) error {
	for _, s := range m {
		if err := s.EachPerson(ctx, fn); err != nil {
			return err
		}
	}
	return nil
}

func (m multi) EachCredit(ctx context.Context, fn func(reel.Credit) error) error {
	for _, s := range m {
		if err := s.EachCredit(ctx, fn); err != nil {
			return err
		}
	}
	return nil
}
