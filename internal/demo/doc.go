// Package demo generates the built-in South Savo demonstration scenario as
// ordinary input files, so that `saavu demo` can run the real readers and
// the real analysis on a machine without downloads.
//
// Generate writes, deterministically (the same bytes on every run):
//
//	regions.geojson   the 11 municipalities of 2026 with their sub-regions
//	population.csv    population on 1 km EPSG:3067 grid cell centres
//	services.csv      health, employment and Kela service points
//	roads.osm         an OpenStreetMap XML road network
//	gtfs/             a GTFS feed of coaches, trains, town buses and errand lines
//	README.txt        what is real and what is schematic
//
// What is real: the municipality list and classification of 2026, the 2022
// populations of the municipalities and of the postal-code areas (used to
// place people), the postal-area centroids and sizes, the municipal centres
// and the public health-service points. Everything else (boundaries, lakes,
// roads, the ferry, timetables, service hours and capacities, the share of
// people aged 65 or over) is schematic and labelled as such in the files.
//
// Internally all geometry is built in ETRS-TM35FIN (EPSG:3067) metres and
// converted to WGS84 lon/lat degrees only when written. Times are seconds.
package demo
