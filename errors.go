package reel

import (
	"errors"
	"fmt"
)

// Code classifies an Error; the web layer maps each code to one HTTP status and the
// CLI to one exit code, each in exactly one place.
type Code string

// The error codes. Keep the set small: callers branch on them.
const (
	Invalid      Code = "invalid"      // bad input from the user
	NotFound     Code = "not_found"    // the thing asked for does not exist
	Conflict     Code = "conflict"     // a uniqueness or state conflict
	Unauthorized Code = "unauthorized" // not signed in, or not allowed
	Internal     Code = "internal"     // a bug or an environment failure
)

// Error is the application's one error type. Message is safe to show to a user;
// Err carries the underlying cause for logs and --verbose.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches a code and a user-facing message to a cause.
func Wrap(err error, code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first Error in err's chain, Internal for
// any other non-nil error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the user-facing message: the first Error's message, or
// a generic text for errors that carry none.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
