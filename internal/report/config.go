package report

import (
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/saavu/saavu/data/results"
)

// config is the JSON the map script reads from the saavu-config block.
type config struct {
	Categories     []jsChoice        `json:"categories"`
	Modes          []jsChoice        `json:"modes"`
	Groups         []jsChoice        `json:"groups"`
	Thresholds     []float64         `json:"thresholds"`
	Colors         []string          `json:"colors"`
	Unreachable    string            `json:"unreachable"`
	ClassLabels    []string          `json:"classLabels"`
	ServiceColors  map[string]string `json:"serviceColors"`
	CategoryLabels map[string]string `json:"categoryLabels"`
	Large          bool              `json:"large"`
	Basemap        *jsBasemap        `json:"basemap"`
	GapMin         *float64          `json:"gapMin"`
	// Totals: "category|mode|group" -> shares over all regions, as the
	// text the tables show: rounded once, in Go.
	Totals map[string]jsTotal `json:"totals"`
	// Default is the first view of the map.
	DefaultCategory string `json:"defaultCategory"`
	DefaultMode     string `json:"defaultMode"`
	// Layers are the measures the map can show beside the nearest time.
	Layers []jsLayer `json:"layers"`
}

type jsChoice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

type jsBasemap struct {
	URL string `json:"url"`
	// Attribution is HTML-escaped text: Leaflet inserts it as HTML.
	Attribution string `json:"attribution"`
}

type jsTotal struct {
	Within      []string `json:"within"` // formatted shares per threshold
	Unreachable string   `json:"unreachable"`
}

func buildConfig(r *results.Results, opts Options, colors []string, catColors map[string]string, p *page) ([]byte, error) {
	cfg := config{
		Thresholds:      make([]float64, 0, len(r.Thresholds)),
		Colors:          colors,
		Unreachable:     UnreachableColor,
		ClassLabels:     classLabels(r.Thresholds),
		ServiceColors:   catColors,
		CategoryLabels:  map[string]string{},
		Large:           r.Cells.Count > opts.largeCells(),
		Totals:          map[string]jsTotal{},
		DefaultCategory: p.DefaultCategory,
		DefaultMode:     p.DefaultMode,
		Layers:          p.Layers,
	}
	if cfg.Layers == nil {
		cfg.Layers = []jsLayer{}
	}
	for _, t := range r.Thresholds {
		cfg.Thresholds = append(cfg.Thresholds, float64(t))
	}
	for c := range catColors {
		cfg.CategoryLabels[c] = categoryLabel(c)
	}
	for _, c := range r.Categories {
		cfg.Categories = append(cfg.Categories, jsChoice{c, categoryLabel(c)})
	}
	for _, m := range r.Modes {
		cfg.Modes = append(cfg.Modes, jsChoice{m, modeLabel(m)})
	}
	for _, g := range r.Groups {
		cfg.Groups = append(cfg.Groups, jsChoice{g, humanize(g)})
	}
	if cfg.Groups == nil {
		cfg.Groups = []jsChoice{}
	}
	if opts.BasemapURL != "" {
		cfg.Basemap = &jsBasemap{URL: opts.BasemapURL, Attribution: template.HTMLEscapeString(basemapAttribution(opts))}
	}
	if r.GapMin.Valid {
		v := float64(r.GapMin.Value)
		cfg.GapMin = &v
	}
	for _, c := range r.Categories {
		for _, m := range r.Modes {
			for _, g := range r.Groups {
				pop, unreach, within := regionTotals(r, g, c, m)
				if pop <= 0 {
					continue
				}
				t := jsTotal{Unreachable: share(unreach, pop)}
				for _, w := range within {
					t.Within = append(t.Within, share(w, pop))
				}
				cfg.Totals[c+"|"+m+"|"+g] = t
			}
		}
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("report: map configuration: %w", err)
	}
	return b, nil
}
