package web

import (
	"strings"
	"testing"

	"reel"
	"reel/markup"
	"reel/store"
)

// TestSpoilersStayHidden: text shown outside the review page (excerpts,
// feeds) never carries an inline spoiler's words.
func TestSpoilersStayHidden(t *testing.T) {
	h := markup.Render("She *was* ||the **killer** all along|| — and then\n\nthe end. ||Twice||")
	ex := excerpt(h, 200)
	if strings.Contains(ex, "killer") || strings.Contains(ex, "Twice") || !strings.Contains(ex, "[spoiler]") {
		t.Errorf("excerpt %q", ex)
	}
	if want := "She was [spoiler] — and then the end. [spoiler]"; ex != want {
		t.Errorf("excerpt = %q, want %q", ex, want)
	}
	feed := hideSpoilers(h)
	if strings.Contains(feed, "killer") || strings.Contains(feed, "Twice") || !strings.Contains(feed, "<em>was</em>") {
		t.Errorf("feed HTML %q", feed)
	}
	if got := excerpt("<p>"+strings.Repeat("word ", 100)+"</p>", 30); len([]rune(got)) > 31 || !strings.HasSuffix(got, "…") {
		t.Errorf("long excerpt %q", got)
	}
}

func TestGradeLabel(t *testing.T) {
	for _, tc := range []struct {
		g    *store.ReviewGrade
		want string
	}{
		{nil, ""},
		{&store.ReviewGrade{Text: "B+", Value: 83, Source: store.GradeConverted}, "B+ · 83/100"},
		{&store.ReviewGrade{Text: "88/100", Value: 88, Source: store.GradeGiven}, "88/100"},
		{&store.ReviewGrade{Text: "59", Value: 59, Source: store.GradeInferred}, "59/100 (inferred)"},
		{&store.ReviewGrade{Text: "★★★½", Value: 70, Source: store.GradeConverted}, "★★★½ · 70/100"},
	} {
		if got := gradeLabel(tc.g); got != tc.want {
			t.Errorf("gradeLabel(%+v) = %q, want %q", tc.g, got, tc.want)
		}
	}
	if v, err := gradePreview("B+"); v != "83/100" || err != nil {
		t.Errorf("gradePreview(B+) = %q, %v", v, err)
	}
	if _, err := gradePreview("banana"); reel.ErrorCode(err) != reel.Invalid {
		t.Errorf("gradePreview(banana) error %v, want Invalid", err)
	}
}
