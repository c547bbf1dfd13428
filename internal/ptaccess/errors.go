package ptaccess

import "errors"

// Sentinel errors; test with errors.Is.
var (
	// ErrOptions reports an option out of range.
	ErrOptions = errors.New("ptaccess: invalid options")
	// ErrInput reports arguments that do not fit the network: a nil
	// graph or day, a window outside the day, a bad percentile or
	// category.
	ErrInput = errors.New("ptaccess: invalid input")
)
