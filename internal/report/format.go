package report

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saavu/saavu/data/results"
)

// thinSpace groups thousands: "12 345".
const thinSpace = "\u202f"

// formatCount formats a population or count rounded to a whole number with
// thin-space thousands separators.
func formatCount(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(thinSpace)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatPercent formats a fraction as a percentage with one decimal.
func formatPercent(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', 1, 64) + "%"
}

// formatMinutes formats an optional time with one decimal; "–" when null.
func formatMinutes(m results.Opt[results.Minutes]) string {
	if !m.Valid {
		return "–"
	}
	return strconv.FormatFloat(float64(m.Value), 'f', 1, 64)
}

// formatNumber writes a threshold or parameter number in its shortest form.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// modeLabels are the display names of the modes analyse knows.
var modeLabels = map[string]string{
	"walk":    "Walking",
	"bike":    "Cycling",
	"car":     "Car",
	"transit": "Public transport",
	"nocar":   "Without a car",
}

// ByMode phrases travel by a mode after a service's name: "by walking",
// "by public transport", "without a car".
func ByMode(m string) string { return byMode(m) }

func byMode(m string) string {
	switch m {
	case "nocar":
		return "without a car"
	case "walk":
		return "by walking"
	case "bike":
		return "by bike"
	}
	return "by " + strings.ToLower(modeLabel(m))
}

// ModeLabel returns the display name of a mode ("Public transport").
func ModeLabel(m string) string { return modeLabel(m) }

// modeLabel returns the display name of a mode.
func modeLabel(m string) string {
	if l, ok := modeLabels[m]; ok {
		return l
	}
	return humanize(m)
}

// categoryLabel returns the display name of a service category:
// "health" gives "Health", "te_office" gives "Te office".
func categoryLabel(c string) string { return humanize(c) }

// humanize replaces underscores and hyphens with spaces and capitalises
// the first letter.
func humanize(s string) string {
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// slug turns a name into an HTML id fragment of [a-z0-9-].
func slug(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('-')
		}
		for _, r := range strings.ToLower(p) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			default:
				b.WriteByte('-')
			}
		}
	}
	return b.String()
}
