// Package failure is the site's error vocabulary: a few kinds of failure
// that any package may return and that the one error handler turns into a
// status, a log level, and an HTML page or an application/problem+json
// body (RFC 9457). An error of no kind is a failure of the site itself.
package failure

import (
	"errors"
	"time"
)

// Kind is what went wrong, from the point of view of whoever asked.
type Kind int

// The kinds. Internal, the zero value, is the site's own fault.
const (
	Internal     Kind = iota
	Invalid           // the request cannot be served as it is: a bad parameter, too many items
	NotFound          // nothing has that address
	Gone              // something had that address and no longer has
	Unavailable       // not now: try again later
	Conflict          // the request clashes with the current state
	Unauthorized      // credentials are missing or wrong
)

// Error is a failure of a kind, with a message for people, in French.
type Error struct {
	Kind    Kind
	Message string
	// RetryAfter, for Unavailable, is when to try again.
	RetryAfter time.Duration
	// Err is the cause, for logs; never shown.
	Err error
	// Param, for Invalid, is the query parameter at fault, so that a
	// program can name it (RFC 9457 invalid_params).
	Param string
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New is an error of kind k with a message for people.
func New(k Kind, message string) *Error { return &Error{Kind: k, Message: message} }

// Invalidf is an Invalid error: what the person can fix, said in French.
func Invalidf(message string) error { return New(Invalid, message) }

// InvalidParam is an Invalid error about the query parameter param.
func InvalidParam(param, message string) error {
	return &Error{Kind: Invalid, Message: message, Param: param}
}

// Param is the query parameter err is about, or "".
func Param(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Param
	}
	return ""
}

// KindOf is the kind of err, Internal when it has none. An error wrapped
// with %w keeps its kind.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Message is what err says to people, or "" when it is not theirs to read.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}

// RetryAfter is when err says to try again, or 0.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}
