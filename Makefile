# saavu: make demo runs the built-in South Savo scenario, make test the tests.
GO        ?= go
BIN       := bin/saavu
PKGS      := ./...
FUZZTIME  ?= 30s
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/saavu/saavu/internal/cli.Version=$(VERSION)

.PHONY: all build test race demo bench fuzz fuzz-short lint fmt vet clean

all: build

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/saavu

test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

race:
	$(GO) test -race -count=1 ./internal/... ./data/...

demo: build
	./$(BIN) demo --out demo-out

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# fuzz runs every fuzz target for FUZZTIME each; fuzz-short briefly (CI).
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

fuzz-short:
	@scripts/fuzz.sh 5s

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin demo-out
