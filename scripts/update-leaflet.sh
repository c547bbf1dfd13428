#!/usr/bin/env bash
# Refreshes the Leaflet copy embedded in the HTML report.
#
# The report (internal/report) inlines Leaflet's leaflet.js and leaflet.css
# so that a report file opens offline. They come from the npm package
# "leaflet" (BSD-2-Clause); its LICENSE travels with them and is reproduced in
# every report. Marker images are not copied: the report draws circle markers
# only and never uses Leaflet's default marker icon.
#
# Usage: scripts/update-leaflet.sh [VERSION]     (default: the pinned one below)
#
# Steps: `npm pack leaflet@VERSION` into a temporary folder (npm verifies the
# tarball against the registry's integrity hash), extract it, copy
# dist/leaflet.js, dist/leaflet.css and LICENSE into
# internal/report/assets/leaflet/, and record the version and the tarball's
# sha256 in VERSION there. Review the diff, then run `go test ./internal/report/...`.
set -euo pipefail

version="${1:-1.9.4}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/internal/report/assets/leaflet"

command -v npm >/dev/null || { echo "update-leaflet: npm is needed (apt-get install npm)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "leaflet@${version}" >/dev/null)
tgz="$tmp/leaflet-${version}.tgz"
[ -f "$tgz" ] || { echo "update-leaflet: npm pack did not produce $tgz" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp"

for f in dist/leaflet.js dist/leaflet.css LICENSE; do
  [ -s "$tmp/package/$f" ] || { echo "update-leaflet: $f missing from leaflet@${version}" >&2; exit 1; }
done
if grep -qi '</script' "$tmp/package/dist/leaflet.js"; then
  echo "update-leaflet: leaflet.js contains a closing script tag and cannot be inlined as is" >&2
  exit 1
fi

mkdir -p "$dest"
cp "$tmp/package/dist/leaflet.js" "$dest/leaflet.js"
cp "$tmp/package/dist/leaflet.css" "$dest/leaflet.css"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
sum="$(sha256sum "$tgz" | cut -d' ' -f1)"
printf 'leaflet %s\nnpm tarball sha256 %s\n' "$version" "$sum" >"$dest/VERSION"

echo "update-leaflet: leaflet ${version} copied to ${dest#"$root"/}"
