#!/bin/sh
# Runs before `npm start` and `npm test`: installs npm dependencies on a fresh clone and
# rebuilds the browser client when its sources changed. Cheap when nothing changed.
set -e
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[bootstrap] installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
stamp=dist/client/index.html
if [ ! -f "$stamp" ] || [ -n "$(find client common vite.config.ts -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  echo "[bootstrap] building the browser client"
  npx vite build --logLevel warn
fi
