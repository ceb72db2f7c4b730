#!/usr/bin/env bash
# Installs the bundle test's validators into BUILD_DIR/bundle-tools for tst_bundleexport
# (test-only: the product never needs Node): kubernetes-models (the Kubernetes API schemas as
# validators) and yaml (to read the manifests).
# Usage: tests/export/setup-bundle-tools.sh [BUILD_DIR]   (default: ./build). Never writes the repo.
set -euo pipefail
build="${1:-build}"
dir="$build/bundle-tools"
if [ -f "$dir/node_modules/kubernetes-models/package.json" ] &&
   [ -f "$dir/node_modules/yaml/package.json" ]; then
  echo "setup-bundle-tools: already in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "setup-bundle-tools: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
# A package.json of its own, so npm never walks up into the repository's folders.
[ -f "$dir/package.json" ] || echo '{"name":"tutti-bundle-tools","private":true}' > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error kubernetes-models@4 yaml@2
echo "setup-bundle-tools: kubernetes-models and yaml in $dir"
