#!/usr/bin/env bash
# A stand-in for alpine: busybox-static's applets (sh, ping, wget, nslookup, ...) and nothing else.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

root="$work/rootfs"
new_rootfs "$root"
add_busybox "$root"
add_etc "$root"
cat >"$root/etc/os-release" <<'OS'
NAME="BusyBox (stand-in for Alpine Linux)"
ID=busybox
PRETTY_NAME="BusyBox stand-in for Alpine Linux, built offline by docker-playground"
OS
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "Alpine Linux"

import_rootfs "$root" \
  'CMD ["/bin/sh"]' \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV ENV=/etc/profile' \
  'LABEL org.opencontainers.image.description="busybox-based stand-in for alpine, built offline by docker-playground"'
