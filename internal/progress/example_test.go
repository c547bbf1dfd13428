package progress_test

import (
	"os"
	"sync"

	"github.com/saavu/saavu/internal/progress"
)

// A stage shared by workers: each finished origin adds one. On a terminal
// the line updates in place; redirected to a file, stderr gets nothing.
func Example() {
	p := progress.New(os.Stderr, progress.IsTerminal(os.Stderr))
	origins := make(chan int)
	bar := p.Stage("car origins", 1000)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range origins {
				// ... route from the origin ...
				bar.Add(1)
			}
		}()
	}
	for i := range 1000 {
		origins <- i
	}
	close(origins)
	wg.Wait()
	bar.Done()
}
