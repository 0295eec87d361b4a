package store

// Test hooks for the external store_test package.

// CheapPasswords makes password hashing fast for the duration of a test (a
// full-cost argon2id hash takes a large share of a second under the race
// detector), and returns the function that restores the real cost.
func CheapPasswords() (restore func()) {
	old := passwordParams
	passwordParams = argonParams{memory: 64, time: 1, threads: 1, keyLen: 32, saltLen: 16}
	return func() { passwordParams = old }
}

// HashPassword and VerifyPassword expose the argon2id encoding.
func HashPassword(pw string) (string, error) { return hashPassword(pw) }

func VerifyPassword(encoded, pw string) (ok, stale bool, err error) {
	return verifyPassword(encoded, pw)
}
