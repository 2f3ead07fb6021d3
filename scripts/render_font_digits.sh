#!/usr/bin/env bash
# Installs the handwriting fonts and Pillow when missing (scripts/pillow_python.sh), then
# renders the font digit sets: scripts/render_font_digits.sh OUT_DIR [render_font_digits.py flags]
set -euo pipefail
out=${1:?usage: scripts/render_font_digits.sh OUT_DIR [flags]}; shift
here=$(cd "$(dirname "$0")" && pwd)
py=$("$here/pillow_python.sh")
exec "$py" "$here/render_font_digits.py" --out "$out" "$@"
