package report

import (
	"html/template"
	"strconv"
	"strings"
)

// svg builds an SVG element as text. Every piece of text from the results
// goes through template.HTMLEscapeString; numbers are written with at most
// one decimal so that output is stable.
type svg struct {
	b strings.Builder
}

// num writes a coordinate with at most one decimal, without a trailing ".0".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// open starts the <svg> with a viewBox of w x h, a class, an accessible
// title (also the first <title> child) and a description.
func (s *svg) open(w, h float64, class, title, desc string) {
	s.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="` + esc(class) + `" viewBox="0 0 ` + num(w) + " " + num(h) +
		`" width="` + num(w) + `" height="` + num(h) + `" role="img" aria-label="` + esc(title) + `">`)
	s.b.WriteString("<title>" + esc(title) + "</title>")
	if desc != "" {
		s.b.WriteString("<desc>" + esc(desc) + "</desc>")
	}
}

func (s *svg) close() template.HTML {
	s.b.WriteString("</svg>")
	return template.HTML(s.b.String()) // #nosec: every text part was escaped above
}

// rect draws a rectangle; a non-empty tip becomes its <title> tooltip.
func (s *svg) rect(x, y, w, h float64, fill, class, tip string) {
	s.b.WriteString(`<rect`)
	if class != "" {
		s.b.WriteString(` class="` + esc(class) + `"`)
	}
	s.b.WriteString(` x="` + num(x) + `" y="` + num(y) + `" width="` + num(max(w, 0)) + `" height="` + num(max(h, 0)) + `"`)
	if fill != "" {
		s.b.WriteString(` fill="` + esc(fill) + `"`)
	}
	if tip == "" {
		s.b.WriteString("/>")
		return
	}
	s.b.WriteString("><title>" + esc(tip) + "</title></rect>")
}

// text writes a text element; anchor is start, middle or end.
func (s *svg) text(x, y float64, anchor, class, txt string) {
	s.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `"`)
	if anchor != "" && anchor != "start" {
		s.b.WriteString(` text-anchor="` + anchor + `"`)
	}
	if class != "" {
		s.b.WriteString(` class="` + esc(class) + `"`)
	}
	s.b.WriteString(">" + esc(txt) + "</text>")
}

// vtext writes text rotated by -90 degrees around (x, y).
func (s *svg) vtext(x, y float64, class, txt string) {
	s.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" text-anchor="middle" transform="rotate(-90 ` +
		num(x) + " " + num(y) + `)"`)
	if class != "" {
		s.b.WriteString(` class="` + esc(class) + `"`)
	}
	s.b.WriteString(">" + esc(txt) + "</text>")
}

// line draws a line with a CSS class.
func (s *svg) line(x1, y1, x2, y2 float64, class string) {
	s.b.WriteString(`<line x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) +
		`" class="` + esc(class) + `"/>`)
}
