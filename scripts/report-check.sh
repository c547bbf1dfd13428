#!/usr/bin/env bash
# Browser check of the HTML pages: renders the report of the hand-made
# results in testdata/report/run, the demo's report, the Tampere report
# with every mode and measure (when ../shared/data is there), diff.html
# and plan.html; opens each in headless Chromium without network and
# checks through the DOM that every section and chart is there, that no
# chart text overlaps another or leaves its chart, that no heading is cut
# off and that every map layer drew its features. Screenshots (the demo's
# map and region comparison, diff, plan) and the fixture report are kept
# under artefacts/ (or $SAAVU_ARTEFACTS) for CI.
#
# Needs a Chromium binary on PATH (chromium, chromium-browser or
# google-chrome): on Debian, apt-get install chromium. Without one the test
# is skipped, and this script fails unless REPORT_CHECK_OPTIONAL=1, so that
# `make report-check` never passes without having looked.
set -euo pipefail
cd "$(dirname "$0")/.."

export SAAVU_ARTEFACTS="${SAAVU_ARTEFACTS:-artefacts}"

found=""
for b in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$b" >/dev/null 2>&1; then found="$b"; break; fi
done
if [ -z "$found" ]; then
  if [ "${REPORT_CHECK_OPTIONAL:-0}" = "1" ]; then
    echo "report-check: no Chromium on PATH; skipped (apt-get install chromium to run it)"
    exit 0
  fi
  echo "report-check: no Chromium on PATH (apt-get install chromium)" >&2
  exit 1
fi

echo "report-check: using $(command -v "$found"); artefacts in $SAAVU_ARTEFACTS/"
go test -count=1 -v -run '^(TestReportRendersInChromium|TestReportChecksInChromium)$' ./internal/report
go test -count=1 -v -run '^(TestReportsRenderInChromium|TestDiffPageRendersInChromium|TestPlanPageRendersInChromium)$' ./internal/cli
