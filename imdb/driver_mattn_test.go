//go:build driverbench && mattn

package imdb_test

import _ "github.com/mattn/go-sqlite3" // cgo; registers "sqlite3"

func init() {
	benchDrivers = append(benchDrivers, benchDriver{"github.com/mattn/go-sqlite3", "sqlite3"})
}
