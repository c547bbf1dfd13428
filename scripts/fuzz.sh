#!/usr/bin/env bash
# Runs every Fuzz* target of the module for the given budget each: a
# duration ("30s") or a count of executions ("20000x"). A count has no
# deadline, so a short run cannot fail with the fuzz engine's "context
# deadline exceeded" when the time ends while it is minimising an input;
# CI uses a count for that reason.
set -euo pipefail
t="${1:-30s}"
cd "$(dirname "$0")/.."
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "== $pkg $f ($t)"
    go test -run '^$' -fuzz "^${f}\$" -fuzztime "$t" "$pkg"
  done
done
