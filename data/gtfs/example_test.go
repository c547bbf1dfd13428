package gtfs_test

import (
	"context"
	"fmt"

	"github.com/saavu/saavu/data/gtfs"
)

func ExampleParseTime() {
	t, err := gtfs.ParseTime("25:10:00")
	fmt.Println(int(t), err)
	_, err = gtfs.ParseTime("25:61:00")
	fmt.Println(err)
	// Output:
	// 90600 <nil>
	// "25:61:00" is not a time (minutes must be < 60)
}

func ExampleLoad() {
	feed, err := gtfs.Load(context.Background(), "../../testdata/gtfs/town", gtfs.Options{Prefix: "town"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(feed.Stops), "stops,", len(feed.Trips), "trips,", feed.StopTimes.Len(), "stop times")
	fmt.Println(feed.Trips[0].ID, "runs on", feed.Services[feed.Trips[0].Service].ID)
	// Output:
	// 9 stops, 10 trips, 29 stop times
	// town:T1 runs on town:WK
}
