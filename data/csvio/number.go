package csvio

import (
	"errors"
	"strconv"
	"strings"
)

// numberError says why a text is not a usable number.
type numberError struct {
	sentinel error
	msg      string
}

func (e *numberError) Error() string { return e.msg }
func (e *numberError) Unwrap() error { return e.sentinel }

// parseNumber reads a decimal number. With decimalComma, "61,69" is read as
// 61.69 and spaces between digit groups ("12 345") are dropped. NaN,
// infinities, hexadecimal and other forms strconv accepts but spreadsheets
// do not write are rejected.
func parseNumber(s string, decimalComma bool) (float64, error) {
	if s == "" {
		return 0, &numberError{ErrEmptyValue, "empty, a number is needed"}
	}
	t := s
	if decimalComma {
		t = strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\u00a0', '\u202f':
				return -1
			}
			return r
		}, t)
		if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
			t = strings.Replace(t, ",", ".", 1)
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, notNumber(s, decimalComma)
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, &numberError{ErrRange, strconv.Quote(s) + " is out of range"}
		}
		return 0, notNumber(s, decimalComma)
	}
	return v, nil
}

func notNumber(s string, decimalComma bool) error {
	switch strings.ToLower(s) {
	case "nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity":
		return &numberError{ErrNumber, strconv.Quote(s) + " is not a finite number"}
	case "na", "n/a", "null", "none", "-", "?":
		return &numberError{ErrNumber, strconv.Quote(s) + " is not a number (a missing value?)"}
	}
	if !decimalComma && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		return &numberError{ErrNumber, strconv.Quote(s) + " is not a number (decimal commas are read only in ';'-separated files)"}
	}
	return &numberError{ErrNumber, strconv.Quote(s) + " is not a number"}
}

// number parses field col of rec, returning a RowError naming the field.
func (r *Reader) number(rec []string, col int) (float64, error) {
	v, err := parseNumber(rec[col], r.DecimalComma())
	if err != nil {
		var ne *numberError
		errors.As(err, &ne)
		return 0, r.errorf(col, ne.sentinel, "%s", ne.msg)
	}
	return v, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
