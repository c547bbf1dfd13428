package geojson

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
)

// coordParser reads a "coordinates" member directly into orb types. The
// input has already passed JSON syntax checking by encoding/json; the
// parser still checks every byte it relies on, so it never panics, and its
// errors say which ring and position is wrong and what was found there.
type coordParser struct {
	b []byte
	i int
}

func (p *coordParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// found describes the value at the current position for error messages.
func (p *coordParser) found() string {
	p.ws()
	if p.i >= len(p.b) {
		return "the end of the input"
	}
	switch c := p.b[p.i]; {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == ']':
		return "the end of the array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	default:
		return fmt.Sprintf("%q", c)
	}
}

func (p *coordParser) open(what string) error {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '[' {
		p.i++
		return nil
	}
	return fmt.Errorf("expected %s, found %s", what, p.found())
}

// next moves to the next array element: it returns false after consuming
// the closing bracket.
func (p *coordParser) next(first bool) (bool, error) {
	p.ws()
	if p.i >= len(p.b) {
		return false, errors.New("input ends inside an array")
	}
	if p.b[p.i] == ']' {
		p.i++
		return false, nil
	}
	if first {
		return true, nil
	}
	if p.b[p.i] != ',' {
		return false, fmt.Errorf("expected ',' or ']', found %s", p.found())
	}
	p.i++
	return true, nil
}

func (p *coordParser) number() (float64, error) {
	p.ws()
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	if start == p.i {
		return 0, fmt.Errorf("expected a number, found %s", p.found())
	}
	tok := string(p.b[start:p.i])
	v, err := strconv.ParseFloat(tok, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("number %s is out of range", tok)
		}
		return 0, fmt.Errorf("%q is not a number", tok)
	}
	return v, nil
}

func (p *coordParser) position() (orb.Point, error) {
	var pt orb.Point
	if err := p.open("a position (an array of numbers)"); err != nil {
		return pt, err
	}
	n := 0
	for {
		more, err := p.next(n == 0)
		if err != nil {
			return pt, err
		}
		if !more {
			break
		}
		v, err := p.number()
		if err != nil {
			return pt, err
		}
		if n < 2 {
			pt[n] = v
		}
		n++
	}
	if n < 2 {
		return pt, fmt.Errorf("position has %d numbers, needs at least 2 (x, y)", n)
	}
	return pt, nil
}

func (p *coordParser) positions() ([]orb.Point, error) {
	if err := p.open("an array of positions"); err != nil {
		return nil, err
	}
	var pts []orb.Point
	for i := 0; ; i++ {
		more, err := p.next(i == 0)
		if err != nil {
			return nil, err
		}
		if !more {
			return pts, nil
		}
		pt, err := p.position()
		if err != nil {
			return nil, fmt.Errorf("position %d: %w", i, err)
		}
		pts = append(pts, pt)
	}
}

// lines reads an array of position arrays (rings or line strings); label
// names one element in errors.
func (p *coordParser) lines(label string) ([][]orb.Point, error) {
	if err := p.open("an array of " + label + "s"); err != nil {
		return nil, err
	}
	var out [][]orb.Point
	for i := 0; ; i++ {
		more, err := p.next(i == 0)
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		pts, err := p.positions()
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", label, i, err)
		}
		out = append(out, pts)
	}
}

func (p *coordParser) polygons() ([][][]orb.Point, error) {
	if err := p.open("an array of polygons"); err != nil {
		return nil, err
	}
	var out [][][]orb.Point
	for i := 0; ; i++ {
		more, err := p.next(i == 0)
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		rings, err := p.lines("ring")
		if err != nil {
			return nil, fmt.Errorf("polygon %d: %w", i, err)
		}
		out = append(out, rings)
	}
}

func (p *coordParser) end() error {
	p.ws()
	if p.i != len(p.b) {
		return fmt.Errorf("unexpected %s after the coordinates", p.found())
	}
	return nil
}
