package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"

	"reel"
)

// argonParams are argon2id's cost settings. They are written into every hash
// (PHC string format), so raising them later still verifies old hashes, and
// Authenticate rehashes those on the next successful sign-in.
type argonParams struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
	keyLen  uint32
	saltLen uint32
}

// passwordParams follow OWASP's argon2id baseline (19 MiB, 2 passes, 1
// lane): about 30 ms per hash on one core, which bounds both brute force and
// the CPU a flood of sign-ins can take.
var passwordParams = argonParams{memory: 19 * 1024, time: 2, threads: 1, keyLen: 32, saltLen: 16}

// Password length limits. The upper bound stops a megabyte "password" from
// being hashed on every attempt; argon2 itself accepts any length.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 1024
)

func checkPassword(pw string) error {
	if len(pw) < MinPasswordLen {
		return reel.Errorf(reel.Invalid, "password too short: use at least %d characters", MinPasswordLen)
	}
	if len(pw) > MaxPasswordLen {
		return reel.Errorf(reel.Invalid, "password too long: use at most %d bytes", MaxPasswordLen)
	}
	return nil
}

// hashPassword returns the argon2id hash of pw as a PHC string:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, base64 without padding.
func hashPassword(pw string) (string, error) {
	p := passwordParams
	salt := make([]byte, p.saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", reel.Wrap(err, reel.Internal, "generate salt")
	}
	key := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, p.keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPassword reports whether pw matches the encoded hash, comparing keys in
// constant time, and whether the hash was made with other than the current
// parameters (so the caller can rehash).
func verifyPassword(encoded, pw string) (ok, stale bool, err error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, uint32(len(key)))
	ok = subtle.ConstantTimeCompare(got, key) == 1
	stale = p.memory != passwordParams.memory || p.time != passwordParams.time ||
		p.threads != passwordParams.threads || len(key) != int(passwordParams.keyLen)
	return ok, stale, nil
}

// decodeHash parses a PHC argon2id string. It bounds the parameters so a
// tampered row cannot make verification allocate gigabytes.
func decodeHash(encoded string) (p argonParams, salt, key []byte, err error) {
	bad := func(why string) error {
		return reel.Errorf(reel.Internal, "stored password hash is malformed (%s)", why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, bad("not argon2id")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, bad("version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, nil, nil, bad("parameters")
	}
	if p.memory < 8 || p.memory > 1<<20 || p.time < 1 || p.time > 64 || p.threads < 1 {
		return p, nil, nil, bad("parameters out of range")
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, bad("salt")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 128 {
		return p, nil, nil, bad("key")
	}
	return p, salt, key, nil
}

// dummyHash is verified against when a sign-in names no existing user, so
// that answer takes as long as a wrong password and does not reveal which
// names exist. It is made on first use, not at start, to keep every CLI
// command from paying for a hash.
var dummyHash = sync.OnceValue(func() string {
	h, err := hashPassword("reel-dummy-password")
	if err != nil {
		panic(err) // only when the system's random source fails
	}
	return h
})
