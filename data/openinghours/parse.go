package openinghours

import (
	"fmt"
	"strings"
	"time"
)

// allDays is the set of every weekday (bit 1<<time.Weekday).
const allDays uint8 = 0x7f

// dayNames maps lower-case OSM weekday names to weekdays.
var dayNames = map[string]time.Weekday{
	"mo": time.Monday, "tu": time.Tuesday, "we": time.Wednesday, "th": time.Thursday,
	"fr": time.Friday, "sa": time.Saturday, "su": time.Sunday,
}

// unsupported explains words of the OSM syntax this package does not read.
var unsupported = map[string]string{
	"sh":      "school holidays (SH) are not supported",
	"sunrise": "variable times (sunrise, sunset, dawn, dusk) are not supported",
	"sunset":  "variable times (sunrise, sunset, dawn, dusk) are not supported",
	"dawn":    "variable times (sunrise, sunset, dawn, dusk) are not supported",
	"dusk":    "variable times (sunrise, sunset, dawn, dusk) are not supported",
	"week":    "week numbers are not supported",
	"unknown": `"unknown" is not supported`,
	"easter":  "dates are not supported",
}

// months are rejected with a message of their own.
var months = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// rule is one parsed rule.
type rule struct {
	days     uint8 // bit 1<<time.Weekday
	hasDays  bool  // a day selector was given (possibly PH only)
	ph       bool  // the day selector named PH
	times    [][2]int
	off      bool
	all      bool // 24/7
	additive bool // after ","
}

// parser reads tokens.
type parser struct {
	in   string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEnd {
		p.i++
	}
	return t
}

func (p *parser) errAt(t token, format string, args ...any) error {
	return &SyntaxError{Input: p.in, Pos: t.pos, Msg: fmt.Sprintf(format, args...)}
}

// Parse reads an opening_hours value. An empty value (or only spaces)
// gives the zero Schedule, open all the time. Errors are *SyntaxError
// values naming the position.
func Parse(s string) (Schedule, error) {
	toks, err := lex(s)
	if err != nil {
		return Schedule{}, err
	}
	p := &parser{in: s, toks: toks}
	var sch Schedule
	if p.peek().kind == tokEnd {
		return sch, nil
	}
	additive := false
	for {
		r, err := p.rule()
		if err != nil {
			return Schedule{}, err
		}
		r.additive = additive
		sch.apply(r)
		t := p.next()
		switch t.kind {
		case tokEnd:
			sch.normalise()
			return sch, nil
		case tokSemi:
			additive = false
			for p.peek().kind == tokSemi {
				p.next()
			}
			if p.peek().kind == tokEnd {
				sch.normalise()
				return sch, nil
			}
		case tokComma:
			additive = true
		default:
			return Schedule{}, p.errAt(t, "expected ';' between rules, found %s", describe(t))
		}
	}
}

// rule parses [24/7 | days] [times] [off|closed|open].
func (p *parser) rule() (rule, error) {
	var r rule
	start := p.peek()
	if start.kind == tok247 {
		p.next()
		r.all = true
	} else if err := p.daySelector(&r); err != nil {
		return r, err
	}
	if !r.all {
		if err := p.timeSelector(&r); err != nil {
			return r, err
		}
	}
	if t := p.peek(); t.kind == tokWord {
		if isModifier(t.text) {
			p.next()
			r.off = t.text != "open"
		}
	}
	if p.peek() == start {
		t := p.peek()
		if t.kind == tokWord {
			return r, p.wordErr(t)
		}
		return r, p.errAt(t, "expected a weekday, a time range, 24/7 or off, found %s", describe(t))
	}
	return r, nil
}

// daySelector reads weekdays, weekday ranges and PH separated by commas.
func (p *parser) daySelector(r *rule) error {
	for {
		t := p.peek()
		if t.kind != tokWord {
			return nil
		}
		if t.text == "ph" {
			p.next()
			r.hasDays, r.ph = true, true
		} else if d, ok := dayNames[t.text]; ok {
			p.next()
			r.hasDays = true
			last := d
			if p.peek().kind == tokDash {
				p.next()
				u := p.next()
				e, ok := dayNames[u.text]
				if u.kind != tokWord || !ok {
					return p.errAt(u, "a weekday range needs a weekday after %s-, found %s", dayAbbr[d], describe(u))
				}
				last = e
			}
			for x := d; ; x = (x + 1) % 7 {
				r.days |= 1 << x
				if x == last {
					break
				}
			}
		} else if isModifier(t.text) {
			return nil
		} else {
			return p.wordErr(t)
		}
		// A comma continues the list only when a day follows.
		if p.peek().kind == tokComma {
			if u := p.peekAt(1); u.kind == tokWord && isDay(u.text) {
				p.next()
				continue
			}
		}
		return nil
	}
}

