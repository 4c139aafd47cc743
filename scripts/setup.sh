#!/usr/bin/env bash
# Everything DealLoop needs on a fresh Debian/Ubuntu machine: the system packages its tests use
# as real parts (LibreOffice recalculates the workbooks and makes the PDFs, Chromium runs the
# taskpane, poppler renders PDF pages), then the npm packages exactly as locked, then the compiled
# command line. Run again, it does only what is missing: the npm packages are reinstalled only
# when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then as_root=(sudo); else as_root=(unavailable); fi
  fi
  if ! command -v apt-get >/dev/null 2>&1 || [ "${as_root[*]-}" = unavailable ]; then
    echo "setup: please install ${missing[*]} (as root, with your package manager); the tests that need them say so and skip." >&2
  else
    echo "setup: installing ${missing[*]} (apt-get)"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}"
  fi
fi

# The hash of the package-lock.json node_modules was installed from.
stamp=node_modules/.setup-lock-hash
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  echo "setup: npm packages already match package-lock.json (delete node_modules to reinstall)"
else
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-fund --no-audit
  echo "$lock_hash" >"$stamp"
fi

npm run --silent build:cli
