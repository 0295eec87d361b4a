package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"reel"
)

// LikeKind names what a like is on.
type LikeKind string

// The things a user can like.
const (
	LikeFilm   LikeKind = "film"
	LikeReview LikeKind = "review"
	LikeList   LikeKind = "list"
)

// Like records that user likes the target; liking twice is not an error. A
// review or list the user cannot see is NotFound.
func (s *Store) Like(ctx context.Context, user UserID, kind LikeKind, target int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, user); err != nil {
			return err
		}
		if err := s.likeable(ctx, tx, user, kind, target); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO likes (user_id, kind, target_id, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, kind, target_id) DO NOTHING`), user, kind, target, millis(time.Now()))
		return s.wrapErr(err, "like")
	})
}

// Unlike removes a like; removing one that is not there is not an error.
func (s *Store) Unlike(ctx context.Context, user UserID, kind LikeKind, target int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.rebind("DELETE FROM likes WHERE user_id = ? AND kind = ? AND target_id = ?"), user, kind, target)
		return s.wrapErr(err, "unlike")
	})
}

// Likes returns how many users like the target, and whether viewer does.
func (s *Store) Likes(ctx context.Context, viewer UserID, kind LikeKind, target int64) (count int, liked bool, err error) {
	var mine int
	err = s.queryRow(ctx, s.rebind(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN user_id = ? THEN 1 ELSE 0 END), 0)
		FROM likes WHERE kind = ? AND target_id = ?`), viewer, kind, target).Scan(&count, &mine)
	return count, mine > 0, s.wrapErr(err, "likes")
}

// likeable checks that the target exists and that user may see it.
func (s *Store) likeable(ctx context.Context, tx *sql.Tx, user UserID, kind LikeKind, target int64) error {
	var q string
	switch kind {
	case LikeFilm:
		return s.filmExists(ctx, tx, reel.FilmID(target))
	case LikeReview:
		q = "SELECT 1 FROM reviews WHERE id = ? AND (visibility <> 'private' OR user_id = ?)"
	case LikeList:
		q = "SELECT 1 FROM lists WHERE id = ? AND (visibility <> 'private' OR user_id = ?)"
	default:
		return reel.Errorf(reel.Invalid, "cannot like a %q: want film, review or list", kind)
	}
	var one int
	err := tx.QueryRowContext(ctx, s.rebind(q), target, user).Scan(&one)
	return s.wrapErr(err, fmt.Sprintf("%s %d", kind, target))
}

// Follow makes follower follow followee; following twice is not an error,
// following oneself is Invalid.
func (s *Store) Follow(ctx context.Context, follower, followee UserID) error {
	if follower == followee {
		return reel.Errorf(reel.Invalid, "you cannot follow yourself")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range []UserID{follower, followee} {
			var one int
			if err := tx.QueryRowContext(ctx, s.rebind("SELECT 1 FROM users WHERE id = ?"), id).Scan(&one); err != nil {
				return s.wrapErr(err, fmt.Sprintf("user %d", id))
			}
		}
		_, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT (follower_id, followee_id) DO NOTHING`), follower, followee, millis(time.Now()))
		return s.wrapErr(err, "follow")
	})
}

// Unfollow stops following; not following is not an error.
func (s *Store) Unfollow(ctx context.Context, follower, followee UserID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.rebind("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?"), follower, followee)
		return s.wrapErr(err, "unfollow")
	})
}

// Followers lists the users who follow user, by name.
func (s *Store) Followers(ctx context.Context, user UserID) ([]User, error) {
	return s.queryUsers(ctx, "SELECT "+prefixed("u.", userColumns)+
		" FROM follows f JOIN users u ON u.id = f.follower_id WHERE f.followee_id = ? ORDER BY u.name", user)
}

// Following lists the users user follows, by name.
func (s *Store) Following(ctx context.Context, user UserID) ([]User, error) {
	return s.queryUsers(ctx, "SELECT "+prefixed("u.", userColumns)+
		" FROM follows f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = ? ORDER BY u.name", user)
}
