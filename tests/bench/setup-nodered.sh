#!/usr/bin/env bash
# Installs Node-RED 4 into BUILD_DIR/nodered for bench_serve (test-only: the product never needs
# Node). Usage: tests/bench/setup-nodered.sh [BUILD_DIR]   (default: ./build)
set -euo pipefail
build="${1:-build}"
if [ -f "$build/nodered/node_modules/node-red/red.js" ]; then
  echo "setup-nodered: already in $build/nodered"
  exit 0
fi
command -v npm >/dev/null || { echo "setup-nodered: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$build/nodered"
npm install --prefix "$build/nodered" --no-audit --no-fund --loglevel=error node-red@4
echo "setup-nodered: $(node "$build/nodered/node_modules/node-red/red.js" --version 2>/dev/null | head -1 || true) in $build/nodered"
