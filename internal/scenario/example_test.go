package scenario_test

import (
	"fmt"
	"strings"

	sfile "github.com/saavu/saavu/data/scenario"
	"github.com/saavu/saavu/internal/scenario"
)

func ExampleApplyServices() {
	sc, err := sfile.Read(strings.NewReader(`{
  "remove_services": [{"name": "Kela Mikkeli"}],
  "add_services": [{"name": "Kela Ristiina", "category": "kela", "lon": 27.2575, "lat": 61.5064}]
}`), "ristiina.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	svcs := []scenario.Service{
		{ID: "1", Name: "Kela Mikkeli", Category: "kela", Lon: 27.27, Lat: 61.69, Capacity: 1, Source: "services.csv line 2"},
		{ID: "2", Name: "Health Mikkeli", Category: "health", Lon: 27.25, Lat: 61.68, Capacity: 1, Source: "services.csv line 3"},
	}
	out, changes, err := scenario.ApplyServices(svcs, sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range out {
		fmt.Println(s.ID, s.Name, s.Source)
	}
	for _, c := range changes {
		fmt.Println(c)
	}
	// Output:
	// 2 Health Mikkeli services.csv line 3
	// Kela Ristiina Kela Ristiina ristiina.json add_services[0]
	// removed "Kela Mikkeli" (kela, services.csv line 2)
	// added "Kela Ristiina" (kela) at 27.25750, 61.50640
}