// isDay tells whether a word names a weekday or PH.
func isDay(w string) bool {
	_, ok := dayNames[w]
	return ok || w == "ph"
}

// isModifier tells whether a word is a rule modifier.
func isModifier(w string) bool { return w == "off" || w == "closed" || w == "open" }

// timeSelector reads time ranges separated by commas.
func (p *parser) timeSelector(r *rule) error {
	for p.peek().kind == tokTime {
		a := p.next()
		dash := p.next()
		if dash.kind != tokDash {
			return p.errAt(dash, "a time range needs '-' after %s, found %s", formatClock(a.sec), describe(dash))
		}
		b := p.next()
		if b.kind != tokTime {
			return p.errAt(b, "a time range needs an end time after '-', found %s", describe(b))
		}
		start, end := a.sec, b.sec
		switch {
		case start >= DaySeconds:
			return p.errAt(a, "a time range cannot start at %s: write the hours on the next day", formatClock(start))
		case end == start:
			return p.errAt(b, "the range %s-%s is empty: write 00:00-24:00 for a whole day", formatClock(start), formatClock(end))
		case end < start:
			end += DaySeconds // past midnight
		}
		r.times = append(r.times, [2]int{start, end})
		if p.peek().kind == tokComma && p.peekAt(1).kind == tokTime {
			p.next()
			continue
		}
		break
	}
	return nil
}

// wordErr explains an unknown or unsupported word.
func (p *parser) wordErr(t token) error {
	if msg, ok := unsupported[t.text]; ok {
		return p.errAt(t, "%s", msg)
	}
	for _, m := range months {
		if strings.HasPrefix(t.text, m) {
			return p.errAt(t, "month and date selectors are not supported (%q)", t.text)
		}
	}
	return p.errAt(t, "%q is not a weekday (Mo Tu We Th Fr Sa Su), PH or off", t.text)
}

// describe names a token in messages.
func describe(t token) string {
	switch t.kind {
	case tokEnd:
		return "the end"
	case tokWord:
		return fmt.Sprintf("%q", t.text)
	case tokTime:
		return formatClock(t.sec)
	case tok247:
		return "24/7"
	case tokDash:
		return "'-'"
	case tokComma:
		return "','"
	case tokSemi:
		return "';'"
	}
	return "?"
}

// apply adds one rule to the schedule.
func (s *Schedule) apply(r rule) {
	if r.ph {
		s.holidays = true
	}
	if r.hasDays && r.days == 0 {
		return // public holidays only
	}
	s.defined = true
	days := r.days
	if !r.hasDays || r.all {
		days = allDays
	}
	times := r.times
	if len(times) == 0 {
		times = [][2]int{{0, DaySeconds}}
	}
	for d := range 7 {
		if days&(1<<d) == 0 {
			continue
		}
		switch {
		case r.off && len(r.times) == 0:
			s.own[d] = nil
		case r.off:
			for _, iv := range times {
				s.subtractAt(d, iv)
			}
		case r.additive:
			s.own[d] = merge(append(append([][2]int(nil), s.own[d]...), times...))
		default:
			s.own[d] = merge(append([][2]int(nil), times...))
		}
	}
}

// subtractAt closes the interval iv of day d, on whatever day's hours
// cover it: the day itself, the previous day running past midnight, and
// the next day when iv runs past midnight.
func (s *Schedule) subtractAt(d int, iv [2]int) {
	for k := -1; k <= 1; k++ {
		e := (d + k + 7) % 7
		s.own[e] = subtract(s.own[e], iv[0]-k*DaySeconds, iv[1]-k*DaySeconds)
	}
}

// normalise moves hours starting after midnight to the next day and
// merges each day's intervals.
func (s *Schedule) normalise() {
	var moved [7][][2]int
	for d := range 7 {
		kept := s.own[d][:0:0]
		for _, iv := range s.own[d] {
			if iv[0] >= DaySeconds {
				moved[(d+1)%7] = append(moved[(d+1)%7], [2]int{iv[0] - DaySeconds, iv[1] - DaySeconds})
			} else {
				kept = append(kept, iv)
			}
		}
		s.own[d] = kept
	}
	for d := range 7 {
		s.own[d] = merge(append(s.own[d], moved[d]...))
	}
}
