package report

import (
	"math"
	"testing"

	"github.com/saavu/saavu/data/results"
)

func TestFormat(t *testing.T) {
	ts := thinSpace
	cases := []struct {
		name, got, want string
	}{
		{"count small", formatCount(7), "7"},
		{"count thousands", formatCount(2190), "2" + ts + "190"},
		{"count millions", formatCount(1234567.4), "1" + ts + "234" + ts + "567"},
		{"count rounds", formatCount(999.5), "1" + ts + "000"},
		{"count negative", formatCount(-12345), "-12" + ts + "345"},
		{"count NaN", formatCount(math.NaN()), "–"},
		{"percent", formatPercent(900.0 / 2190), "41.1%"},
		{"percent whole", formatPercent(1), "100.0%"},
		{"percent zero", formatPercent(0), "0.0%"},
		{"percent NaN", formatPercent(math.NaN()), "–"},
		{"minutes", formatMinutes(results.Some[results.Minutes](17.55)), "17.6"},
		{"minutes null", formatMinutes(results.Opt[results.Minutes]{}), "–"},
		{"number", formatNumber(7.5), "7.5"},
		{"number integer", formatNumber(30), "30"},
		{"mode known", modeLabel("transit"), "Public transport"},
		{"mode unknown", modeLabel("ferry_boat"), "Ferry boat"},
		{"category", categoryLabel("te-office"), "Te office"},
		{"category unicode", categoryLabel("äitiysneuvola"), "Äitiysneuvola"},
		{"humanize empty", humanize(""), ""},
		{"slug", slug("cmp", "Health care", "walk"), "cmp-health-care-walk"},
		{"slug unicode", slug("Pieksämäki"), "pieks-m-ki"},
		{"shell plain", shellLine([]string{"saavu", "analyse", "--out", "out/x", "--thresholds=10,20"}), "saavu analyse --out out/x --thresholds=10,20"},
		{"shell quoted", shellLine([]string{"--name", "Etelä Savo", "it's", ""}), `--name 'Etelä Savo' 'it'\''s' ''`},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}
