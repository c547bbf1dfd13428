package outdir_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saavu/saavu/data/outdir"
)

func Example() {
	root, _ := os.MkdirTemp("", "saavu-example-")
	defer os.RemoveAll(root)

	d, err := outdir.Open(root)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer d.Abort() // no effect once committed

	w, _ := d.Create("cells.csv")
	io.WriteString(w, "cell,minutes\nc1,12\n")
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	entries, _ := os.ReadDir(root)
	fmt.Println("before commit:", len(entries), "entry (the staging folder)")

	if err := d.Commit(); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(filepath.Join(root, "cells.csv"))
	entries, _ = os.ReadDir(root)
	fmt.Printf("after commit: %d entry, %q\n", len(entries), b)
	// Output:
	// before commit: 1 entry (the staging folder)
	// after commit: 1 entry, "cell,minutes\nc1,12\n"
}
