#!/usr/bin/env bash
# Everything DealLoop needs on a fresh Debian/Ubuntu machine: the system packages its tests use
# as real parts (LibreOffice recalculates the workbooks and makes the PDFs, Chromium runs the
# taskpane, poppler renders PDF pages), then the npm packages exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    echo "setup: installing ${missing[*]} (apt-get)"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}"
  else
    echo "setup: please install ${missing[*]} with your package manager; the tests that need them say so and skip." >&2
  fi
fi

echo "setup: installing npm packages (npm ci)"
npm ci --no-fund --no-audit
