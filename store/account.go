package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"reel"
)

// UserID identifies an account. 0 means nobody (a signed-out viewer).
type UserID int64

// Role is what an account may do and which audience its reviews count in.
type Role string

// The roles. Critics' reviews count in the critics' scores; admins' and
// members' reviews count in the members' scores.
const (
	RoleAdmin  Role = "admin"
	RoleCritic Role = "critic"
	RoleMember Role = "member"
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleCritic || r == RoleMember }

// User is an account, without its password hash.
type User struct {
	ID            UserID        `json:"id"`
	Name          string        `json:"name"`
	Role          Role          `json:"role"`
	Profile       CriticProfile `json:"profile"`
	KeepWatchlist bool          `json:"keep_watchlist"`
	CreatedAt     time.Time     `json:"created_at"`
}

// CriticProfile is the public face of an account. Weight and Top only matter
// for critics: Weight scales the critic's review in the weighted critics'
// score (1 is ordinary, 0 excludes, at most 10; kept to hundredths) and Top
// puts their reviews in the top critics' subset.
type CriticProfile struct {
	DisplayName string  `json:"display_name"`
	Publication string  `json:"publication,omitempty"`
	Bio         string  `json:"bio,omitempty"`
	Weight      float64 `json:"weight"`
	Top         bool    `json:"top_critic,omitempty"`
}

// Profile field limits, in bytes.
const (
	maxDisplayName = 100
	maxPublication = 200
	maxBio         = 5000
	maxWeight      = 10
)

