package web

import (
	"net/http"
	"strconv"
	"strings"

	"reel"
	"reel/store"
)

// adminPage is the view-model of /admin: every account with its role and
// critic standing, and whether sign-up is open.
type adminPage struct {
	Me         store.User
	Users      []store.User
	SignupOpen bool
	Roles      []store.Role
	Error      string // what went wrong with the last change
	Notice     string
}

var adminNotices = map[string]string{
	"role":   "The role is changed; the user's reviews now count in the matching scores.",
	"critic": "The critic's standing is saved; film scores are updated.",
	"signup": "Sign-up is updated.",
}

// admin returns the viewer when they are an admin. Others get the 403 page;
// a signed-out visitor's GET goes to the sign-in page first.
func (a *accounts) admin(w http.ResponseWriter, r *http.Request) (store.User, bool) {
	u, ok := a.signedIn(w, r)
	if !ok {
		return u, false
	}
	if u.Role != store.RoleAdmin {
		a.fail(w, r, reel.Errorf(reel.Unauthorized, "Only administrators may use this page."))
		return u, false
	}
	return u, true
}

func (a *accounts) adminHome(w http.ResponseWriter, r *http.Request) {
	me, ok := a.admin(w, r)
	if !ok {
		return
	}
	a.renderAdmin(w, r, http.StatusOK, adminPage{Me: me, Notice: adminNotices[r.URL.Query().Get("done")]})
}

func (a *accounts) renderAdmin(w http.ResponseWriter, r *http.Request, status int, p adminPage) {
	var err error
	if p.Users, err = a.store.ListUsers(r.Context()); err == nil {
		p.SignupOpen, err = a.store.SignupOpen(r.Context())
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p.Roles = []store.Role{store.RoleMember, store.RoleCritic, store.RoleAdmin}
	noStore(w)
	a.render(w, r, status, "admin", view{Title: "Administration", Page: p})
}

// setRole changes a user's role. Admins cannot change their own, so the
// last admin cannot lock everyone out of this page by accident.
func (a *accounts) setRole(w http.ResponseWriter, r *http.Request) {
	me, ok := a.admin(w, r)
	if !ok {
		return
	}
	u, err := a.store.UserByName(r.Context(), r.PathValue("name"))
	if err == nil && u.ID == me.ID {
		err = reel.Errorf(reel.Conflict, "You cannot change your own role; ask another administrator.")
	}
	if err == nil {
		err = a.store.SetRole(r.Context(), u.ID, store.Role(r.PostFormValue("role")))
	}
	a.adminDone(w, r, me, err, "role")
}

// setCritic sets a user's critic weight and top-critic flag, keeping the
// rest of their profile as the user wrote it.
func (a *accounts) setCritic(w http.ResponseWriter, r *http.Request) {
	me, ok := a.admin(w, r)
	if !ok {
		return
	}
	u, err := a.store.UserByName(r.Context(), r.PathValue("name"))
	if err != nil {
		a.adminDone(w, r, me, err, "critic")
		return
	}
	p := u.Profile
	p.Top = r.PostFormValue("top") != ""
	p.Weight, err = strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("weight")), 64)
	if err != nil {
		err = reel.Errorf(reel.Invalid, "Weight for %s must be a number from 0 to 10.", u.Name)
	} else {
		err = a.store.UpdateCriticProfile(r.Context(), u.ID, p)
	}
	a.adminDone(w, r, me, err, "critic")
}

// setSignup opens or closes sign-up for the whole site.
func (a *accounts) setSignup(w http.ResponseWriter, r *http.Request) {
	me, ok := a.admin(w, r)
	if !ok {
		return
	}
	a.adminDone(w, r, me, a.store.SetSignupOpen(r.Context(), r.PostFormValue("open") == "1"), "signup")
}

// adminDone ends an admin action: a mistake in the form shows the page
// again with the message; success redirects back to it (Post/Redirect/Get).
func (a *accounts) adminDone(w http.ResponseWriter, r *http.Request, me store.User, err error, what string) {
	switch reel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin?done="+what, http.StatusSeeOther)
	case reel.Invalid, reel.Conflict, reel.NotFound:
		a.renderAdmin(w, r, statusOf(reel.ErrorCode(err)), adminPage{Me: me, Error: reel.ErrorMessage(err)})
	default:
		a.fail(w, r, err)
	}
}
