package osm

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// blockWorker decodes one PBF Blob message. Each worker goroutine has its
// own, so a worker may keep scratch buffers between blocks.
type blockWorker[T any] func(blob []byte) (T, error)

// runBlocks decodes PBF blocks on a pool of goroutines and hands the
// results to consume in file order. produce reads the blocks and passes
// each to send, stopping when send returns false. At most 4 blocks per
// worker are read but not yet consumed, which bounds memory. Every
// goroutine has ended when runBlocks returns. The first error in file order
// is returned.
func runBlocks[T any](
	parent context.Context,
	workers int,
	name string,
	produce func(ctx context.Context, send func(pbfBlock, []byte) bool) error,
	newWorker func() blockWorker[T],
	consume func(pbfBlock, T) error,
) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	type job struct {
		seq  int
		b    pbfBlock
		blob []byte
	}
	type result struct {
		seq int
		b   pbfBlock
		v   T
		err error
	}
	jobs := make(chan job, workers)
	results := make(chan result, workers)
	tokens := make(chan struct{}, 4*workers)

	var prodErr error
	prodDone := make(chan struct{})
	go func() {
		defer close(prodDone)
		defer close(jobs)
		defer func() {
			if r := recover(); r != nil {
				prodErr = fileError(name, fmt.Errorf("internal error reading blocks: %v", r))
			}
		}()
		seq := 0
		prodErr = produce(ctx, func(b pbfBlock, blob []byte) bool {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- job{seq: seq, b: b, blob: blob}:
				seq++
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for j := range jobs {
				v, err := safeDecode(w, j.blob)
				if err != nil {
					var oe *Error
					if !errors.As(err, &oe) {
						err = &Error{File: name, Offset: j.b.offset, Err: err}
					}
				}
				select {
				case results <- result{seq: j.seq, b: j.b, v: v, err: err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := make(map[int]result)
	next := 0
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // draining after an error
		}
		pending[r.seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if p.err == nil {
				p.err = consume(p.b, p.v)
			}
			if p.err != nil {
				firstErr = p.err
				cancel()
				break
			}
		}
	}
	<-prodDone
	switch {
	case firstErr != nil:
		return firstErr
	case prodErr != nil && !errors.Is(prodErr, context.Canceled) && !errors.Is(prodErr, context.DeadlineExceeded):
		return prodErr
	case parent.Err() != nil:
		return fileError(name, parent.Err())
	case prodErr != nil:
		return prodErr
	}
	return nil
}

// safeDecode runs w, turning a panic (a bug, since decoding checks its
// input) into an error so that one bad block cannot crash the program.
func safeDecode[T any](w blockWorker[T], blob []byte) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: internal error decoding block: %v", ErrCorrupt, r)
		}
	}()
	return w(blob)
}
