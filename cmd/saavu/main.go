// Command saavu tells who can reach which public service, how fast, by
// which mode, and where the gaps are. See 'saavu help'.
package main

import (
	"os"

	"github.com/saavu/saavu/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
