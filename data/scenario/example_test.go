package scenario_test

import (
	"fmt"
	"strings"

	"github.com/saavu/saavu/data/scenario"
)

func ExampleRead() {
	const file = `{
  "name": "Weekly desk in Ristiina",
  "add_services": [{"name": "Kela Ristiina", "category": "kela", "lon": 27.2575, "lat": 61.5064,
                    "opening_hours": "Tu 09:00-15:00"}],
  "remove_services": [{"name": "Kela Mikkeli"}],
  "scale_routes": [{"route": "3", "feed": "waltti", "factor": 2}]
}`
	sc, err := scenario.Read(strings.NewReader(file), "ristiina.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sc.Name)
	fmt.Println("add", sc.AddServices[0].Name, sc.AddServices[0].OpeningHours)
	fmt.Println("remove", sc.RemoveServices[0])
	fmt.Println("scale", sc.ScaleRoutes[0].Key(), sc.ScaleRoutes[0].Factor)

	_, err = scenario.Read(strings.NewReader(`{"add_services": [{"name": "X", "category": "kela", "lon": 27.2, "lat": 161.5}]}`), "typo.json")
	fmt.Println(err)
	// Output:
	// Weekly desk in Ristiina
	// add Kela Ristiina Tu 09:00-15:00
	// remove name "Kela Mikkeli"
	// scale waltti:3 2
	// scenario: typo.json: add_services[0].lat: must be a number between -90 and 90
}
