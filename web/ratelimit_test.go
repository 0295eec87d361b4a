package web

import (
	"net/http/httptest"
	"testing"
	"time"
)

// fakeClock is a time source tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestLimiterRefills(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	l := newLimiter(5, time.Minute, 100)
	l.now = clock.now
	for i := range 5 {
		if ok, _ := l.allow("ann"); !ok {
			t.Fatalf("attempt %d refused within the burst", i+1)
		}
	}
	ok, wait := l.allow("ann")
	if ok || wait <= 0 || wait > 12*time.Second {
		t.Fatalf("sixth attempt: allowed %v, wait %v; want refused, wait ≤ 12s", ok, wait)
	}
	if ok, _ := l.allow("bob"); !ok {
		t.Fatal("another key shares ann's bucket")
	}
	clock.t = clock.t.Add(12 * time.Second)
	if ok, _ := l.allow("ann"); !ok {
		t.Fatal("no attempt allowed after a refill interval")
	}
	if ok, _ := l.allow("ann"); ok {
		t.Fatal("a refill interval gave more than one attempt")
	}
}

func TestLimiterBounded(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	l := newLimiter(5, time.Minute, 10)
	l.now = clock.now
	for i := range 100 {
		l.allow(string(rune('a'+i%26)) + string(rune('a'+i/26)))
		if len(l.buckets) > 10 {
			t.Fatalf("%d buckets, want at most 10", len(l.buckets))
		}
	}
}

func TestClientAddr(t *testing.T) {
	tests := []struct {
		remote, xff, want string
	}{
		{"203.0.113.7:5000", "", "203.0.113.7"},
		{"203.0.113.7:5000", "198.51.100.1", "203.0.113.7"}, // a forged header from the internet
		{"127.0.0.1:5000", "198.51.100.1", "198.51.100.1"},  // behind a local proxy
		{"10.0.0.2:5000", "1.2.3.4, 198.51.100.1", "198.51.100.1"},
		{"127.0.0.1:5000", "junk", "127.0.0.1"},
		{"[::1]:5000", "", "::1"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/login", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := clientAddr(r); got != tt.want {
			t.Errorf("clientAddr(%s, XFF %q) = %q, want %q", tt.remote, tt.xff, got, tt.want)
		}
	}
}
