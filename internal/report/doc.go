// Package report writes the HTML report of a results directory: one
// self-contained file that opens offline in any browser.
//
// The report holds, in order: the run's notes (caveats such as a schematic
// road network) in a box at the top, its warnings, headline figures, an
// interactive map, a region comparison with tables and charts, the gap
// areas, and at the end every input file (path, size, sha256) and every
// parameter, so that the run can be reproduced.
//
// # Map
//
// The map is drawn by Leaflet, embedded from assets/leaflet (refreshed by
// scripts/update-leaflet.sh) and inlined with the report's own script and
// style sheet. The GeoJSON of cells, regions, gap areas and services is
// embedded once each in <script type="application/json"> blocks, escaped so
// that no input text can end the block. Cells are coloured by travel time
// class (a sequential, colour-blind safe palette with a distinct colour for
// unreachable cells) for the category, mode and population group chosen in
// the selectors; clicking a cell shows its times to every category by every
// mode. Without Options.BasemapURL the map shows the data on a plain
// background; with it, tiles are loaded from that URL and its attribution is
// shown. Runs with more than Options.LargeCells cells are drawn on a canvas
// without cell borders, and the report says so.
//
// # Charts
//
// Charts are SVG generated here, not by a script: for each category and
// mode a 100 % stacked bar per region of the population by travel time
// class, and a grouped bar chart of median and 90th-percentile minutes per
// region. Every bar has a <title> tooltip.
//
// # Units and determinism
//
// Times are minutes, populations persons, shares fractions shown as
// percentages; coordinates are WGS84 lon/lat as in the results. The same
// results and options give the same bytes: nothing depends on the clock,
// map order or the machine.
package report
