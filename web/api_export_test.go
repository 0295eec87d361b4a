package web

import "reel/store"

// APIPatterns returns the API routes a server over st registers, for the
// test that compares them with the OpenAPI document.
func APIPatterns(st *store.Store) []string {
	return newServer(st, Options{}).apiPatterns
}
