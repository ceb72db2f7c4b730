#!/usr/bin/env bash
# Installs what Tutti needs to build, test and run on Debian 12, skipping what is already there.
# Runs apt-get as root, or through sudo. `--fuzz` adds clang-19 and its sanitizer/libFuzzer
# runtimes for the coverage-guided fuzz build (README "Fuzzing and sanitizers"); Debian 12's
# clang-14 cannot compile the project (libstdc++ 12's <expected> needs newer concepts support).
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config clang-format
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev
  qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libqscintilla2-qt6-dev libgl-dev
  qt6-translations-l10n libqscintilla2-qt6-l10n
  libcurl4-openssl-dev nlohmann-json3-dev libyaml-cpp-dev libsqlite3-dev sqlite3 libre2-dev
  libgraphviz-dev qtkeychain-qt6-dev
  xvfb xauth imagemagick fonts-dejavu-core curl
  wrk nginx-light
  dbus gnome-keyring
  # the package (packaging/, tests/integration/tst_package): icons, `cpack -G DEB` and its checks
  librsvg2-bin dpkg-dev file groff-base lintian desktop-file-utils appstream shared-mime-info
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-19 libclang-rt-19-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
