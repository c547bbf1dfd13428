// Package report writes the HTML report of a results directory: one
// self-contained file that opens offline in any browser.
//
// The report holds, in order: the run's notes (caveats such as a schematic
// road network) in a box at the top, its warnings, headline figures, an
// interactive map, a region comparison with tables and charts, a section
// per measure of measures.csv (n-th nearest, cumulative, 2SFCA, gravity,
// journeys, round trips, all within: a sentence on how to read it, and per
// mode a chart and a table), the municipalities of each region when
// summary_members.csv is there, the gap areas, and at the end every input
// file (path, size, sha256) and every parameter as a table of name, value
// and meaning, so that the run can be reproduced.
//
// Figures are formatted once, in Go, and the same text goes to the tables,
// the charts and the map's caption: a share never reads 11.3% in one place
// and 11.2% in another.
//
// WritePage writes the pages of the other commands (diff.html, plan.html)
// with the same style sheet and Leaflet: figures, a map whose layers colour
// features by class, and sections of charts and tables.
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
// the selectors, or by a measure ("Show"), in classes of equal cell counts;
// clicking a cell shows its times to every category by every mode. The map
// opens on the category and mode whose population is most spread over the
// time classes. Services at the same place are one marker with their
// count, listing them all in its popup; region names are drawn above the
// markers. Without Options.BasemapURL the map shows the data on a plain
// background; with it, tiles are loaded from that URL and its attribution is
// shown. Runs with more than Options.LargeCells cells are drawn on a canvas
// without cell borders, and the report says so.
//
// # Charts
//
// Charts are SVG generated here, not by a script: for each category and
// mode a 100 % stacked bar per region of the population by travel time
// class, and a grouped bar chart of median and 90th-percentile minutes per
// region; for each measure and mode a bar per region and category. Every
// bar has a <title> tooltip. Text is placed by the room it takes: titles
// wrap, threshold labels that would collide are left off, a value that
// would run past the chart is written inside its bar, long region names
// are shortened; browsercheck verifies in Chromium that no two texts of a
// chart overlap.
//
// # Units and determinism
//
// Times are minutes, populations persons, shares fractions shown as
// percentages; coordinates are WGS84 lon/lat as in the results. The same
// results and options give the same bytes: nothing depends on the clock,
// map order or the machine.
package report
