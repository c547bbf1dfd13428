package gtfs

import (
	"context"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for _, feed := range []string{"tampere/tampere-gtfs.zip", "monaco/monaco-gtfs.zip"} {
		b.Run(feed, func(b *testing.B) {
			p := sharedData(b, feed)
			b.ReportAllocs()
			var n int
			for b.Loop() {
				f, err := Load(context.Background(), p, Options{Prefix: "x"})
				if err != nil {
					b.Fatal(err)
				}
				n += f.StopTimes.Len()
			}
			b.ReportMetric(float64(n)/float64(b.N), "stoptimes/op")
		})
	}
}
