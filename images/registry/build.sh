#!/usr/bin/env bash
# The Distribution registry (registry:2) from Debian's docker-registry, laid out like the
# official image: config in /etc/docker/registry/config.yml, data in /var/lib/registry, port 5000.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

fetch_debs docker-registry
extract_debs "$work/staging"
root="$work/rootfs"
new_rootfs "$root"
add_elf "$root" "$work/staging" /usr/bin/docker-registry
ln -s docker-registry "$root/usr/bin/registry"
add_busybox "$root"
add_etc "$root"
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "the registry image"
install -D -m 644 "$here/config.yml" "$root/etc/docker/registry/config.yml"
install -m 755 "$here/entrypoint.sh" "$root/entrypoint.sh"
mkdir -p "$root/var/lib/registry"

version=$(dpkg-deb -f "$(ls "$DEB_DIR"/docker-registry_*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'ENTRYPOINT ["/entrypoint.sh"]' \
  'CMD ["/etc/docker/registry/config.yml"]' \
  'EXPOSE 5000' \
  'VOLUME /var/lib/registry' \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV ENV=/etc/profile' \
  "LABEL org.opencontainers.image.description=\"Distribution registry $version from Debian packages, built offline by docker-playground\""
