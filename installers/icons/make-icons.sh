#!/usr/bin/env bash
# Regenerates the raster icons from sextant.svg (ImageMagick). The outputs are committed, so this
# runs only when the drawing changes. macOS's .icns is made by build.sh on macOS (sips + iconutil).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
convert -background none sextant.svg -resize 256x256 -depth 8 sextant.png
convert -background none sextant.svg -define icon:auto-resize=256,128,64,48,32,16 sextant.ico
