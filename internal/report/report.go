package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/saavu/saavu/data/results"
)

// Write writes the HTML report of r to w: one self-contained file that
// needs no network to view (except tiles when opts.BasemapURL is set).
// The same r and opts always give the same bytes.
func Write(w io.Writer, r *results.Results, opts Options) error {
	if r == nil {
		return errors.New("report: no results")
	}
	b, err := loadBundle()
	if err != nil {
		return err
	}
	p, err := buildPage(r, opts, b)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := b.tmpl.ExecuteTemplate(bw, "head", p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, d := range p.data {
		if err := writeDataBlock(bw, d); err != nil {
			return fmt.Errorf("report: writing %s: %w", d.ID, err)
		}
	}
	if err := b.tmpl.ExecuteTemplate(bw, "tail", p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
