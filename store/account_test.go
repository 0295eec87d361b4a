package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"reel"
	"reel/store"
	"reel/store/storetest"
)

// mkUser creates an account with a cheap password hash, failing the test on error.
func mkUser(t *testing.T, s *store.Store, name string, role store.Role) store.User {
	t.Helper()
	defer store.CheapPasswords()()
	u, err := s.CreateUser(context.Background(), name, "password-"+name, role)
	if err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	return u
}

func wantCode(t *testing.T, err error, code reel.Code) {
	t.Helper()
	if reel.ErrorCode(err) != code {
		t.Fatalf("got error %v (code %q), want code %q", err, reel.ErrorCode(err), code)
	}
}

func TestPasswordHashRoundTrip(t *testing.T) {
	// The real cost, once: the encoding names argon2id and its parameters.
	h, err := store.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string with the expected parameters", h)
	}
	ok, stale, err := store.VerifyPassword(h, "correct horse battery staple")
	if err != nil || !ok || stale {
		t.Fatalf("verify right password: ok=%v stale=%v err=%v", ok, stale, err)
	}
	if ok, _, _ := store.VerifyPassword(h, "correct horse battery stapl"); ok {
		t.Fatal("wrong password verified")
	}
	h2, _ := store.HashPassword("correct horse battery staple")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", h[:len(h)-10] + "$"} {
		if _, _, err := store.VerifyPassword(bad, "x"); err == nil {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func TestCreateUser(t *testing.T) {
	defer store.CheapPasswords()()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tests := []struct {
			name, password string
			role           store.Role
			want           reel.Code
		}{
			{"Alice", "long enough", store.RoleMember, ""},
			{"alice", "long enough", store.RoleCritic, reel.Conflict}, // names are case-insensitive
			{" ALICE ", "long enough", store.RoleCritic, reel.Conflict},
			{"bob.smith-2", "long enough", store.RoleCritic, ""},
			{"b", "long enough", store.RoleMember, reel.Invalid},
			{"bad name", "long enough", store.RoleMember, reel.Invalid},
			{"_under", "long enough", store.RoleMember, reel.Invalid},
			{"carol", "short", store.RoleMember, reel.Invalid},
			{"carol", strings.Repeat("x", store.MaxPasswordLen+1), store.RoleMember, reel.Invalid},
			{"carol", "long enough", store.Role("editor"), reel.Invalid},
		}
		for _, tt := range tests {
			u, err := s.CreateUser(ctx, tt.name, tt.password, tt.role)
			if reel.ErrorCode(err) != tt.want {
				t.Errorf("CreateUser(%q, role %q): %v, want code %q", tt.name, tt.role, err, tt.want)
				continue
			}
			if err == nil && (u.Name != store.NormalizeName(tt.name) || u.Role != tt.role || u.ID == 0 || u.Profile.Weight != 1) {
				t.Errorf("CreateUser(%q) = %+v", tt.name, u)
			}
		}
		got, err := s.UserByName(ctx, "ALICE")
		if err != nil || got.Name != "alice" {
			t.Fatalf("UserByName(ALICE) = %+v, %v", got, err)
		}
		_, err = s.UserByName(ctx, "nobody")
		wantCode(t, err, reel.NotFound)
		users, err := s.ListUsers(ctx)
		if err != nil || len(users) != 2 || users[0].Name != "alice" || users[1].Name != "bob.smith-2" {
			t.Fatalf("ListUsers = %+v, %v", users, err)
		}
	})
}

func TestAuthenticate(t *testing.T) {
	defer store.CheapPasswords()()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mkUser(t, s, "dana", store.RoleMember)
		got, err := s.Authenticate(ctx, "Dana", "password-dana")
		if err != nil || got.ID != u.ID {
			t.Fatalf("right password: %+v, %v", got, err)
		}
		_, errWrong := s.Authenticate(ctx, "dana", "password-dan")
		wantCode(t, errWrong, reel.Unauthorized)
		_, errUnknown := s.Authenticate(ctx, "nobody", "password-dana")
		wantCode(t, errUnknown, reel.Unauthorized)
		if errWrong.Error() != errUnknown.Error() {
			t.Fatalf("wrong password (%v) and unknown user (%v) answer differently", errWrong, errUnknown)
		}

		if err := s.SetPassword(ctx, u.ID, "a new password"); err != nil {
			t.Fatal(err)
		}
		_, err = s.Authenticate(ctx, "dana", "password-dana")
		wantCode(t, err, reel.Unauthorized)
		if _, err := s.Authenticate(ctx, "dana", "a new password"); err != nil {
			t.Fatalf("new password: %v", err)
		}
		wantCode(t, s.SetPassword(ctx, u.ID, "short"), reel.Invalid)
		wantCode(t, s.SetPassword(ctx, 9999, "long enough"), reel.NotFound)
	})
}

func TestAuthenticateRehashesStaleHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mkUser(t, s, "erin", store.RoleMember) // made with the cheap parameters
		if _, err := s.Authenticate(ctx, "erin", "password-erin"); err != nil {
			t.Fatal(err)
		}
		var hash string
		if err := s.DB().QueryRowContext(ctx, s.Rebind("SELECT password_hash FROM users WHERE id = ?"), u.ID).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hash, "m=19456,t=2,p=1") {
			t.Fatalf("hash after sign-in with current parameters is %q, want it rehashed", hash)
		}
	})
}

func TestRoleAndProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mkUser(t, s, "frank", store.RoleMember)
		if err := s.SetRole(ctx, u.ID, store.RoleCritic); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.SetRole(ctx, u.ID, "boss"), reel.Invalid)
		wantCode(t, s.SetRole(ctx, 9999, store.RoleAdmin), reel.NotFound)
		p := store.CriticProfile{DisplayName: " Frank Critic ", Publication: "The Daily", Bio: "Writes.", Weight: 1.256, Top: true}
		if err := s.UpdateCriticProfile(ctx, u.ID, p); err != nil {
			t.Fatal(err)
		}
		got, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := store.CriticProfile{DisplayName: "Frank Critic", Publication: "The Daily", Bio: "Writes.", Weight: 1.26, Top: true}
		if got.Role != store.RoleCritic || got.Profile != want {
			t.Fatalf("after updates: role %s, profile %+v; want critic, %+v", got.Role, got.Profile, want)
		}
		for _, bad := range []store.CriticProfile{{Weight: -1}, {Weight: 10.5}, {DisplayName: strings.Repeat("x", 101), Weight: 1}} {
			wantCode(t, s.UpdateCriticProfile(ctx, u.ID, bad), reel.Invalid)
		}
		if err := s.SetKeepWatchlist(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, u.ID); !got.KeepWatchlist {
			t.Fatal("keep-watchlist setting not stored")
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mkUser(t, s, "gina", store.RoleMember)
		other := mkUser(t, s, "hank", store.RoleMember)
		secret, tok, err := s.CreateToken(ctx, u.ID, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, store.TokenPrefix) || len(secret) < 40 || tok.Name != "laptop" {
			t.Fatalf("token %q, %+v", secret, tok)
		}
		var stored int
		s.DB().QueryRowContext(ctx, s.Rebind("SELECT COUNT(*) FROM api_tokens WHERE hash = ?"), secret).Scan(&stored)
		if stored != 0 {
			t.Fatal("the token secret is stored in clear")
		}
		got, err := s.UserByToken(ctx, secret)
		if err != nil || got.ID != u.ID {
			t.Fatalf("UserByToken = %+v, %v", got, err)
		}
		list, err := s.ListTokens(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].LastUsed == nil || list[0].Revoked != nil {
			t.Fatalf("ListTokens = %+v, %v; want one used, unrevoked token", list, err)
		}
		_, err = s.UserByToken(ctx, secret+"x")
		wantCode(t, err, reel.Unauthorized)
		_, err = s.UserByToken(ctx, "")
		wantCode(t, err, reel.Unauthorized)

		wantCode(t, s.RevokeToken(ctx, other.ID, tok.ID), reel.NotFound) // not theirs
		if err := s.RevokeToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.RevokeToken(ctx, u.ID, tok.ID), reel.NotFound)
		_, err = s.UserByToken(ctx, secret)
		wantCode(t, err, reel.Unauthorized)
		list, _ = s.ListTokens(ctx, u.ID)
		if len(list) != 1 || list[0].Revoked == nil {
			t.Fatalf("revoked token listed as %+v", list)
		}
		_, _, err = s.CreateToken(ctx, 9999, "x")
		wantCode(t, err, reel.NotFound)
	})
}

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mkUser(t, s, "iris", store.RoleMember)
		first, err := s.CreateSession(ctx, u.ID, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Until(first.ExpiresAt); d < store.DefaultSessionTTL-time.Minute || d > store.DefaultSessionTTL {
			t.Fatalf("default session expires in %v", d)
		}
		if got, err := s.UserBySession(ctx, first.ID); err != nil || got.ID != u.ID {
			t.Fatalf("UserBySession = %+v, %v", got, err)
		}
		// Signing in again from the same browser rotates the id.
		second, err := s.CreateSession(ctx, u.ID, time.Hour, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if second.ID == first.ID {
			t.Fatal("session id not rotated")
		}
		_, err = s.UserBySession(ctx, first.ID)
		wantCode(t, err, reel.Unauthorized)
		if _, err := s.UserBySession(ctx, second.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSession(ctx, second.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.UserBySession(ctx, second.ID)
		wantCode(t, err, reel.Unauthorized)
		if err := s.DeleteSession(ctx, second.ID); err != nil {
			t.Fatalf("signing out twice: %v", err)
		}

		short, err := s.CreateSession(ctx, u.ID, time.Millisecond, "")
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
		_, err = s.UserBySession(ctx, short.ID)
		wantCode(t, err, reel.Unauthorized)

		// A password change signs every session out.
		third, _ := s.CreateSession(ctx, u.ID, time.Hour, "")
		if err := s.SetPassword(ctx, u.ID, "another password"); err != nil {
			t.Fatal(err)
		}
		_, err = s.UserBySession(ctx, third.ID)
		wantCode(t, err, reel.Unauthorized)
		_, err = s.CreateSession(ctx, u.ID, -time.Second, "")
		wantCode(t, err, reel.Invalid)
	})
}
