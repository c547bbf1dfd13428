# saavu: make demo runs the built-in South Savo scenario, make test the tests.
GO        ?= go
BIN       := bin/saavu
PKGS      := ./...
FUZZTIME  ?= 30s
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/saavu/saavu/internal/cli.Version=$(VERSION)

.PHONY: all build test race demo bench fuzz fuzz-short lint fmt vet clean report-check pgrouting-check slurm-check

all: build

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/saavu

test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

# race runs the packages with parallel work under the race detector; -short
# skips the slow real-data and browser tests.
race:
	$(GO) test -race -short -count=1 ./internal/... ./data/... ./geo/...

# pgrouting-check compares shortest walks, rides and drives on the real extracts
# with pgRouting; it installs and starts PostgreSQL with PostGIS and
# pgRouting first (Debian packages, needs root). make test runs the same
# test when SAAVU_PGROUTING is set, as .ci/run does.
pgrouting-check:
	SAAVU_PGROUTING="$$(scripts/pgrouting-setup.sh)" $(GO) test -count=1 -run TestPgRoutingAgreement -v ./internal/route/

# slurm-check starts a one-node Slurm cluster (Debian packages, needs
# root) and submits the Slurm scripts of deploy/slurm as the README says;
# make test runs the same test when SAAVU_SLURM is set, as .ci/run does.
slurm-check:
	scripts/slurm-setup.sh
	SAAVU_SLURM=1 $(GO) test -count=1 -run TestSlurmArray -v ./deploy/

# report-check renders the fixture report in headless Chromium; the
# screenshot and HTML land in artefacts/.
report-check:
	@scripts/report-check.sh

demo: build
	./$(BIN) demo --out demo-out

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# fuzz runs every fuzz target for FUZZTIME each; fuzz-short 20,000 executions
# each (CI: a count has no deadline to trip over).
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

fuzz-short:
	@scripts/fuzz.sh 20000x

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin demo-out
