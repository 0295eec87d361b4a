package web

import (
	"container/list"
	"sync"
	"time"
)

// lru is a small cache with a time to live and least-recently-used
// eviction. The site caches what is the same for every reader and changes
// only on a catalog import: rendered catalog fragments, whole catalog pages
// (person, home) and search results. A minute of staleness after an import
// is the price of serving those from memory.
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
	key K
	val V
	at  time.Time
}

func newLRU[K comparable, V any](max int, ttl time.Duration) *lru[K, V] {
	return &lru[K, V]{ttl: ttl, max: max, items: map[K]*list.Element{}, order: list.New()}
}

// get returns the value for k when it is there and fresh.
func (c *lru[K, V]) get(k K) (V, bool) {
	var zero V
	if c.ttl <= 0 {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return zero, false
	}
	e := el.Value.(*lruEntry[K, V])
	if time.Since(e.at) >= c.ttl {
		c.order.Remove(el)
		delete(c.items, k)
		return zero, false
	}
	c.order.MoveToFront(el)
	return e.val, true
}

// put stores v under k, evicting the least recently used entry when full.
func (c *lru[K, V]) put(k K, v V) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		el.Value = &lruEntry[K, V]{k, v, time.Now()}
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&lruEntry[K, V]{k, v, time.Now()})
	if c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lruEntry[K, V]).key)
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

// cached returns the value for k, loading and storing it on a miss. Loads
// that fail are not stored. Concurrent misses may load twice; both results
// are equal, and a stampede on one catalog page is cheap.
func cached[K comparable, V any](c *lru[K, V], k K, load func() (V, error)) (V, error) {
	if v, ok := c.get(k); ok {
		return v, nil
	}
	v, err := load()
	if err == nil {
		c.put(k, v)
	}
	return v, err
}
