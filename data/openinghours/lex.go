package openinghours

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind uint8

const (
	tokEnd   tokenKind = iota
	tokWord            // letters: weekday, PH, off, ...
	tokTime            // H:MM or HH:MM (value in seconds)
	tok247             // 24/7
	tokDash            // - or an en dash
	tokComma           // ,
	tokSemi            // ;
)

// token is one token with its byte offset in the input.
type token struct {
	kind tokenKind
	pos  int
	text string // the word, lower case, for tokWord
	sec  int    // for tokTime
}

// maxInput bounds the length of a value: OSM allows 255 characters.
const maxInput = 2000

// lex splits s into tokens; whitespace separates them.
func lex(s string) ([]token, error) {
	if len(s) > maxInput {
		return nil, &SyntaxError{Input: s, Pos: maxInput, Msg: fmt.Sprintf("value longer than %d bytes", maxInput)}
	}
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == ',':
			toks = append(toks, token{kind: tokComma, pos: i})
			i++
		case c == ';':
			toks = append(toks, token{kind: tokSemi, pos: i})
			i++
		case c == '-':
			toks = append(toks, token{kind: tokDash, pos: i})
			i++
		case strings.HasPrefix(s[i:], "–"): // en dash
			toks = append(toks, token{kind: tokDash, pos: i})
			i += len("–")
		case isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			toks = append(toks, token{kind: tokWord, pos: i, text: strings.ToLower(s[i:j])})
			i = j
		case isDigit(c):
			t, next, err := lexNumber(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = next
		default:
			return nil, &SyntaxError{Input: s, Pos: i, Msg: unexpected(s, i)}
		}
	}
	return append(toks, token{kind: tokEnd, pos: len(s)}), nil
}

// lexNumber reads a clock time H:MM or HH:MM (hours up to 48) or 24/7
// starting at s[i].
func lexNumber(s string, i int) (token, int, error) {
	bad := func(pos int, format string, args ...any) (token, int, error) {
		return token{}, 0, &SyntaxError{Input: s, Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if strings.HasPrefix(s[i:], "24/7") && (i+4 == len(s) || !isDigit(s[i+4])) {
		return token{kind: tok247, pos: i}, i + 4, nil
	}
	if j-i > 2 {
		return bad(i, "%q is not a time: write HH:MM", s[i:j])
	}
	if j >= len(s) || s[j] != ':' {
		return bad(i, "%q is not a time: write HH:MM (week numbers, years and dates are not supported)", s[i:j])
	}
	h := atoi(s[i:j])
	k := j + 1
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k-(j+1) != 2 {
		return bad(i, "%q is not a time: minutes need two digits (HH:MM)", s[i:k])
	}
	m := atoi(s[j+1 : k])
	switch {
	case m > 59:
		return bad(j+1, "minute %d is above 59", m)
	case h > 48 || h == 48 && m > 0:
		return bad(i, "hour %d is above 48", h)
	}
	if k < len(s) && s[k] == ':' {
		return bad(k, "seconds are not supported: write HH:MM")
	}
	return token{kind: tokTime, pos: i, sec: h*3600 + m*60}, k, nil
}

// unexpected describes the character at s[i].
func unexpected(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '|':
		return `fallback rules ("||") are not supported`
	case '"':
		return "comments are not supported"
	case '+':
		return `open ends ("+") are not supported`
	case '[':
		return "nth weekdays of the month are not supported"
	case ':':
		return "a time needs an hour before ':'"
	}
	return fmt.Sprintf("unexpected character %q", r)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// atoi converts at most two ASCII digits.
func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
