package imdb

import (
	"bytes"
	"strings"

	"reel/matchkey"
)

// parseID reads "tt0000001" or "nm0000001" (prefix given) into its number.
func parseID(b []byte, prefix string) (uint32, bool) {
	if len(b) <= len(prefix) || string(b[:len(prefix)]) != prefix {
		return 0, false
	}
	n, ok := parseUint(b[len(prefix):])
	if !ok || n == 0 || n > maxID {
		return 0, false
	}
	return uint32(n), true
}

// parseUint reads a decimal number of at most 12 digits.
func parseUint(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 12 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// parseOptInt reads a number or \N (0). Years and runtimes are small; larger
// values are bad.
func parseOptInt(b []byte) (int, bool) {
	if string(b) == null {
		return 0, true
	}
	n, ok := parseUint(b)
	if !ok || n > 1<<31-1 {
		return 0, false
	}
	return int(n), true
}

// parseTenths reads an IMDb rating such as "7.3" or "10" as tenths (73, 100).
func parseTenths(b []byte) (int, bool) {
	whole, frac, hasFrac := bytes.Cut(b, []byte{'.'})
	w, ok := parseUint(whole)
	if !ok || w > 10 {
		return 0, false
	}
	t := int(w) * 10
	if hasFrac {
		if len(frac) != 1 || frac[0] < '0' || frac[0] > '9' {
			return 0, false
		}
		t += int(frac[0] - '0')
	}
	if t > 100 {
		return 0, false
	}
	return t, true
}

// optStr returns s, or "" for \N.
func optStr(s string) string {
	if s == null {
		return ""
	}
	return s
}

// arrayStr turns an IMDb array field of title.akas (values separated by the
// control character 0x02 in the real dumps) into a comma-separated string.
func arrayStr(s string) string {
	s = optStr(s)
	if strings.IndexByte(s, 2) >= 0 {
		s = strings.ReplaceAll(s, "\x02", ",")
	}
	return s
}

// maxKeyLen bounds a stored search key. Prefix search needs only the first
// words; a cap keeps pathological titles from bloating the index.
const maxKeyLen = 120

// appendKeys appends to dst the match key of every word-suffix of s ("pedro
// almodovar", "almodovar") that dst lacks.
func appendKeys(dst []string, s string) []string {
	k := matchkey.Key(s)
	for k != "" {
		key := k
		if len(key) > maxKeyLen {
			key = key[:maxKeyLen]
			if i := strings.LastIndexByte(key, ' '); i > 0 {
				key = key[:i]
			}
		}
		if !contains(dst, key) {
			dst = append(dst, key)
		}
		i := strings.IndexByte(k, ' ')
		if i < 0 {
			break
		}
		k = k[i+1:]
	}
	return dst
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
