#!/usr/bin/env bash
# The bundle tool set of setup-node-tools.sh (which lists what it installs and for which test).
# Usage: tests/export/setup-bundle-tools.sh [BUILD_DIR]   (default: ./build)
exec bash "$(dirname "$0")/setup-node-tools.sh" bundle "$@"
