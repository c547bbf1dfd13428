package report_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/saavu/saavu/data/results"
	"github.com/saavu/saavu/internal/report"
)

func ExampleWrite() {
	r, err := results.Load("../../testdata/report/run")
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.Options{Title: "South Savo"}); err != nil {
		fmt.Println(err)
		return
	}
	html := buf.String()
	fmt.Println(strings.HasPrefix(html, "<!DOCTYPE html>"))
	fmt.Println(strings.Count(html, `class="chart chart-share"`), "share charts,",
		strings.Count(html, `class="chart chart-minutes"`), "minutes charts")
	fmt.Println(strings.Contains(html, "the road network is schematic"))
	// Output:
	// true
	// 4 share charts, 4 minutes charts
	// true
}
