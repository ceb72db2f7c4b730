#!/usr/bin/env bash
# Installs the Argo schema tools into BUILD_DIR/argo-tools for tst_argoschema (test-only: the
# product never needs Node): @kubernetes-models/argo-workflows (ajv validators generated from
# Argo's published JSON schema for Workflow and every type under it), ajv + ajv-formats, and yaml
# (to read the exported YAML). Usage: tests/export/setup-argo-tools.sh [BUILD_DIR] (default:
# ./build). Never writes the repo.
set -euo pipefail
build="${1:-build}"
dir="$build/argo-tools"
if [ -f "$dir/node_modules/@kubernetes-models/argo-workflows/package.json" ] &&
   [ -f "$dir/node_modules/yaml/package.json" ] && [ -f "$dir/node_modules/ajv/package.json" ]; then
  echo "setup-argo-tools: already in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "setup-argo-tools: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
# A package.json of its own, so npm never walks up into the repository's folders.
[ -f "$dir/package.json" ] || echo '{"name":"tutti-argo-tools","private":true}' > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
  @kubernetes-models/argo-workflows@2 ajv@8 ajv-formats@3 yaml@2
echo "setup-argo-tools: @kubernetes-models/argo-workflows, ajv and yaml in $dir"
