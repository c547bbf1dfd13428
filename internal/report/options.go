package report

// DefaultLargeCells is the number of cells above which the map draws cells
// on a canvas without borders.
const DefaultLargeCells = 50000

// DefaultTitle is the report title when Options.Title is empty.
const DefaultTitle = "Access to services"

// Options tune the report.
type Options struct {
	// Title is the report's heading; DefaultTitle when empty.
	Title string
	// BasemapURL is a tile URL template such as
	// "https://tile.openstreetmap.org/{z}/{x}/{y}.png". Empty: no basemap,
	// and the report fetches nothing when viewed.
	BasemapURL string
	// BasemapAttribution is shown on the map with the basemap. Empty: the
	// OpenStreetMap notice for openstreetmap.org tiles, otherwise the
	// tile server's host name.
	BasemapAttribution string
	// LargeCells is the cell count above which cells are drawn without
	// borders on a canvas; DefaultLargeCells when 0.
	LargeCells int
}

func (o Options) title() string {
	if o.Title == "" {
		return DefaultTitle
	}
	return o.Title
}

func (o Options) largeCells() int {
	if o.LargeCells <= 0 {
		return DefaultLargeCells
	}
	return o.LargeCells
}
