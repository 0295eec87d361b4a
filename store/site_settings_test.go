package store_test

import (
	"context"
	"testing"

	"reel"
	"reel/store"
	"reel/store/storetest"
)

func TestSiteSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if v, err := s.GetSetting(ctx, "motto", "none"); err != nil || v != "none" {
			t.Fatalf("unset setting: %q, %v; want the fallback", v, err)
		}
		for _, want := range []string{"first", "second"} {
			if err := s.SetSetting(ctx, "motto", want); err != nil {
				t.Fatal(err)
			}
			if v, err := s.GetSetting(ctx, "motto", "none"); err != nil || v != want {
				t.Fatalf("setting: %q, %v; want %q", v, err, want)
			}
		}
		if err := s.SetSetting(ctx, "", "x"); reel.ErrorCode(err) != reel.Invalid {
			t.Fatalf("empty key: %v, want invalid", err)
		}
	})
}

func TestSignupOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// The first round checks the default: open.
		for _, want := range []bool{true, false, true} {
			open, err := s.SignupOpen(ctx)
			if err != nil || open != want {
				t.Fatalf("sign-up open: %v, %v; want %v", open, err, want)
			}
			if err := s.SetSignupOpen(ctx, !want); err != nil {
				t.Fatal(err)
			}
		}
	})
}
