#!/bin/sh
# Renders a report page (report.html or national.html) with headless Chromium, offline, to a PNG of
# the first screen and to an A4 PDF as the print stylesheet lays it out:
#
#   bash scripts/render-report.sh Reports/2025-Q3/14/report.html [OUT_DIR]
#
# writes OUT_DIR/report.png and OUT_DIR/report.pdf (OUT_DIR defaults to the page's folder).
# Environment: WIDTH (default 1200) and HEIGHT (default 3000) of the PNG in CSS pixels; CHROMIUM
# (default: chromium, else chromium-browser, else google-chrome). When no browser is found and the
# script runs as root on Debian/Ubuntu, it apt-installs `chromium` (heavy: kept out of .ci/run).
set -eu

page=${1:?usage: render-report.sh PAGE.html [OUT_DIR]}
[ -f "$page" ] || { echo "render-report.sh: no such file: $page" >&2; exit 1; }
out=${2:-$(dirname "$page")}
mkdir -p "$out"
base=$(basename "$page" .html)
width=${WIDTH:-1200}
height=${HEIGHT:-3000}

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
    done
fi
if [ -z "$browser" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "render-report.sh: installing chromium (apt-get)" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation fonts-dejavu-core >&2
        browser=chromium
    else
        echo "render-report.sh: no Chromium found; install Debian's 'chromium' package or set CHROMIUM" >&2
        exit 1
    fi
fi

url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM
# No network: the page is self-contained, so block every host to prove it.
set -- --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile" \
    --host-resolver-rules="MAP * ~NOTFOUND" --disable-extensions --run-all-compositor-stages-before-draw

"$browser" "$@" --window-size="$width,$height" --screenshot="$out/$base.png" "$url" >/dev/null 2>&1
"$browser" "$@" --no-pdf-header-footer --print-to-pdf="$out/$base.pdf" "$url" >/dev/null 2>&1

for file in "$out/$base.png" "$out/$base.pdf"; do
    [ -s "$file" ] || { echo "render-report.sh: Chromium wrote no $file" >&2; exit 1; }
    echo "$file"
done
