package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"reel"
)

// API tokens and website sessions are random 32-byte secrets handed to the
// client once; the database keeps only their SHA-256, so a leaked database or
// backup does not let anyone sign in. A fast hash is enough here (unlike
// passwords): the secret has 256 bits of entropy, nothing to brute-force.

// TokenPrefix starts every API token, so a leaked token is recognisable (and
// secret scanners can match it).
const TokenPrefix = "reel_"

// TokenID identifies an API token for listing and revoking.
type TokenID int64

// Token describes an API token; the secret itself is never stored.
type Token struct {
	ID        TokenID    `json:"id"`
	UserID    UserID     `json:"user_id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	LastUsed  *time.Time `json:"last_used,omitempty"`
	Revoked   *time.Time `json:"revoked,omitempty"`
}

// lastUsedGranularity limits last-used bookkeeping to one write a minute per
// token instead of one per API request.
const lastUsedGranularity = time.Minute

// newSecret returns a random secret (URL-safe base64 of 32 bytes) with
// prefix, and the hash to store for it.
func newSecret(prefix string) (secret, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", reel.Wrap(err, reel.Internal, "generate secret")
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(b[:])
	return secret, hashSecret(secret), nil
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken makes an API token for a user and returns its secret, which is
// shown once and cannot be recovered later.
func (s *Store) CreateToken(ctx context.Context, user UserID, name string) (string, Token, error) {
	name = strings.TrimSpace(name)
	if len(name) > 100 {
		return "", Token{}, reel.Errorf(reel.Invalid, "token name too long: at most 100 bytes")
	}
	secret, hash, err := newSecret(TokenPrefix)
	if err != nil {
		return "", Token{}, err
	}
	t := Token{UserID: user, Name: name, CreatedAt: fromMillis(millis(time.Now()))}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, user); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO api_tokens (user_id, name, hash, created_at)
			VALUES (?, ?, ?, ?) RETURNING id`), user, name, hash, millis(t.CreatedAt)).Scan(&t.ID)
		return s.wrapErr(err, "create token")
	})
	if err != nil {
		return "", Token{}, err
	}
	return secret, t, nil
}

// UserByToken returns the account an API token belongs to. Unknown and
// revoked tokens are Unauthorized.
func (s *Store) UserByToken(ctx context.Context, secret string) (User, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return User{}, reel.Errorf(reel.Unauthorized, "invalid API token")
	}
	var id TokenID
	var lastUsed sql.NullInt64
	u, err := scanUser(s.queryRow(ctx, s.rebind(`SELECT `+prefixed("u.", userColumns)+`, t.id, t.last_used_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND t.revoked_at IS NULL`), hashSecret(secret)), &id, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, reel.Errorf(reel.Unauthorized, "unknown or revoked API token")
	}
	if err != nil {
		return User{}, s.wrapErr(err, "API token")
	}
	now := millis(time.Now())
	if !lastUsed.Valid || now-lastUsed.Int64 >= lastUsedGranularity.Milliseconds() {
		_, err = s.db.ExecContext(ctx, s.rebind("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"), now, id)
		if err != nil {
			return User{}, s.wrapErr(err, "record token use")
		}
	}
	return u, nil
}

// RevokeToken revokes one of user's tokens. A token of another user, or one
// already revoked, is NotFound.
func (s *Store) RevokeToken(ctx context.Context, user UserID, id TokenID) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "token", `UPDATE api_tokens SET revoked_at = ?
			WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, millis(time.Now()), id, user)
	})
}

// ListTokens returns a user's tokens, revoked ones included, newest first.
func (s *Store) ListTokens(ctx context.Context, user UserID) ([]Token, error) {
	rows, err := s.query(ctx, s.rebind(`SELECT id, user_id, name, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC`), user)
	if err != nil {
		return nil, s.wrapErr(err, "tokens")
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		var t Token
		var created int64
		var used, revoked sql.NullInt64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &created, &used, &revoked); err != nil {
			return nil, s.wrapErr(err, "scan token")
		}
		t.CreatedAt, t.LastUsed, t.Revoked = fromMillis(created), optTime(used), optTime(revoked)
		out = append(out, t)
	}
	return out, s.wrapErr(rows.Err(), "tokens")
}

func optTime(ms sql.NullInt64) *time.Time {
	if !ms.Valid {
		return nil
	}
	t := fromMillis(ms.Int64)
	return &t
}

// Session is a signed-in browser. ID is the cookie value; it is only known
// when the session is created.
type Session struct {
	ID        string    `json:"-"`
	UserID    UserID    `json:"user_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

// DefaultSessionTTL is how long a session lasts when CreateSession is given 0.
const DefaultSessionTTL = 30 * 24 * time.Hour

// CreateSession signs a user in for ttl (DefaultSessionTTL when 0). The
// session named by replace, if any, is deleted in the same transaction: the
// web layer passes the visitor's current cookie so sign-in always rotates the
// id (no session fixation). Expired sessions of the user are swept here too.
func (s *Store) CreateSession(ctx context.Context, user UserID, ttl time.Duration, replace string) (Session, error) {
	if ttl < 0 {
		return Session{}, reel.Errorf(reel.Invalid, "session lifetime must be positive")
	}
	if ttl == 0 {
		ttl = DefaultSessionTTL
	}
	secret, hash, err := newSecret("")
	if err != nil {
		return Session{}, err
	}
	now := time.Now()
	sess := Session{ID: secret, UserID: user, ExpiresAt: fromMillis(millis(now.Add(ttl)))}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, user); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.rebind("DELETE FROM sessions WHERE hash = ? OR (user_id = ? AND expires_at <= ?)"),
			hashSecret(replace), user, millis(now)); err != nil {
			return s.wrapErr(err, "rotate session")
		}
		_, err := tx.ExecContext(ctx, s.rebind("INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"),
			hash, user, millis(now), millis(sess.ExpiresAt))
		return s.wrapErr(err, "create session")
	})
	if err != nil {
		return Session{}, err
	}
	return sess, nil
}

// UserBySession returns the account signed in with a session id. Unknown and
// expired sessions are Unauthorized.
func (s *Store) UserBySession(ctx context.Context, id string) (User, error) {
	u, err := scanUser(s.queryRow(ctx, s.rebind(`SELECT `+prefixed("u.", userColumns)+`
		FROM sessions x JOIN users u ON u.id = x.user_id
		WHERE x.hash = ? AND x.expires_at > ?`), hashSecret(id), millis(time.Now())))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, reel.Errorf(reel.Unauthorized, "not signed in, or the session has expired")
	}
	return u, s.wrapErr(err, "session")
}

// DeleteSession signs a session out. Deleting an unknown session is not an
// error: signing out twice leaves the same state.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.rebind("DELETE FROM sessions WHERE hash = ?"), hashSecret(id))
		return s.wrapErr(err, "delete session")
	})
}

// prefixed qualifies every column of a comma-separated list with p.
func prefixed(p, columns string) string {
	cols := strings.Split(columns, ", ")
	for i, c := range cols {
		cols[i] = p + c
	}
	return strings.Join(cols, ", ")
}
