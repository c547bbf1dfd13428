package openinghours_test

import (
	"fmt"
	"time"

	"github.com/saavu/saavu/data/openinghours"
)

func ExampleParse() {
	s, err := openinghours.Parse("Mo-Fr 08:00-12:00,13:00-16:00; We 10:00-12:00; Sa 22:00-02:00; PH off")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	for _, d := range []time.Weekday{time.Wednesday, time.Sunday} {
		fmt.Println(d, s.OpenIntervals(d))
	}
	fmt.Println("public holidays ignored:", s.PublicHolidays())

	_, err = openinghours.Parse("Mo-Fr 08:00-16:00; Jun-Aug off")
	fmt.Println(err)
	// Output:
	// Mo,Tu,Th,Fr 08:00-12:00,13:00-16:00; We 10:00-12:00; Sa 22:00-02:00
	// Wednesday [[36000 43200]]
	// Sunday [[0 7200]]
	// public holidays ignored: true
	// opening_hours "Mo-Fr 08:00-16:00; Jun-Aug off": at character 20: month and date selectors are not supported ("jun")
}
