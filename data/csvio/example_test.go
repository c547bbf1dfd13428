package csvio_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/saavu/saavu/data/csvio"
)

func ExampleDecodeServices() {
	// A spreadsheet export: byte order mark, ';' delimiter, decimal commas,
	// Finnish header names.
	in := "\ufeffNimi;Tyyppi;Lon;Lat;Kunta\r\nMikkelin terveysasema;terveys;27,2723;61,6870;Mikkeli\r\n"
	svcs, _, err := csvio.DecodeServices(strings.NewReader(in), "palvelut.csv", csvio.ServicesOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := svcs[0]
	fmt.Println(s.Line, s.Name, s.Category, s.Lon, s.Lat, s.Capacity, s.Props["Kunta"])
	// Output: 2 Mikkelin terveysasema terveys 27.2723 61.687 1 Mikkeli
}

func ExampleDecodeServices_swapped() {
	in := "name,category,lon,lat\nJuva,health,61.8980,27.8575\n"
	_, _, err := csvio.DecodeServices(strings.NewReader(in), "services.csv", csvio.ServicesOptions{})
	fmt.Println(err)
	// Output: csvio: services.csv line 2: field lon: "61.8980" is a latitude, not a longitude? lon 61.8980, lat 27.8575 look swapped (Finland is lon 19..32, lat 59..71): check the column order
}

func ExampleWriter() {
	w := csvio.NewWriter(os.Stdout, []string{"cell", "minutes", "share"})
	w.SetDecimals("share", 2)
	w.WriteRow("c1", 23.5, 0.125)
	w.WriteRow("c2", 1.0/3, csvio.Fixed(1, 3))
	w.Flush()
	// Output:
	// cell,minutes,share
	// c1,23.5,0.12
	// c2,0.3333333333333333,1.000
}
