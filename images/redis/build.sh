#!/usr/bin/env bash
# Redis from Debian's redis-tools (which ships redis-server and redis-cli), plus a busybox shell.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

fetch_debs redis-tools
extract_debs "$work/staging"
root="$work/rootfs"
new_rootfs "$root"
# redis-server is a link to redis-check-rdb in the package; the binary picks its mode by argv[0].
add_elf "$root" "$work/staging" /usr/bin/redis-check-rdb /usr/bin/redis-cli
ln -s redis-check-rdb "$root/usr/bin/redis-server"
ln -s redis-check-rdb "$root/usr/bin/redis-check-aof"
add_busybox "$root"
add_etc "$root"
install -D -m 755 "$here/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
mkdir -p "$root/data"

version=$(dpkg-deb -f "$(ls "$DEB_DIR"/redis-tools_*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'ENTRYPOINT ["docker-entrypoint.sh"]' \
  'CMD ["redis-server"]' \
  'EXPOSE 6379' \
  'WORKDIR /data' \
  'VOLUME /data' \
  'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  "LABEL org.opencontainers.image.description=\"Redis $version from Debian packages, built offline by docker-playground\""
