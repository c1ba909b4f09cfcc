#!/usr/bin/env bash
# hello-world: prints Docker's greeting and exits, as the official image does.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

root="$work/rootfs"
mkdir -p "$root/bin"
fetch_debs busybox-static
dpkg-deb -x "$(ls "$DEB_DIR"/busybox-static_*.deb | sort -V | tail -n1)" "$work/staging"
# One static binary and the message: the image has no shell of its own, like the original.
cp "$work/staging/bin/busybox" "$root/bin/busybox"
install -m 644 "$here/greeting.txt" "$root/greeting.txt"
import_rootfs "$root" \
  'CMD ["/bin/busybox", "cat", "/greeting.txt"]' \
  'LABEL org.opencontainers.image.description="hello-world, built offline by docker-playground"'
