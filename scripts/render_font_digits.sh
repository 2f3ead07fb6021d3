#!/usr/bin/env bash
# Installs the handwriting fonts (Debian packages) and Pillow (into .venv-fonts), then renders
# the font digit sets: scripts/render_font_digits.sh OUT_DIR [extra render_font_digits.py flags]
set -euo pipefail
out=${1:?usage: scripts/render_font_digits.sh OUT_DIR [flags]}; shift
here=$(cd "$(dirname "$0")" && pwd)
fonts=(fonts-dkg-handwriting fonts-breip fonts-bwht fonts-femkeklaver fonts-dancingscript
       fonts-comic-neue fonts-humor-sans fonts-klee fonts-rufscript fonts-sjfonts fonts-yusei-magic fonts-seto)
missing=()
for p in "${fonts[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" \
        || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; }
fi
py=${PYTHON:-}
if [ -z "$py" ]; then
    if python3 -c 'import PIL' 2>/dev/null; then py=python3
    else
        venv="$here/../.venv-fonts"
        [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
        "$venv/bin/python" -c 'import PIL' 2>/dev/null || "$venv/bin/pip" install --quiet 'pillow>=10'
        py="$venv/bin/python"
    fi
fi
exec "$py" "$here/render_font_digits.py" --out "$out" "$@"
