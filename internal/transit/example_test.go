package transit_test

import (
	"context"
	"fmt"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/transit"
)

func ExampleTimetable_Day() {
	feed, err := gtfs.Load(context.Background(), "../../testdata/gtfs/town", gtfs.Options{Prefix: "town"})
	if err != nil {
		fmt.Println(err)
		return
	}
	tt, err := transit.Compile([]*gtfs.Feed{feed}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Wednesday 3 January 2024: the weekday service is removed and the
	// Saturday service added; the night bus of Tuesday is still running.
	day, err := tt.Day("20240103", transit.DayOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for p := 0; p < day.NumPatterns(); p++ {
		for t := day.PatTripStart[p]; t < day.PatTripStart[p+1]; t++ {
			fmt.Print(tt.Trips[day.TripRef[t]].ID, ":")
			for j, s := range day.PatStops[day.PatStopStart[p]:day.PatStopStart[p+1]] {
				fmt.Printf(" %s %s", tt.Stops[s].Name, gtfs.FormatTime(gtfs.Seconds(day.Dep[int(day.TripTimes[t])+j])))
			}
			fmt.Println()
		}
	}
	// Output:
	// town:T7: Harju 12:00:00 Tori A 12:10:00 Asema 12:20:00
	// town:T6: Asema 00:10:00 Meridian 1 00:30:00
}
