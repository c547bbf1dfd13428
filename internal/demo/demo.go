package demo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// DefaultDate is the demo service day: a Tuesday, so the Sulkava errand
// line runs.
const DefaultDate = "20260310"

// File names written by Generate, relative to its directory.
const (
	RegionsFile    = "regions.geojson"
	PopulationFile = "population.csv"
	ServicesFile   = "services.csv"
	RoadsFile      = "roads.osm"
	GTFSDir        = "gtfs"
	ReadmeFile     = "README.txt"
)

// Options tune Generate.
type Options struct {
	// Date is the demo service day, YYYYMMDD; empty means DefaultDate. The
	// timetable is valid for the whole calendar year of this day.
	Date string
}

// Manifest describes what Generate wrote.
type Manifest struct {
	Dir        string // the output directory as given
	Regions    string // path of regions.geojson
	Population string // path of population.csv
	Services   string // path of services.csv
	Roads      string // path of roads.osm
	GTFS       string // path of the GTFS directory
	Readme     string // path of README.txt
	Files      []string

	Date string // demo service day, YYYYMMDD

	SubRegions     []SubRegion
	Municipalities []Municipality

	Cells     int // populated 1 km cells
	RoadNodes int
	RoadWays  int // roads, the ferry and lakes
	Stops     int
	Trips     int

	// Notes say what is real and what is schematic.
	Notes []string
}

// SubRegion is an economic region (seutukunta) of the demo.
type SubRegion struct {
	ID             string   // seutukunta code, e.g. "101"
	Name           string   // Finnish name
	Municipalities []string // municipality codes
	Population     int      // 2022
}

// Municipality is a municipality of the demo.
type Municipality struct {
	Code, Name string
	SubRegion  string // seutukunta code
	Population int    // 2022, within 2026 boundaries
}

// ErrBadDate reports an Options.Date that is not a valid YYYYMMDD day.
var ErrBadDate = errors.New("demo: date must be YYYYMMDD")

// Generate writes the demo scenario into dir (created if missing; files
// already there are replaced) and describes it. The files are the same
// bytes on every run for the same options.
func Generate(dir string, opts Options) (*Manifest, error) {
	date := opts.Date
	if date == "" {
		date = DefaultDate
	}
	day, err := time.Parse("20060102", date)
	if err != nil {
		return nil, fmt.Errorf("%w: %q", ErrBadDate, opts.Date)
	}
	sc, err := build(day.Year())
	if err != nil {
		return nil, err
	}
	m := sc.manifest(dir, date)
	files := []struct {
		path string
		data []byte
	}{
		{m.Regions, encodeRegions(sc.bounds)},
		{m.Population, encodePopulation(sc.cells)},
		{m.Services, encodeServices(sc.services)},
		{m.Roads, encodeOSM(sc.net)},
		{m.Readme, []byte(readme(date))},
	}
	gtfs := encodeGTFS(sc.feed)
	names := make([]string, 0, len(gtfs))
	for name := range gtfs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		files = append(files, struct {
			path string
			data []byte
		}{filepath.Join(m.GTFS, name), gtfs[name]})
	}
	if err := os.MkdirAll(m.GTFS, 0o755); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	for _, f := range files {
		if err := writeFileAtomic(f.path, f.data); err != nil {
			return nil, err
		}
		m.Files = append(m.Files, f.path)
	}
	return m, nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that a failed run leaves no half-written file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("demo: writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("demo: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

// scenario is the whole demo in memory.
type scenario struct {
	bounds   *boundaries
	lakes    []lake
	cells    []popCell
	services []service
	net      *network
	feed     *feed
}

// build constructs the scenario; year sets the timetable's calendar.
func build(year int) (*scenario, error) {
	b, err := buildBoundaries()
	if err != nil {
		return nil, err
	}
	sc := &scenario{bounds: b, lakes: lakes(), services: services()}
	sc.cells, err = placePopulation(b, sc.lakes)
	if err != nil {
		return nil, err
	}
	sc.net = newNetwork()
	placeNode, grids, err := mainRoads(sc.net, sc.lakes)
	if err != nil {
		return nil, err
	}
	pts := make([]xy, 0, len(sc.cells))
	for _, c := range sc.cells {
		pts = append(pts, c.centre())
	}
	if err := connectPoints(sc.net, sc.lakes, pts, accessJitter); err != nil {
		return nil, err
	}
	pts = pts[:0]
	for _, s := range sc.services {
		pts = append(pts, toXY(s.lon, s.lat))
	}
	if err := connectPoints(sc.net, sc.lakes, pts, 0); err != nil {
		return nil, err
	}
	sc.feed, err = buildFeed(sc.net, placeNode, grids, year)
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// manifest describes the scenario as written into dir.
func (sc *scenario) manifest(dir, date string) *Manifest {
	m := &Manifest{
		Dir:        dir,
		Regions:    filepath.Join(dir, RegionsFile),
		Population: filepath.Join(dir, PopulationFile),
		Services:   filepath.Join(dir, ServicesFile),
		Roads:      filepath.Join(dir, RoadsFile),
		GTFS:       filepath.Join(dir, GTFSDir),
		Readme:     filepath.Join(dir, ReadmeFile),
		Date:       date,
		Cells:      len(sc.cells),
		RoadNodes:  len(sc.net.pts),
		RoadWays:   len(sc.net.ways),
		Stops:      len(sc.feed.stops),
		Trips:      len(sc.feed.trips),
		Notes:      notes,
	}
	pop := make([]int, len(municipalities))
	for _, c := range sc.cells {
		pop[c.muni] += c.pop
	}
	for _, s := range subRegions {
		sr := SubRegion{ID: s.code, Name: s.name}
		for i, mu := range municipalities {
			if mu.subRegion == s.code {
				sr.Municipalities = append(sr.Municipalities, mu.code)
				sr.Population += pop[i]
			}
		}
		m.SubRegions = append(m.SubRegions, sr)
	}
	for i, mu := range municipalities {
		m.Municipalities = append(m.Municipalities, Municipality{Code: mu.code, Name: mu.name, SubRegion: mu.subRegion, Population: pop[i]})
	}
	return m
}
