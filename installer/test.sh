#!/usr/bin/env bash
# The README's test command (and CI's): set up, build, run every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/setup-debian.sh
bash installer/build.sh
# Test-only npm tools (tst_aslproof, tst_argoschema); without npm the test says it skips, the rest still runs.
bash tests/export/setup-asl-tools.sh build ||
  echo "test.sh: asl-validator/aws-local-stepfunctions not installed; tst_aslproof will skip" >&2
bash tests/export/setup-bundle-tools.sh build ||
  echo "test.sh: kubernetes-models not installed; tst_bundleexport skips the manifest check" >&2
bash tests/export/setup-argo-tools.sh build ||
  echo "test.sh: the Argo schema validators not installed; tst_argoschema will skip" >&2
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@"
