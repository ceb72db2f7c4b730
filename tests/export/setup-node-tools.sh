#!/usr/bin/env bash
# Installs one set of test-only Node tools into BUILD_DIR/NAME-tools (the product never needs
# Node; never writes the repository):
#   asl    asl-validator (the ASL schema) and aws-local-stepfunctions (an independent ASL
#          interpreter the exported flows run on), for tst_aslproof;
#   argo   @kubernetes-models/argo-workflows (ajv validators generated from Argo's published
#          JSON schema), ajv + ajv-formats and yaml, for tst_argoschema;
#   bundle kubernetes-models (the Kubernetes API schemas as validators) and yaml, for
#          tst_bundleexport.
# Usage: tests/export/setup-node-tools.sh asl|argo|bundle [BUILD_DIR]   (default: ./build)
set -euo pipefail
name="${1:?usage: setup-node-tools.sh asl|argo|bundle [BUILD_DIR]}"
build="${2:-build}"
case "$name" in
  asl) packages=(asl-validator@4 aws-local-stepfunctions@3) ;;
  argo) packages=(@kubernetes-models/argo-workflows@2 ajv@8 ajv-formats@3 yaml@2) ;;
  bundle) packages=(kubernetes-models@4 yaml@2) ;;
  *) echo "setup-node-tools: unknown tool set '$name' (asl, argo or bundle)" >&2; exit 2 ;;
esac
dir="$build/$name-tools"
missing=0
for p in "${packages[@]}"; do
  [ -f "$dir/node_modules/${p%@*}/package.json" ] || missing=1
done
if [ "$missing" = 0 ]; then
  echo "setup-node-tools: $name tools already in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "setup-node-tools: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
# A package.json of its own, so npm never walks up into the repository's folders.
[ -f "$dir/package.json" ] || echo "{\"name\":\"tutti-$name-tools\",\"private\":true}" > "$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "${packages[@]}"
echo "setup-node-tools: ${packages[*]} in $dir"
