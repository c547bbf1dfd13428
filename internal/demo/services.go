package demo

// service is one service point written to services.csv.
type service struct {
	name, category string
	lon, lat       float64
	capacity       int
	hours          string // OSM opening_hours syntax
	approximate    bool   // placed at a town centre, not at its address
}

// Service categories.
const (
	catHealth     = "health"
	catEmployment = "employment"
	catKela       = "kela"
)

// Schematic capacities and hours.
const (
	capHospital      = 10
	capHealthStation = 2
	capEmploymentHub = 5
	capServicePoint  = 1
	capKela          = 3
	hoursAlways      = "24/7"
	hoursHealth      = "Mo-Fr 08:00-16:00"
	hoursOffice      = "Mo-Fr 09:00-16:00"
)

// servicePointHours are the schematic opening hours of the municipal
// service points (yhteispalvelupisteet) outside the three towns.
var servicePointHours = map[string]string{
	"Enonkoski":   "Th 10:00-14:00",
	"Hirvensalmi": "Mo,We 09:00-15:00",
	"Juva":        "Mo-Th 09:00-15:00",
	"Kangasniemi": "Mo,We,Fr 09:00-15:00",
	"Mäntyharju":  "Mo-Th 09:00-15:00",
	"Puumala":     "Tu,Th 09:00-14:00",
	"Rantasalmi":  "Tu,Th 09:00-15:00",
	"Sulkava":     "We 09:00-15:00",
}

// services lists every service point: the public health points as
// registered, then employment services and Kela at the municipal centres.
func services() []service {
	var out []service
	for _, h := range healthPoints {
		s := service{name: h.name, category: catHealth, lon: h.lon, lat: h.lat}
		switch h.kind {
		case hospital, emergency:
			s.capacity, s.hours = capHospital, hoursAlways
		default:
			s.capacity, s.hours = capHealthStation, hoursHealth
		}
		out = append(out, s)
	}
	for _, m := range municipalities {
		if m.town {
			out = append(out, service{name: "Työllisyyspalvelut " + m.name, category: catEmployment,
				lon: m.lon, lat: m.lat, capacity: capEmploymentHub, hours: hoursOffice, approximate: true})
		} else {
			out = append(out, service{name: "Yhteispalvelupiste " + m.name, category: catEmployment,
				lon: m.lon, lat: m.lat, capacity: capServicePoint, hours: servicePointHours[m.name], approximate: true})
		}
	}
	for _, m := range municipalities {
		if m.town {
			out = append(out, service{name: "Kela " + m.name, category: catKela,
				lon: m.lon, lat: m.lat, capacity: capKela, hours: hoursOffice, approximate: true})
		}
	}
	return out
}
