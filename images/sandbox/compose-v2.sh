#!/usr/bin/env bash
# Puts Compose v2 (`docker compose`, containers named project-service-1) into the sandbox's
# root file system: bookworm's docker-compose is 1.29, trixie's is v2, a Go binary installed
# as a docker CLI plugin that needs only libc (GLIBC 2.34; bookworm has 2.36). Only that
# binary is taken from trixie, checked against the digest pinned here, and kept in the cache.
# Usage: compose-v2.sh ROOTFS CACHE_DIR MIRROR
set -euo pipefail
rootfs=$1 cache=$2 mirror=$3
deb=docker-compose_2.26.1-4_amd64.deb
sha256=47681197cb2b1ab88206b42a1a92fc75f50d9530a6322d03494a473eed0408ea
plugin=usr/libexec/docker/cli-plugins/docker-compose

if ! echo "$sha256  $cache/$deb" | sha256sum -c --status 2>/dev/null; then
  echo "downloading Compose v2 ($deb) from Debian trixie"
  curl -fsS --retry 3 --max-time 600 -o "$cache/$deb.part" "$mirror/pool/main/d/docker-compose/$deb"
  echo "$sha256  $cache/$deb.part" | sha256sum -c --status || {
    echo "$deb does not match its pinned digest" >&2
    exit 1
  }
  mv "$cache/$deb.part" "$cache/$deb"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$cache/$deb" "$work"
# The v1 package stays for `docker-compose`; `docker compose` is v2.
install -D -m 0755 "$work/$plugin" "$rootfs/$plugin"
chroot "$rootfs" /$plugin version | grep -q 'version v\?2\.' || {
  echo "the Compose v2 plugin does not run in the sandbox's root file system" >&2
  exit 1
}
