// Package browsercheck opens a saavu HTML page (the analyse report,
// diff.html, plan.html) in headless Chromium with every network request
// failing, and reads back, through the page's DOM, what a reader would
// see: the sections and charts there are, any two SVG text elements of a
// chart whose boxes overlap, text that runs out of its chart or a heading
// cut off by its box (scroll width beyond client width), and, for every
// map layer, how many features it drew against how many the page's data
// holds. Tests of several packages share it; it needs a Chromium binary
// on PATH and skips otherwise.
//
// Sizes are CSS pixels of a 1280 px wide window.
package browsercheck
