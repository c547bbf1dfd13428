package links_test

import (
	"fmt"
	"strings"

	"github.com/saavu/saavu/data/links"
)

func ExampleRead() {
	const csv = `line,stops,minutes,headway_min,first,last,days
K1,Tori@27.2721 61.6881|Asema@27.2850 61.6850,5,30,6:00,7:30,Mo-Fr
`
	f, err := links.Read(strings.NewReader(csv), "lines.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	l := f.Lines[0]
	fmt.Println(l.Name, l.Days, len(l.Stops), "stops,", l.Trips(), "trips a day")
	for _, d := range l.Departures {
		fmt.Print(links.FormatClock(d), " ")
	}
	fmt.Println()
	// Output:
	// K1 Mo-Fr 2 stops, 8 trips a day
	// 06:00 06:30 07:00 07:30
}
