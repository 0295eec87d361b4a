package grade

import (
	"errors"
	"fmt"
)

// The kinds of failure, for errors.Is. Every error Parse returns is an
// *Error that unwraps to one of them, so an importer can tell "no grade
// given" (ErrEmpty) from "a grade we cannot read".
var (
	ErrEmpty        = errors.New("empty grade")
	ErrTooLong      = errors.New("grade too long")
	ErrOutOfRange   = errors.New("grade out of range")
	ErrAmbiguous    = errors.New("ambiguous grade")
	ErrUnrecognised = errors.New("unrecognised grade")
)

// Accepted lists the forms Parse reads; it ends every error about text
// that is not a grade, so the person typing it learns what to write.
const Accepted = "stars (★★★½, ★★★☆☆, ***1/2, 3½ stars, 4 stars out of 5), " +
	"x/N (3.5/5, 3/4, 7/10, 7.5 out of 10, 88/100), percent (88%), " +
	"letters A+ to F (B+, A-, C), thumbs up/down, fresh/rotten, " +
	"or a verdict word (masterpiece, excellent, very good, good, mixed, poor, awful; see grade.Words)"

// Error is the error Parse and ParseLetterboxd return.
type Error struct {
	Text   string // the input, cut to MaxLen bytes
	Reason string // what is wrong, in words
	Kind   error  // one of ErrEmpty, ErrTooLong, ErrOutOfRange, ErrAmbiguous, ErrUnrecognised
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("grade %q: %s", e.Text, e.Reason)
	// Listing the forms helps only when the text was not a grade at all;
	// after "6 is above the maximum 5" it would be noise.
	if e.Kind == ErrUnrecognised || e.Kind == ErrAmbiguous || e.Kind == ErrEmpty {
		msg += "; accepted forms: " + Accepted
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Kind }

func newError(kind error, text, format string, args ...any) *Error {
	return &Error{Text: cut(text, MaxLen), Reason: fmt.Sprintf(format, args...), Kind: kind}
}

// cut shortens s to at most n bytes without splitting a UTF-8 sequence,
// marking the cut with an ellipsis.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
