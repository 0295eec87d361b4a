package store

import (
	"context"
	"database/sql"
	"errors"

	"reel"
)

// Site settings are named string values an admin changes at run time. They
// live in the database, not in flags, so every `reel serve` behind one
// PostgreSQL sees the same value without a restart.

// SettingSignupOpen says whether anyone may create an account: "false"
// closes sign-up; any other value, or none, leaves it open.
const SettingSignupOpen = "signup_open"

// maxSettingLen bounds a setting's key and value, in bytes.
const maxSettingLen = 1000

// GetSetting returns the value of key, or fallback when it was never set.
func (s *Store) GetSetting(ctx context.Context, key, fallback string) (string, error) {
	var v string
	err := s.queryRow(ctx, s.rebind("SELECT value FROM site_settings WHERE key = ?"), key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return fallback, nil
	}
	if err != nil {
		return "", s.wrapErr(err, "setting "+key)
	}
	return v, nil
}

// SetSetting stores value under key, replacing any earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" || len(key) > maxSettingLen || len(value) > maxSettingLen {
		return reel.Errorf(reel.Invalid, "setting key must be 1–%d bytes and its value at most %d", maxSettingLen, maxSettingLen)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO site_settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`), key, value)
		return s.wrapErr(err, "set setting "+key)
	})
}

// SignupOpen reports whether visitors may create accounts; open by default.
func (s *Store) SignupOpen(ctx context.Context) (bool, error) {
	v, err := s.GetSetting(ctx, SettingSignupOpen, "true")
	return v != "false", err
}

// SetSignupOpen opens or closes sign-up.
func (s *Store) SetSignupOpen(ctx context.Context, open bool) error {
	v := "false"
	if open {
		v = "true"
	}
	return s.SetSetting(ctx, SettingSignupOpen, v)
}
