package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"reel"
)

// ListID identifies a list.
type ListID int64

// Limits on lists.
const (
	maxListName    = 200
	maxListDesc    = 10000
	maxListNote    = 2000
	MaxListEntries = 10000
)

// List is a user's list of films, ranked (the order is the point: "my top
// ten") or not (a collection, kept in the order added).
type List struct {
	ID          ListID     `json:"id"`
	UserID      UserID     `json:"user_id"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Ranked      bool       `json:"ranked"`
	Visibility  Visibility `json:"visibility"`
	Count       int        `json:"count"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// ListEntry is a film on a list. Position is 1-based; Seen says whether the
// viewer has logged or reviewed the film.
type ListEntry struct {
	FilmID   reel.FilmID `json:"film_id"`
	Position int         `json:"position"`
	Note     string      `json:"note,omitempty"`
	Seen     bool        `json:"seen"`
}

// ListDetail is a list with its entries and the viewer's progress through it
// ("you have seen Seen of Count").
type ListDetail struct {
	List
	Entries []ListEntry `json:"entries"`
	Seen    int         `json:"seen"`
}

// ListInput is a list's name and settings.
type ListInput struct {
	Name        string
	Description string
	Ranked      bool
	Visibility  Visibility // Public when ""
}

// EntryInput is a film to put on a list, with an optional note.
type EntryInput struct {
	FilmID reel.FilmID
	Note   string
}

func checkList(in *ListInput) error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Visibility == "" {
		in.Visibility = Public
	}
	switch {
	case in.Name == "":
		return reel.Errorf(reel.Invalid, "a list needs a name")
	case len(in.Name) > maxListName:
		return reel.Errorf(reel.Invalid, "list name too long: at most %d bytes", maxListName)
	case len(in.Description) > maxListDesc:
		return reel.Errorf(reel.Invalid, "list description too long: at most %d bytes", maxListDesc)
	case !in.Visibility.valid():
		return reel.Errorf(reel.Invalid, "invalid visibility %q: want public, unlisted or private", in.Visibility)
	}
	return nil
}

// CreateList makes a list with the given entries, in order.
func (s *Store) CreateList(ctx context.Context, user UserID, in ListInput, entries []EntryInput) (ListDetail, error) {
	if err := checkList(&in); err != nil {
		return ListDetail{}, err
	}
	var id ListID
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, user); err != nil {
			return err
		}
		now := millis(time.Now())
		err := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO lists (user_id, name, description, ranked, visibility,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			user, in.Name, in.Description, boolInt(in.Ranked), in.Visibility, now, now).Scan(&id)
		if err != nil {
			return s.wrapErr(err, "create list")
		}
		return s.writeEntries(ctx, tx, id, 1, entries)
	})
	if err != nil {
		return ListDetail{}, err
	}
	return s.List(ctx, user, id)
}

// UpdateList changes a list's name and settings; only its owner may.
func (s *Store) UpdateList(ctx context.Context, user UserID, id ListID, in ListInput) error {
	if err := checkList(&in); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownList(ctx, tx, user, id); err != nil {
			return err
		}
		return s.execOne(ctx, tx, "list", `UPDATE lists SET name = ?, description = ?, ranked = ?, visibility = ?,
			updated_at = ? WHERE id = ?`, in.Name, in.Description, boolInt(in.Ranked), in.Visibility, millis(time.Now()), id)
	})
}

// SetListEntries replaces a list's entries with the given ones, in order:
// reordering a ranked list is sending it back in its new order.
func (s *Store) SetListEntries(ctx context.Context, user UserID, id ListID, entries []EntryInput) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownList(ctx, tx, user, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM list_entries WHERE list_id = ?"), id); err != nil {
			return s.wrapErr(err, "clear list")
		}
		return s.touchList(ctx, tx, id, s.writeEntries(ctx, tx, id, 1, entries))
	})
}

// AddListEntry appends a film to a list. A film already on it is a Conflict.
func (s *Store) AddListEntry(ctx context.Context, user UserID, id ListID, e EntryInput) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownList(ctx, tx, user, id); err != nil {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, s.rebind("SELECT COALESCE(MAX(position), 0) FROM list_entries WHERE list_id = ?"), id).Scan(&last); err != nil {
			return s.wrapErr(err, "list length")
		}
		return s.touchList(ctx, tx, id, s.writeEntries(ctx, tx, id, last+1, []EntryInput{e}))
	})
}

// RemoveListEntry takes a film off a list and closes the gap in positions.
func (s *Store) RemoveListEntry(ctx context.Context, user UserID, id ListID, film reel.FilmID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownList(ctx, tx, user, id); err != nil {
			return err
		}
		var pos int
		err := tx.QueryRowContext(ctx, s.rebind("SELECT position FROM list_entries WHERE list_id = ? AND film_id = ?"), id, film).Scan(&pos)
		if err != nil {
			return s.wrapErr(err, "list entry "+film.String())
		}
		if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM list_entries WHERE list_id = ? AND film_id = ?"), id, film); err != nil {
			return s.wrapErr(err, "remove list entry")
		}
		_, err = tx.ExecContext(ctx, s.rebind("UPDATE list_entries SET position = position - 1 WHERE list_id = ? AND position > ?"), id, pos)
		return s.touchList(ctx, tx, id, s.wrapErr(err, "renumber list"))
	})
}

