#!/usr/bin/env bash
# A stand-in for ubuntu: Debian's bash with busybox's utilities. No apt: apt and apt-get
# explain that nothing can be installed offline.
. "$PLAYGROUND_ROOT/images/lib/rootfs.sh"

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
sed -i 's|^root:x:0:0:root:/root:/bin/sh$|root:x:0:0:root:/root:/bin/bash|' "$root/etc/passwd"
cat >"$root/etc/os-release" <<'OS'
NAME="Ubuntu"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu stand-in (Debian's bash and BusyBox), built offline by docker-playground"
OS
cat >"$root/etc/motd" <<'MOTD'
This is the docker-playground's offline stand-in for Ubuntu: Debian's bash and BusyBox,
no apt and no internet. Packages cannot be installed here.
(Pengganti Ubuntu tanpa internet: apt tidak tersedia.)
MOTD
printf 'PS1="\\u@\\h:\\w\\$ "\n[ -t 0 ] && [ -z "${PLAYGROUND_MOTD_SHOWN:-}" ] && cat /etc/motd && export PLAYGROUND_MOTD_SHOWN=1\n' \
  >"$root/etc/bash.bashrc"
for tool in apt apt-get; do install -m 755 "$here/apt.sh" "$root/usr/bin/$tool"; done

import_rootfs "$root" \
  'CMD ["/bin/bash"]' \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'LABEL org.opencontainers.image.description="bash and busybox standing in for ubuntu, built offline by docker-playground"'
