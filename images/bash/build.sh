#!/usr/bin/env bash
# bash: Debian's bash with busybox's utilities, like the official (Alpine-based) image.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

fetch_debs bash
extract_debs "$work/staging"
root="$work/rootfs"
new_rootfs "$root"
add_elf "$root" "$work/staging" /usr/bin/bash
add_busybox "$root"
add_etc "$root"
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "the bash image"
# bash reads this for interactive shells, as busybox sh reads $ENV.
echo '. /etc/profile' >"$root/etc/bash.bashrc"
install -D -m 755 "$here/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"

version=$(dpkg-deb -f "$(ls "$DEB_DIR"/bash_*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'ENTRYPOINT ["docker-entrypoint.sh"]' \
  'CMD ["bash"]' \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV ENV=/etc/profile' \
  "LABEL org.opencontainers.image.description=\"bash $version from Debian packages, built offline by docker-playground\""