// validName is the handle rule: lowercase letters, digits, '.', '_' and
// '-', starting with a letter or digit, 2–32 long. Handles appear in URLs.
var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`)

// NormalizeName lowercases and trims a handle as sign-in and sign-up read it.
func NormalizeName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func checkName(name string) error {
	if !validName.MatchString(name) {
		return reel.Errorf(reel.Invalid, "invalid user name %q: use 2–32 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

const userColumns = "id, name, role, display_name, publication, bio, weight, top_critic, keep_watchlist, created_at"

func scanUser(sc scanner, extra ...any) (User, error) {
	var u User
	var weight int64
	var top, keep int
	var created int64
	dest := append([]any{&u.ID, &u.Name, &u.Role, &u.Profile.DisplayName, &u.Profile.Publication,
		&u.Profile.Bio, &weight, &top, &keep, &created}, extra...)
	err := sc.Scan(dest...)
	u.Profile.Weight = float64(weight) / 100
	u.Profile.Top, u.KeepWatchlist = top != 0, keep != 0
	u.CreatedAt = fromMillis(created)
	return u, err
}

// CreateUser adds an account with the given role and password. The name is
// normalised with NormalizeName; a taken name is a Conflict.
func (s *Store) CreateUser(ctx context.Context, name, password string, role Role) (User, error) {
	name = NormalizeName(name)
	if err := checkName(name); err != nil {
		return User{}, err
	}
	if !role.Valid() {
		return User{}, reel.Errorf(reel.Invalid, "invalid role %q: want admin, critic or member", role)
	}
	if err := checkPassword(password); err != nil {
		return User{}, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return User{}, err
	}
	var u User
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, s.rebind(`INSERT INTO users (name, role, password_hash, created_at)
			VALUES (?, ?, ?, ?) RETURNING `+userColumns), name, role, hash, millis(time.Now()))
		u, err = scanUser(row)
		if isUniqueViolation(err) {
			return reel.Wrap(err, reel.Conflict, "user name %q is taken", name)
		}
		return s.wrapErr(err, "create user")
	})
	return u, err
}

// User returns the account with the given id.
func (s *Store) User(ctx context.Context, id UserID) (User, error) {
	u, err := scanUser(s.queryRow(ctx, s.rebind("SELECT "+userColumns+" FROM users WHERE id = ?"), id))
	return u, s.wrapErr(err, "user")
}

// UserByName returns the account with the given handle (any case).
func (s *Store) UserByName(ctx context.Context, name string) (User, error) {
	u, err := scanUser(s.queryRow(ctx, s.rebind("SELECT "+userColumns+" FROM users WHERE name = ?"), NormalizeName(name)))
	return u, s.wrapErr(err, "user "+NormalizeName(name))
}

// ListUsers returns every account, by name.
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	return s.queryUsers(ctx, "SELECT "+userColumns+" FROM users ORDER BY name")
}

func (s *Store) queryUsers(ctx context.Context, query string, args ...any) ([]User, error) {
	rows, err := s.query(ctx, s.rebind(query), args...)
	if err != nil {
		return nil, s.wrapErr(err, "users")
	}
	defer rows.Close()
	out := []User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.wrapErr(err, "scan user")
		}
		out = append(out, u)
	}
	return out, s.wrapErr(rows.Err(), "users")
}

// errBadCredentials is the one answer to a failed sign-in, whether the name
// or the password was wrong, so sign-in does not reveal which names exist.
func errBadCredentials() error {
	return reel.Errorf(reel.Unauthorized, "wrong user name or password")
}

// Authenticate checks a name and password and returns the account. A hash
// made with older argon2 parameters is replaced by a current one.
func (s *Store) Authenticate(ctx context.Context, name, password string) (User, error) {
	if len(password) > MaxPasswordLen {
		return User{}, errBadCredentials()
	}
	var hash string
	u, err := scanUser(s.queryRow(ctx, s.rebind("SELECT "+userColumns+", password_hash FROM users WHERE name = ?"),
		NormalizeName(name)), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		verifyPassword(dummyHash(), password)
		return User{}, errBadCredentials()
	}
	if err != nil {
		return User{}, s.wrapErr(err, "sign in")
	}
	ok, stale, err := verifyPassword(hash, password)
	if err != nil {
		return User{}, err
	}
	if !ok {
		return User{}, errBadCredentials()
	}
	if stale {
		if err := s.SetPassword(ctx, u.ID, password); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

// SetPassword replaces an account's password and ends its sessions, so a
// changed password signs out every browser that knew the old one.
func (s *Store) SetPassword(ctx context.Context, id UserID, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, "user", "UPDATE users SET password_hash = ? WHERE id = ?", hash, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.rebind("DELETE FROM sessions WHERE user_id = ?"), id)
		return s.wrapErr(err, "end sessions")
	})
}

// SetRole changes an account's role. The user's counted reviews move between
// the critics' and members' scores in the same transaction.
func (s *Store) SetRole(ctx context.Context, id UserID, role Role) error {
	if !role.Valid() {
		return reel.Errorf(reel.Invalid, "invalid role %q: want admin, critic or member", role)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockUser(ctx, tx, id); err != nil {
			return err
		}
		return s.rescoreUser(ctx, tx, id, func() error {
			return s.execOne(ctx, tx, "user", "UPDATE users SET role = ? WHERE id = ?", role, id)
		})
	})
}

// UpdateCriticProfile replaces an account's profile. A change of weight or
// top-critic flag is applied to the film scores in the same transaction.
func (s *Store) UpdateCriticProfile(ctx context.Context, id UserID, p CriticProfile) error {
	weight, err := checkProfile(&p)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.lockUser(ctx, tx, id)
		if err != nil {
			return err
		}
		update := func() error {
			return s.execOne(ctx, tx, "user", `UPDATE users SET display_name = ?, publication = ?, bio = ?,
				weight = ?, top_critic = ? WHERE id = ?`, p.DisplayName, p.Publication, p.Bio, weight, boolInt(p.Top), id)
		}
		if old.Profile.Weight == p.Weight && old.Profile.Top == p.Top {
			return update() // the scores do not change
		}
		return s.rescoreUser(ctx, tx, id, update)
	})
}

// checkProfile trims and validates p, rounds its weight to hundredths and
// returns that in hundredths.
func checkProfile(p *CriticProfile) (int64, error) {
	p.DisplayName = strings.TrimSpace(p.DisplayName)
	p.Publication = strings.TrimSpace(p.Publication)
	p.Bio = strings.TrimSpace(p.Bio)
	switch {
	case len(p.DisplayName) > maxDisplayName:
		return 0, reel.Errorf(reel.Invalid, "display name too long: at most %d bytes", maxDisplayName)
	case len(p.Publication) > maxPublication:
		return 0, reel.Errorf(reel.Invalid, "publication too long: at most %d bytes", maxPublication)
	case len(p.Bio) > maxBio:
		return 0, reel.Errorf(reel.Invalid, "bio too long: at most %d bytes", maxBio)
	case !(p.Weight >= 0 && p.Weight <= maxWeight):
		return 0, reel.Errorf(reel.Invalid, "critic weight %v out of range: want 0 to %d", p.Weight, maxWeight)
	}
	w := int64(math.Round(p.Weight * 100))
	p.Weight = float64(w) / 100
	return w, nil
}

// SetKeepWatchlist sets whether logging a film leaves it on the user's
// watchlist (by default logging removes it).
func (s *Store) SetKeepWatchlist(ctx context.Context, id UserID, keep bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.execOne(ctx, tx, "user", "UPDATE users SET keep_watchlist = ? WHERE id = ?", boolInt(keep), id)
	})
}

// lockUser reads an account inside tx. On PostgreSQL it also locks the row:
// every write that changes what a user contributes to film scores takes this
// lock first, so two such writes for one user cannot compute their deltas
// from the same old state. SQLite transactions are already serialised.
func (s *Store) lockUser(ctx context.Context, tx *sql.Tx, id UserID) (User, error) {
	q := "SELECT " + userColumns + " FROM users WHERE id = ?"
	if s.dialect == Postgres {
		q += " FOR UPDATE"
	}
	u, err := scanUser(tx.QueryRowContext(ctx, s.rebind(q), id))
	return u, s.wrapErr(err, "user")
}

// execOne runs a statement that must change exactly one row; none is a
// NotFound for what.
func (s *Store) execOne(ctx context.Context, tx *sql.Tx, what, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, s.rebind(query), args...)
	if err != nil {
		return s.wrapErr(err, "update "+what)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.wrapErr(err, "update "+what)
	}
	if n == 0 {
		return reel.Errorf(reel.NotFound, "%s not found", what)
	}
	return nil
}

// isUniqueViolation reports whether err is a unique or primary-key
// violation on either engine.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		const constraintUnique, constraintPrimaryKey = 2067, 1555 // SQLite extended result codes
		return se.Code() == constraintUnique || se.Code() == constraintPrimaryKey
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// Times are stored as Unix milliseconds on both engines.
func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
