//go:build driverbench && ncruces

package imdb_test

import _ "github.com/ncruces/go-sqlite3/driver" // wasm2go, cgo-free; registers "sqlite3"

func init() {
	benchDrivers = append(benchDrivers, benchDriver{"github.com/ncruces/go-sqlite3", "sqlite3"})
}
