#!/usr/bin/env bash
# curlimages/curl: Debian's curl as the entrypoint (`docker run curlimages/curl -s http://web`),
# running as curl_user like the original, with a busybox shell.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"
. "$PLAYGROUND_ROOT/images/lib/alpine-notice.sh"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work="$CACHE_DIR/work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT

fetch_debs curl
extract_debs "$work/staging"
root="$work/rootfs"
new_rootfs "$root"
add_elf "$root" "$work/staging" /usr/bin/curl
add_busybox "$root"
add_etc "$root" 'curl_user:x:100:101:curl_user:/home/curl_user:/bin/sh'
mkdir -p "$root/home/curl_user"
chown 100:101 "$root/home/curl_user" 2>/dev/null || true
echo 'export PS1="\h:\w\$ "' >"$root/etc/profile"
add_alpine_notice "$root" "curlimages/curl"
install -m 755 "$here/entrypoint.sh" "$root/entrypoint.sh"

version=$(dpkg-deb -f "$(ls "$DEB_DIR"/curl_*.deb | sort -V | tail -n1)" Version)
import_rootfs "$root" \
  'ENTRYPOINT ["/entrypoint.sh"]' \
  'CMD ["curl"]' \
  'USER curl_user' \
  'WORKDIR /home/curl_user' \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV ENV=/etc/profile' \
  "LABEL org.opencontainers.image.description=\"curl $version from Debian packages, built offline by docker-playground\""
