package gpkg

import (
	"errors"
	"fmt"
)

// Sentinel errors, for errors.Is.
var (
	ErrName         = errors.New("gpkg: bad name")
	ErrGeometryType = errors.New("gpkg: wrong geometry type")
	ErrGeometry     = errors.New("gpkg: bad geometry")
	ErrValue        = errors.New("gpkg: bad attribute value")
	ErrSRS          = errors.New("gpkg: unknown spatial reference system")
	ErrClosed       = errors.New("gpkg: writer closed")
)

// FeatureError is a problem with one feature given to Layer.Insert.
type FeatureError struct {
	Layer   string
	Feature int    // 0-based number of the feature in the layer
	Column  string // "" for the geometry or the whole row
	Err     error
}

func (e *FeatureError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("gpkg: layer %q feature %d: column %q: %v", e.Layer, e.Feature, e.Column, e.Err)
	}
	return fmt.Sprintf("gpkg: layer %q feature %d: %v", e.Layer, e.Feature, e.Err)
}

func (e *FeatureError) Unwrap() error { return e.Err }
