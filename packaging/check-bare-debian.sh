#!/usr/bin/env bash
# Installs the package into a bare Debian 12 (debootstrap --variant=minbase, in a chroot) with
# `apt install ./tutti_*.deb` and runs an example there: the check of issue 15's "installs into a
# bare Debian 12". Needs root, network to deb.debian.org and debootstrap; leaves nothing behind.
# Usage: packaging/check-bare-debian.sh build/tutti_0.1.0_amd64.deb
set -euo pipefail
deb=$(realpath "$1")
root=$(mktemp -d /tmp/tutti-bare.XXXXXX)
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp "$deb" "$root/root/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
chroot "$root" sh -c "apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /root/$(basename "$deb") >/dev/null"
# The examples are read-only in /usr/share: copy one, as a user would, to run it with its trace.
chroot "$root" sh -ec '
  tutti --version
  cp -r /usr/share/tutti/examples/checkout /root/checkout
  tutti run /root/checkout/checkout.flow.yaml --input "{\"sku\":\"A-100\",\"qty\":2,\"amount\":42}"
  tutti trace list --trace-db /root/checkout/.tutti/traces.db
  tutti-studio --version
  test -f /usr/share/applications/io.github.tutti.Studio.desktop
  test -f /usr/share/mime/application/x-tutti-flow+yaml.xml'
echo "check-bare-debian: installed and ran in a bare Debian 12"
