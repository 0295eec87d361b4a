package web

import (
	"container/list"
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// lru is a small cache with a time to live and least-recently-used
// eviction. The site caches what is the same for every reader: rendered
// catalog fragments, whole catalog pages (person, home, search results) and
// film pages with their scores.
//
// An entry is fresh for between half and all of ttl (see jittered), then
// stale for up to ttl more: a stale entry is still served while one caller
// reloads it in the background, so readers never wait on an expiry, only on
// a page nobody asked for recently. Past that it is gone.
//
// Nothing personal may go in: once pages show the signed-in reader, their
// handlers must bypass the page cache for requests with a session.
type lru[K comparable, V any] struct {
	ttl time.Duration // <= 0 disables the cache
	max int

	mu    sync.Mutex
	items map[K]*list.Element
	order *list.List // of *lruEntry, most recently used at the front
}

type lruEntry[K comparable, V any] struct {
	key        K
	val        V
	exp        time.Time // fresh until exp, stale until exp + ttl
	refreshing bool      // a caller is reloading the stale entry
}

// state is what get found.
type state int

const (
	miss  state = iota
	fresh       // serve it
	stale       // serve it; someone else is reloading it
	claim       // serve it, and reload it: this caller claimed the refresh
)

// refreshTimeout bounds a background reload.
const refreshTimeout = 10 * time.Second

// refreshSlots bounds the background reloads running at once, across every
// cache. When many entries go stale together (a crawler's pages, the whole
// film cache after a quiet spell) unbounded reloads would take the CPU from
// the requests they are meant to keep fast; past the bound, stale entries
// are served a little longer instead.
var refreshSlots = make(chan struct{}, 2)

func newLRU[K comparable, V any](max int, ttl time.Duration) *lru[K, V] {
	return &lru[K, V]{ttl: ttl, max: max, items: map[K]*list.Element{}, order: list.New()}
}

// get returns the value for k and its state. Of the callers that find an
// entry stale, the first gets claim and must reload it.
func (c *lru[K, V]) get(k K) (V, state) {
	var zero V
	if c.ttl <= 0 {
		return zero, miss
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return zero, miss
	}
	e := el.Value.(*lruEntry[K, V])
	now := time.Now()
	switch {
	case now.Before(e.exp):
		c.order.MoveToFront(el)
		return e.val, fresh
	case now.After(e.exp.Add(c.ttl)):
		c.order.Remove(el)
		delete(c.items, k)
		return zero, miss
	case e.refreshing:
		return e.val, stale
	}
	e.refreshing = true
	return e.val, claim
}

// put stores v under k, evicting the least recently used entry when full.
func (c *lru[K, V]) put(k K, v V) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := &lruEntry[K, V]{key: k, val: v, exp: time.Now().Add(c.jittered())}
	if el, ok := c.items[k]; ok {
		el.Value = e
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(e)
	if c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lruEntry[K, V]).key)
	}
}

// jittered is the ttl shortened by up to half at random. Entries loaded
// together (after a restart, or by a crawler) would otherwise expire
// together and be reloaded in one burst.
func (c *lru[K, V]) jittered() time.Duration {
	return c.ttl - time.Duration(rand.Int64N(int64(c.ttl)/2+1))
}

// release gives up a claimed refresh that failed, so a later caller retries.
func (c *lru[K, V]) release(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		el.Value.(*lruEntry[K, V]).refreshing = false
	}
}

// forget drops k.
func (c *lru[K, V]) forget(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.order.Remove(el)
		delete(c.items, k)
	}
}

// cached returns the value for k, loading and storing it on a miss and
// reloading it in the background when stale. Loads that fail are not
// stored. Concurrent misses may load twice; both results are equal, and a
// stampede on one catalog page is cheap.
func cached[K comparable, V any](ctx context.Context, c *lru[K, V], k K, load func(context.Context) (V, error)) (V, error) {
	v, st := c.get(k)
	switch st {
	case fresh, stale:
		return v, nil
	case claim:
		select {
		case refreshSlots <- struct{}{}:
		default:
			// Enough reloads are running: serve the stale value and let a
			// later request claim the refresh.
			c.release(k)
			return v, nil
		}
		// The reload outlives the request that triggered it.
		go func() {
			defer func() { <-refreshSlots }()
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
			defer cancel()
			if nv, err := load(ctx); err == nil {
				c.put(k, nv)
			} else {
				c.release(k)
			}
		}()
		return v, nil
	}
	v, err := load(ctx)
	if err == nil {
		c.put(k, v)
	}
	return v, err
}
