#!/usr/bin/env bash
# The README's run command: set up, build, then open the checkout example in the studio when a
# display is available, else run it headless against its mocks and print the result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/setup-debian.sh
bash installer/build.sh
example=resources/examples/checkout/checkout.flow.yaml
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/tutti-studio "$example"
fi
echo "No display: running the checkout example headless (tutti run)."
build/app/tutti run "$example" --input '{"sku":"A-100","qty":2,"amount":42}'
