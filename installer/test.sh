#!/usr/bin/env bash
# The README's test command (and CI's): set up, build, run every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/setup-debian.sh
bash installer/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@"
