package demo_test

import (
	"fmt"
	"log"
	"os"

	"github.com/saavu/saavu/internal/demo"
)

// Generate writes the schematic South Savo scenario; the manifest lists the
// sub-regions with their real 2022 populations.
func ExampleGenerate() {
	dir, err := os.MkdirTemp("", "saavu-demo-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	m, err := demo.Generate(dir, demo.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("demo day", m.Date)
	for _, sr := range m.SubRegions {
		fmt.Println(sr.ID, sr.Name, sr.Municipalities, sr.Population)
	}
	// Output:
	// demo day 20260310
	// 101 Mikkeli [097 213 491 507 623] 68496
	// 103 Savonlinna [046 681 740 768] 39109
	// 105 Pieksämäki [178 593] 22846
}
