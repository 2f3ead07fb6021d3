#!/usr/bin/env bash
# Prints a Python that has Pillow, after installing the handwriting fonts the renderers use
# (Debian packages, with sudo when not root). $PYTHON wins when set; else python3 when it has
# Pillow; else .venv-fonts at the repository root, made and filled from PyPI on first use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fonts=(fonts-dkg-handwriting fonts-breip fonts-bwht fonts-dancingscript fonts-comic-neue
       fonts-humor-sans fonts-klee fonts-rufscript fonts-sjfonts fonts-yusei-magic fonts-seto)
missing=()
for p in "${fonts[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    { "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" \
        || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; }; } >&2
fi
if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; exit 0; fi
if python3 -c 'import PIL' 2>/dev/null; then command -v python3; exit 0; fi
venv="$here/../.venv-fonts"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
"$venv/bin/python" -c 'import PIL' 2>/dev/null || "$venv/bin/pip" install --quiet 'pillow>=10' >&2
echo "$(cd "$venv" && pwd)/bin/python"
