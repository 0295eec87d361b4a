package web

import (
	"math"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// limiter is a set of token buckets kept in memory, one per key (a client
// address or a user name): each holds up to burst tokens, refilled at rate
// per second, and every attempt takes one. Memory is bounded by max keys.
// Limits are per process: several `reel serve` instances each allow the
// burst, which still caps guessing far below what makes it practical.
type limiter struct {
	mu      sync.Mutex
	burst   float64
	rate    float64 // tokens per second
	max     int
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was last brought up to date
}

// newLimiter allows burst attempts per key and then one every per/burst.
func newLimiter(burst int, per time.Duration, max int) *limiter {
	return &limiter{burst: float64(burst), rate: float64(burst) / per.Seconds(), max: max,
		now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket. When there is none it reports
// false and how long until there will be one.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		l.makeRoom(now)
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
		return false, wait
	}
	b.tokens--
	return true, 0
}

// makeRoom keeps the map under max keys. Full buckets carry no memory of
// past attempts, so they go first; if none is full, an arbitrary one goes,
// which at worst gives that key its burst back. The per-address and
// per-name limits together keep one client from flushing its own bucket
// this way: it would need max fresh names, each costing it an attempt.
func (l *limiter) makeRoom(now time.Time) {
	if len(l.buckets) < l.max {
		return
	}
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < l.max {
			break
		}
		delete(l.buckets, k)
	}
}

// signInLimits are the limits on sign-in and sign-up attempts: five a
// minute per client address and per user name, then one every 12 s.
type signInLimits struct {
	byAddr, byName *limiter
}

const (
	signInBurst   = 5
	signInPer     = time.Minute
	limiterMaxKey = 10000 // buckets per limiter: a few hundred kilobytes at most
)

func newSignInLimits() *signInLimits {
	return &signInLimits{
		byAddr: newLimiter(signInBurst, signInPer, limiterMaxKey),
		byName: newLimiter(signInBurst, signInPer, limiterMaxKey),
	}
}

// allow takes an attempt for the request's client and, when name is not
// empty, for that name. Both are charged, so neither guessing many
// passwords for one name from many addresses nor many names from one
// address gets past five a minute.
func (l *signInLimits) allow(r *http.Request, name string) (bool, time.Duration) {
	okAddr, waitAddr := l.byAddr.allow(clientAddr(r))
	okName, waitName := true, time.Duration(0)
	if name != "" {
		okName, waitName = l.byName.allow(name)
	}
	return okAddr && okName, max(waitAddr, waitName)
}

// retryAfter is the Retry-After header's value for wait: whole seconds,
// rounded up, at least one.
func retryAfter(wait time.Duration) int {
	return max(1, int(math.Ceil(wait.Seconds())))
}

// clientAddr is the address to rate-limit a request by. A request from a
// loopback or private address is taken to come through a reverse proxy on
// the same host or network, and then the last X-Forwarded-For entry (the
// one that proxy added) names the client; anyone else could forge that
// header, so for them the connection's own address counts.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil || !(ip.IsLoopback() || ip.IsPrivate()) {
		return host
	}
	xff := r.Header.Values("X-Forwarded-For")
	if len(xff) == 0 {
		return host
	}
	last := xff[len(xff)-1]
	if i := strings.LastIndexByte(last, ','); i >= 0 {
		last = last[i+1:]
	}
	if fwd := net.ParseIP(strings.TrimSpace(last)); fwd != nil {
		return fwd.String()
	}
	return host
}
