#!/usr/bin/env bash
# Installs the ASL proof tools into BUILD_DIR/asl-tools for tst_aslproof (test-only: the product
# never needs Node): asl-validator (checks a state machine against the ASL schema) and
# aws-local-stepfunctions (an independent ASL interpreter the exported flows are run on).
# Usage: tests/export/setup-asl-tools.sh [BUILD_DIR]   (default: ./build). Never writes the repo.
set -euo pipefail
build="${1:-build}"
dir="$build/asl-tools"
if [ -f "$dir/node_modules/asl-validator/package.json" ] &&
   [ -f "$dir/node_modules/aws-local-stepfunctions/package.json" ]; then
  echo "setup-asl-tools: already in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "setup-asl-tools: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
# A package.json of its own, so npm never walks up into the repository's folders.
[ -f "$dir/package.json" ] || echo '{"name":"tutti-asl-tools","private":true}' > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
  asl-validator@4 aws-local-stepfunctions@3
echo "setup-asl-tools: asl-validator and aws-local-stepfunctions in $dir"
