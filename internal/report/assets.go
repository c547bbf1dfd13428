package report

import (
	"bufio"
	"embed"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// assets holds Leaflet (see scripts/update-leaflet.sh) and the report's own
// template, style sheet and script.
//
//go:embed assets/leaflet/leaflet.js assets/leaflet/leaflet.css assets/leaflet/LICENSE assets/leaflet/VERSION
//go:embed assets/report.html.tmpl assets/report.css assets/report.js
//go:embed assets/page.html.tmpl assets/page.js
var assets embed.FS

// bundle is the parsed template and the texts inlined into every report.
type bundle struct {
	tmpl           *template.Template
	leafletJS      template.JS
	leafletCSS     template.CSS
	leafletLicense string
	leafletVersion string
	reportCSS      template.CSS
	reportJS       template.JS
	// pageTmpl and pageJS make the pages of diff and plan.
	pageTmpl *template.Template
	pageJS   template.JS
}

var (
	bundleOnce sync.Once
	bundleVal  *bundle
	bundleErr  error
)

// loadBundle reads and checks the embedded assets once.
func loadBundle() (*bundle, error) {
	bundleOnce.Do(func() { bundleVal, bundleErr = readBundle() })
	return bundleVal, bundleErr
}

func readBundle() (*bundle, error) {
	read := func(name string) (string, error) {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return "", fmt.Errorf("report: embedded asset %s: %w", name, err)
		}
		return string(b), nil
	}
	var b bundle
	var js, css, rcss, rjs, lic, ver, tmpl, ptmpl, pjs string
	for name, dst := range map[string]*string{
		"leaflet/leaflet.js": &js, "leaflet/leaflet.css": &css, "leaflet/LICENSE": &lic, "leaflet/VERSION": &ver,
		"report.css": &rcss, "report.js": &rjs, "report.html.tmpl": &tmpl, "page.html.tmpl": &ptmpl, "page.js": &pjs,
	} {
		s, err := read(name)
		if err != nil {
			return nil, err
		}
		*dst = s
	}
	// Inlined code must not be able to end its element early.
	for _, c := range []struct{ name, text, bad string }{
		{"leaflet/leaflet.js", js, "</script"}, {"leaflet/leaflet.js", js, "<!--"},
		{"report.js", rjs, "</script"}, {"report.js", rjs, "<!--"},
		{"page.js", pjs, "</script"}, {"page.js", pjs, "<!--"},
		{"leaflet/leaflet.css", css, "</style"}, {"report.css", rcss, "</style"},
	} {
		if strings.Contains(strings.ToLower(c.text), c.bad) {
			return nil, fmt.Errorf("report: embedded asset %s contains %q and cannot be inlined", c.name, c.bad)
		}
	}
	t, err := template.New("report").Parse(tmpl)
	if err != nil {
		return nil, fmt.Errorf("report: template: %w", err)
	}
	b.tmpl = t
	pt, err := template.New("page").Parse(ptmpl)
	if err != nil {
		return nil, fmt.Errorf("report: page template: %w", err)
	}
	b.pageTmpl = pt
	b.pageJS = template.JS(pjs)
	b.leafletJS = template.JS(js)
	b.leafletCSS = template.CSS(css)
	b.leafletLicense = lic
	b.leafletVersion = strings.TrimPrefix(strings.SplitN(ver, "\n", 2)[0], "leaflet ")
	b.reportCSS = template.CSS(rcss)
	b.reportJS = template.JS(rjs)
	return &b, nil
}

// writeScriptJSON writes raw JSON so that it is safe inside a <script>
// element: "<", ">", "&", U+2028 and U+2029 become \u escapes. In valid
// JSON these can occur only inside strings, where the escapes mean the same
// characters, so the text still parses to the same value, and no input can
// close the element or open a comment.
func writeScriptJSON(w *bufio.Writer, raw []byte) error {
	start := 0
	flush := func(i int, esc string) {
		w.Write(raw[start:i])
		w.WriteString(esc)
	}
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '<':
			flush(i, `\u003c`)
			start = i + 1
		case '>':
			flush(i, `\u003e`)
			start = i + 1
		case '&':
			flush(i, `\u0026`)
			start = i + 1
		case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(raw) && raw[i+1] == 0x80 && (raw[i+2] == 0xA8 || raw[i+2] == 0xA9) {
				flush(i, `\u202`+string("89"[raw[i+2]-0xA8]))
				i += 2
				start = i + 1
			}
		}
	}
	_, err := w.Write(raw[start:])
	return err
}

// writeDataBlock writes one <script type="application/json"> element.
func writeDataBlock(w *bufio.Writer, d dataBlock) error {
	w.WriteString(`<script type="application/json" id="` + template.HTMLEscapeString(d.ID) + `">`)
	if err := writeScriptJSON(w, d.JSON); err != nil {
		return err
	}
	_, err := w.WriteString("</script>\n")
	return err
}
