#!/usr/bin/env bash
# Render a framelens report.html in headless Chromium to a PNG screenshot of its full page.
# Usage: scripts/screenshot_report.sh REPORT.html OUT.png [WIDTH]   (WIDTH default 1280; 400 for a phone)
# Installs Debian's chromium when it is missing (needs root and the package mirror).
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH]" >&2
    exit 2
fi
html_path=$1
png_path=$2
width=${3:-1280}
[[ -f $html_path ]] || { echo "error: $html_path: no such file" >&2; exit 2; }
[[ $width =~ ^[0-9]+$ ]] || { echo "error: WIDTH must be a number of pixels, got '$width'" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "chromium not found; installing Debian's chromium" >&2
    sudo_cmd=""
    [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update && $sudo_cmd apt-get install -y chromium
    browser=$(command -v chromium)
fi

abs_html=$(realpath "$html_path")
mkdir -p "$(dirname "$png_path")"
abs_png=$(realpath -m "$png_path")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile")
# --screenshot captures the window only, so open a window taller than the page (SCREENSHOT_HEIGHT,
# default 12000 px) and trim the blank space below the page afterwards.
height=${SCREENSHOT_HEIGHT:-12000}
"$browser" "${flags[@]}" --window-size="$width,$height" --screenshot="$abs_png" "file://$abs_html" 2>/dev/null
[[ -s $abs_png ]] || { echo "error: chromium wrote no screenshot" >&2; exit 1; }
# Trim the blank space below the page when Pillow is at hand (the project venv has it).
python=${PYTHON:-$(dirname "$0")/../.venv/bin/python}
[[ -x $python ]] || python=python3
"$python" - "$abs_png" <<'PY' || true
import sys
from PIL import Image, ImageChops
path = sys.argv[1]
image = Image.open(path).convert("RGB")
box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
if box and box[3] + 24 < image.height:
    image = image.crop((0, 0, image.width, box[3] + 24))
    image.save(path)
else:
    print(f"warning: the page may be taller than the {image.height} px window; set SCREENSHOT_HEIGHT", file=sys.stderr)
print(f"({image.width}x{image.height})", file=sys.stderr)
PY
echo "screenshot written to $abs_png" >&2
