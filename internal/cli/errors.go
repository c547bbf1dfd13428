package cli

import (
	"errors"
	"fmt"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitInput   = 2
	// ExitNoRoute: the inputs are fine but no route or journey joins the
	// points within the limits (saavu route).
	ExitNoRoute = 3
)

// NoRouteError says that no route joins two points; it maps to exit code
// 3.
type NoRouteError struct{ Err error }

func (e *NoRouteError) Error() string { return e.Err.Error() }
func (e *NoRouteError) Unwrap() error { return e.Err }

// InputError is a problem with what the user gave: a flag, a file, its
// contents. It maps to exit code 2.
type InputError struct {
	Err  error
	Hint string // what to do about it, if known
}

func (e *InputError) Error() string {
	if e.Hint != "" {
		return e.Err.Error() + "\n  hint: " + e.Hint
	}
	return e.Err.Error()
}

func (e *InputError) Unwrap() error { return e.Err }

// inputErr marks err as bad input.
func inputErr(err error, hint string) error {
	if err == nil {
		return nil
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return err
	}
	return &InputError{Err: err, Hint: hint}
}

// usagef reports a bad flag or argument.
func usagef(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error to the process exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ExitInput
	}
	var nr *NoRouteError
	if errors.As(err, &nr) {
		return ExitNoRoute
	}
	return ExitFailure
}