// DeleteList deletes a list, its entries and its likes; only its owner may.
func (s *Store) DeleteList(ctx context.Context, user UserID, id ListID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.ownList(ctx, tx, user, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM likes WHERE kind = 'list' AND target_id = ?"), id); err != nil {
			return s.wrapErr(err, "delete list likes")
		}
		return s.execOne(ctx, tx, "list", "DELETE FROM lists WHERE id = ?", id)
	})
}

// writeEntries inserts entries from position first on, checking each film.
func (s *Store) writeEntries(ctx context.Context, tx *sql.Tx, id ListID, first int, entries []EntryInput) error {
	if first-1+len(entries) > MaxListEntries {
		return reel.Errorf(reel.Invalid, "too many films: a list holds at most %d", MaxListEntries)
	}
	seen := map[reel.FilmID]bool{}
	for i, e := range entries {
		if seen[e.FilmID] {
			return reel.Errorf(reel.Invalid, "film %s is on the list twice", e.FilmID)
		}
		seen[e.FilmID] = true
		note := strings.TrimSpace(e.Note)
		if len(note) > maxListNote {
			return reel.Errorf(reel.Invalid, "note on %s too long: at most %d bytes", e.FilmID, maxListNote)
		}
		if err := s.filmExists(ctx, tx, e.FilmID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.rebind("INSERT INTO list_entries (list_id, film_id, position, note) VALUES (?, ?, ?, ?)"),
			id, e.FilmID, first+i, note)
		if isUniqueViolation(err) {
			return reel.Wrap(err, reel.Conflict, "film %s is already on the list", e.FilmID)
		}
		if err != nil {
			return s.wrapErr(err, "add list entry")
		}
	}
	return nil
}

// touchList records a change to a list's entries, unless err says it failed.
func (s *Store) touchList(ctx context.Context, tx *sql.Tx, id ListID, err error) error {
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.rebind("UPDATE lists SET updated_at = ? WHERE id = ?"), millis(time.Now()), id)
	return s.wrapErr(err, "update list")
}

// ownList is NotFound for a missing list and Unauthorized for another's.
func (s *Store) ownList(ctx context.Context, tx *sql.Tx, user UserID, id ListID) error {
	var owner UserID
	err := tx.QueryRowContext(ctx, s.rebind("SELECT user_id FROM lists WHERE id = ?"), id).Scan(&owner)
	if err != nil {
		return s.wrapErr(err, fmt.Sprintf("list %d", id))
	}
	if owner != user {
		return reel.Errorf(reel.Unauthorized, "only its owner can change a list")
	}
	return nil
}

const listSelect = `SELECT l.id, l.user_id, l.name, l.description, l.ranked, l.visibility, l.created_at, l.updated_at,
	(SELECT COUNT(*) FROM list_entries e WHERE e.list_id = l.id)
	FROM lists l`

func scanList(sc scanner) (List, error) {
	var l List
	var ranked int
	var created, updated int64
	err := sc.Scan(&l.ID, &l.UserID, &l.Name, &l.Description, &ranked, &l.Visibility, &created, &updated, &l.Count)
	l.Ranked = ranked != 0
	l.CreatedAt, l.UpdatedAt = fromMillis(created), fromMillis(updated)
	return l, err
}

// List returns a list with its entries, marked seen for viewer (0: signed
// out, nothing seen). Another user's private list is NotFound.
func (s *Store) List(ctx context.Context, viewer UserID, id ListID) (ListDetail, error) {
	l, err := scanList(s.queryRow(ctx, s.rebind(listSelect+
		" WHERE l.id = ? AND (l.visibility <> 'private' OR l.user_id = ?)"), id, viewer))
	if err != nil {
		return ListDetail{}, s.wrapErr(err, fmt.Sprintf("list %d", id))
	}
	d := ListDetail{List: l, Entries: []ListEntry{}}
	// Seen: the viewer logged the film in the diary or reviewed it.
	rows, err := s.query(ctx, s.rebind(`SELECT e.film_id, e.position, e.note,
		CASE WHEN EXISTS (SELECT 1 FROM diary_entries d WHERE d.user_id = ? AND d.film_id = e.film_id)
			OR EXISTS (SELECT 1 FROM reviews r WHERE r.user_id = ? AND r.film_id = e.film_id) THEN 1 ELSE 0 END
		FROM list_entries e WHERE e.list_id = ? ORDER BY e.position`), viewer, viewer, id)
	if err != nil {
		return d, s.wrapErr(err, "list entries")
	}
	defer rows.Close()
	for rows.Next() {
		var e ListEntry
		var seen int
		if err := rows.Scan(&e.FilmID, &e.Position, &e.Note, &seen); err != nil {
			return d, s.wrapErr(err, "scan list entry")
		}
		e.Seen = seen != 0
		if e.Seen {
			d.Seen++
		}
		d.Entries = append(d.Entries, e)
	}
	return d, s.wrapErr(rows.Err(), "list entries")
}

// ListsByUser returns a user's lists, newest first: all of them to the user,
// the public ones to anyone else.
func (s *Store) ListsByUser(ctx context.Context, viewer, owner UserID) ([]List, error) {
	rows, err := s.query(ctx, s.rebind(listSelect+` WHERE l.user_id = ?
		AND (l.visibility = 'public' OR l.user_id = ?) ORDER BY l.created_at DESC, l.id DESC`), owner, viewer)
	if err != nil {
		return nil, s.wrapErr(err, "lists")
	}
	defer rows.Close()
	out := []List{}
	for rows.Next() {
		l, err := scanList(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan list")
		}
		out = append(out, l)
	}
	return out, s.wrapErr(rows.Err(), "lists")
}
