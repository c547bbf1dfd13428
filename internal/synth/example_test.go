package synth_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/saavu/saavu/data/gtfs"
	"github.com/saavu/saavu/internal/synth"
)

// A national timetable for a small country, read back as any feed.
func ExampleCountry_WriteGTFS() {
	p := synth.DefaultParams()
	p.MinLon, p.MaxLon, p.MinLat, p.MaxLat = 25, 26, 62, 63
	p.Towns, p.MaxTownBlocks = 8, 20
	c, err := synth.Generate(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	tmp, err := os.MkdirTemp("", "synth-gtfs")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "gtfs")
	st, err := c.WriteGTFS(dir, synth.DefaultTransitParams())
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := gtfs.Load(context.Background(), dir, gtfs.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.Stops == len(f.Stops), st.Trips == len(f.Trips), st.StopTimes == f.StopTimes.Len())
	fmt.Println("warnings:", f.Report.Warnings)
	// Output:
	// true true true
	// warnings: 0
}
